//! The DNA lab's pipelines and how they are brought up to date: a full run
//! (new sequence length, new model), cut into steps a browser can pause
//! between ([`FullRun`]); a new g (the generic [`super::retransform`]); or,
//! after an in-place edit of a few bases, only the window of each layer that
//! the edit touches ([`super::strand_edit::edit`]).
//!
//! ρ(g)f(x) is not stored for strand layers: a word of `rc` and shifts is an
//! index map ([`crate::engine::action::StrandMap`]), so the checks read it
//! through the map and the lab reads the window it shows.
//!
//! The lab (`app::dna_lab::state`) and the benchmarks (`workloads`) both
//! call these functions, so what is measured is what the learner runs.

use super::Pipelines;
use crate::engine::check::{local_sums, LayerCheck, Traces};
use crate::engine::model::Model;
use crate::engine::nucleotide::encode;
use crate::engine::scramble::scramble;
use crate::engine::space::Signal;
use crate::engine::transform::Transform;
use std::ops::Range;
use std::sync::Arc;

/// What the last update recomputed, for the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Update {
    /// Both pipelines, every position.
    Full,
    /// Only g·x (a new transformation).
    Transformed,
    /// An in-place edit of bases `edit`; `positions` is the most positions a
    /// strand layer recomputed (of `of`); `ends` when a window touched the
    /// ends of the strand, where the engine reruns the whole layer (the
    /// padding matters there).
    Window { edit: Range<usize>, positions: usize, of: usize, ends: bool },
}

/// Run both pipelines (and the baseline's) on `seq`.
pub fn full(model: &Model, seq: &str, g: &Transform) -> Result<Pipelines, String> {
    let mut run = FullRun::start(seq, g)?;
    while !run.is_done(model) {
        run.step(model, g)?;
    }
    Ok(run.finish())
}

/// A full run cut into steps — one layer of x's pipeline, the same layer of
/// g·x's, of the scrambled baseline's, then that layer's check — so that the
/// lab can hand the browser back between them: the full run of a 100 kb
/// strand takes tens of ms (its first, on fresh memory, a few hundred), and
/// no task may block input for 50 ms. [`full`] is the same steps without a
/// pause.
#[derive(Debug)]
pub struct FullRun {
    x: Signal,
    gx: Signal,
    sx: Signal,
    trace_x: Vec<Signal>,
    trace_gx: Vec<Signal>,
    trace_sx: Vec<Signal>,
    checks: Vec<LayerCheck>,
}

/// Steps of a full run per layer: x, g·x, s·x, the check.
const STEPS_PER_LAYER: usize = 4;

impl FullRun {
    /// Encode `seq`, move it by `g` and scramble it: every layer is still to run.
    pub fn start(seq: &str, g: &Transform) -> Result<FullRun, String> {
        let x = encode(seq).map_err(|e| format!("The sequence cannot be encoded: {e}."))?;
        let gx = g.act(&x).map_err(|e| format!("{g} cannot act on this sequence: {e}."))?;
        let sx = scramble(&x);
        Ok(FullRun { x, gx, sx, trace_x: vec![], trace_gx: vec![], trace_sx: vec![], checks: vec![] })
    }

    /// The encoded sequence x and g·x (known from the start).
    pub fn inputs(&self) -> (&Signal, &Signal) {
        (&self.x, &self.gx)
    }

    /// Steps done and steps in all.
    pub fn progress(&self, model: &Model) -> (usize, usize) {
        (
            self.trace_x.len() + self.trace_gx.len() + self.trace_sx.len() + self.checks.len(),
            STEPS_PER_LAYER * model.layers.len(),
        )
    }

    /// Layers done and layers in all (for "layer k of n").
    pub fn layers_done(&self, model: &Model) -> (usize, usize) {
        (self.checks.len(), model.layers.len())
    }

    pub fn is_done(&self, model: &Model) -> bool {
        let (done, all) = self.progress(model);
        done >= all
    }

    /// Run the next step (nothing when done).
    pub fn step(&mut self, model: &Model, g: &Transform) -> Result<(), String> {
        let k = self.checks.len();
        let Some(layer) = model.layers.get(k) else { return Ok(()) };
        let forward =
            |input: &Signal| layer.forward(input).map_err(|e| format!("layer {} ({}): {e}", k + 1, layer.kind()));
        if self.trace_x.len() == k {
            let y = forward(self.trace_x.last().unwrap_or(&self.x))?;
            self.trace_x.push(y);
        } else if self.trace_gx.len() == k {
            let y = forward(self.trace_gx.last().unwrap_or(&self.gx))?;
            self.trace_gx.push(y);
        } else if self.trace_sx.len() == k {
            let y = forward(self.trace_sx.last().unwrap_or(&self.sx))?;
            self.trace_sx.push(y);
        } else {
            let check = LayerCheck::of(k, layer.as_ref(), (&self.trace_x[k], &self.trace_gx[k], &self.trace_sx[k]), g);
            self.checks.push(check);
            let traces = Traces { x: &self.trace_x, gx: &self.trace_gx, sx: &self.trace_sx };
            let local = local_sums(model, k, &self.checks, traces);
            self.checks[k].set_local(local);
        }
        Ok(())
    }

    /// The pipelines (complete once [`Self::is_done`]).
    pub fn finish(self) -> Pipelines {
        Pipelines {
            x: self.x,
            gx: self.gx,
            sx: self.sx,
            trace_x: Arc::new(self.trace_x),
            trace_gx: Arc::new(self.trace_gx),
            trace_sx: Arc::new(self.trace_sx),
            checks: self.checks,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::models::dna::{build, DnaArch, DnaModelConfig};
    use crate::io::dna_presets::random_sequence;
    use crate::io::transform_expr::{parse, Domain};

    /// Equal up to the rounding of the f32 blocks of `squared_sums`.
    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-6 * a.abs().max(b.abs()) + 1e-12
    }

    #[test]
    fn a_run_in_steps_is_the_full_run() {
        let model = build(&DnaModelConfig::default());
        let g = parse("rc;shift(3)", Domain::Dna).unwrap();
        let seq = random_sequence(400, 2);
        let mut run = FullRun::start(&seq, &g).unwrap();
        let mut steps = 0;
        while !run.is_done(&model) {
            run.step(&model, &g).unwrap();
            steps += 1;
        }
        assert_eq!(steps, STEPS_PER_LAYER * model.layers.len());
        assert_eq!(run.progress(&model), (steps, steps));
        let (p, want) = (run.finish(), full(&model, &seq, &g).unwrap());
        assert_eq!(p.trace_gx.last().unwrap().data, want.trace_gx.last().unwrap().data);
        assert_eq!(p.checks.len(), model.layers.len());
        // The trace the model itself computes, layer for layer.
        for (a, b) in p.trace_x.iter().zip(model.trace(&p.x).unwrap()) {
            assert_eq!(a.data, b.data);
        }
    }

    #[test]
    fn checks_through_the_map_equal_the_check_that_moves_every_entry() {
        // The checks read ρ(g)f(x) of a strand layer through the index map;
        // the design's definition moves every entry (`Transform::act`) and
        // compares. Same errors, same verdicts, for an equivariant and a
        // non-equivariant model.
        for (arch, g) in [(DnaArch::RcConv, "rc"), (DnaArch::Conv, "rc;shift(5)"), (DnaArch::RcConv, "shift(-9)")] {
            let model = build(&DnaModelConfig { arch, ..DnaModelConfig::default() });
            let g = parse(g, Domain::Dna).unwrap();
            let p = full(&model, &random_sequence(700, 4), &g).unwrap();
            for (c, (fx, fgx)) in p.checks.iter().zip(p.trace_x.iter().zip(p.trace_gx.iter())) {
                let moved = g.act(fx).unwrap();
                let eq = crate::engine::check::relative_error(&fgx.data, &moved.data);
                let inv = crate::engine::check::relative_error(&fgx.data, &fx.data);
                assert!(close(c.invariance_error, inv));
                let got = c.equivariance_error.unwrap();
                assert!(close(got, eq) || (got < 1e-9 && eq < 1e-9), "{g} layer {}: {got} vs {eq}", c.index);
                assert_eq!(
                    c.verdict,
                    crate::engine::check::Verdict::from_errors(inv, Some(eq), c.baseline_error),
                    "{g} layer {}",
                    c.index
                );
            }
            assert!(p.checks.iter().any(|c| matches!(c.moved, crate::engine::check::Moved::Mapped(_))));
            if arch == DnaArch::Conv {
                assert!(p.checks[0].equivariance_error.unwrap() > 1e-2, "a plain conv is not RC-equivariant");
            }
        }
    }
}

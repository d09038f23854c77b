//! Both pipelines of the DNA lab and how they are brought up to date: a full
//! run (new sequence length, new model, new g), or, after an in-place edit
//! of a few bases, only the window of each layer that the edit touches
//! (`strand_window`), for x and for g·x, in place.
//!
//! ρ(g)f(x) is not stored for strand layers: a word of `rc` and shifts is an
//! index map ([`StrandMap`]), so the checks read it through the map and the
//! lab reads the window it shows. With the traces updated in place, an edit
//! of a 100 kb strand neither copies nor allocates tens of MB.
//!
//! The lab (`app::dna_lab::state`) and the benchmarks (`workloads`) both
//! call these functions, so what is measured is what the learner runs.

use crate::engine::action::StrandMap;
use crate::engine::check::{compare, squared_sums, ErrorSums, LayerCheck, Moved};
use crate::engine::layers::Geometry;
use crate::engine::model::Model;
use crate::engine::nucleotide::{encode, one_hot};
use crate::engine::space::{Signal, Tensor};
use crate::engine::strand_window::{apply_plan, plan_span, Dirty};
use crate::engine::transform::Transform;
use ndarray::{Axis, Slice};
use std::ops::Range;

/// The input, its transform, every layer's output for both, and the checks.
#[derive(Clone, Debug)]
pub struct Pipelines {
    pub x: Signal,
    pub gx: Signal,
    pub trace_x: Vec<Signal>,
    pub trace_gx: Vec<Signal>,
    pub checks: Vec<LayerCheck>,
}

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

/// Run both pipelines on `seq`.
pub fn full(model: &Model, seq: &str, g: &Transform) -> Result<Pipelines, String> {
    let mut run = FullRun::start(seq, g)?;
    while !run.is_done(model) {
        run.step(model, g)?;
    }
    Ok(run.finish())
}

/// A full run cut into steps — one layer of x's pipeline, the same layer of
/// g·x's, that layer's check — so that the lab can hand the browser back
/// between them: the full run of a 100 kb strand takes tens of ms (its
/// first, on fresh memory, a few hundred), and no task may block input for
/// 50 ms. [`full`] is the same steps without a pause.
#[derive(Debug)]
pub struct FullRun {
    p: Pipelines,
}

impl FullRun {
    /// Encode `seq` and move it by `g`: every layer is still to run.
    pub fn start(seq: &str, g: &Transform) -> Result<FullRun, String> {
        let x = encode(seq).map_err(|e| format!("The sequence cannot be encoded: {e}."))?;
        let gx = g.act(&x).map_err(|e| format!("{g} cannot act on this sequence: {e}."))?;
        Ok(FullRun { p: Pipelines { x, gx, trace_x: vec![], trace_gx: vec![], checks: vec![] } })
    }

    /// The encoded sequence x and g·x (known from the start).
    pub fn inputs(&self) -> (&Signal, &Signal) {
        (&self.p.x, &self.p.gx)
    }

    /// Steps done and steps in all (three per layer).
    pub fn progress(&self, model: &Model) -> (usize, usize) {
        (self.p.trace_x.len() + self.p.trace_gx.len() + self.p.checks.len(), 3 * model.layers.len())
    }

    pub fn is_done(&self, model: &Model) -> bool {
        let (done, all) = self.progress(model);
        done >= all
    }

    /// Run the next step (nothing when done).
    pub fn step(&mut self, model: &Model, g: &Transform) -> Result<(), String> {
        let p = &mut self.p;
        let k = p.checks.len();
        let Some(layer) = model.layers.get(k) else { return Ok(()) };
        let forward =
            |input: &Signal| layer.forward(input).map_err(|e| format!("layer {} ({}): {e}", k + 1, layer.kind()));
        if p.trace_x.len() == k {
            let y = forward(p.trace_x.last().unwrap_or(&p.x))?;
            p.trace_x.push(y);
        } else if p.trace_gx.len() == k {
            let y = forward(p.trace_gx.last().unwrap_or(&p.gx))?;
            p.trace_gx.push(y);
        } else {
            p.checks.push(LayerCheck::of(k, layer.as_ref(), &p.trace_x[k], &p.trace_gx[k], g));
        }
        Ok(())
    }

    /// The pipelines (complete once [`Self::is_done`]).
    pub fn finish(self) -> Pipelines {
        self.p
    }
}

/// Keep the x pipeline of `p` and rerun g·x for a new `g`, in place; `p` is
/// unchanged when `g` cannot act on the sequence.
pub fn retransform(model: &Model, p: &mut Pipelines, g: &Transform) -> Result<(), String> {
    let gx = g.act(&p.x).map_err(|e| format!("{g} cannot act on this sequence: {e}."))?;
    let trace_gx = model.trace(&gx).map_err(|e| e.0)?;
    p.checks = compare(model, &p.trace_x, &trace_gx, g);
    (p.gx, p.trace_gx) = (gx, trace_gx);
    Ok(())
}

fn recomputed(dirty: &[Dirty], l: usize) -> usize {
    dirty
        .iter()
        .map(|d| match d {
            Dirty::All => 0,
            Dirty::Ranges(r) => r.iter().map(|r| r.len()).sum(),
        })
        .max()
        .unwrap_or(0)
        .min(l)
}

/// True when a recomputed window of a convolution reached past an end of
/// the strand: `strand_window` then reruns that layer whole.
fn touched_ends(model: &Model, dirty: &[Dirty], l: usize) -> bool {
    dirty.iter().zip(&model.layers).any(|(d, layer)| match (d, layer.geometry()) {
        (Dirty::Ranges(rs), Geometry::Window { size, offset, .. }) => {
            rs.iter().any(|r| r.start < offset || r.end + size.saturating_sub(offset + 1) > l)
        }
        _ => false,
    })
}

/// Bring `p` up to date, in place, after bases `edit` of the sequence
/// changed (`seq` is the new sequence, of the same length): only the
/// windows the edit touches are recomputed, for x and for g·x, and the
/// checks' sums move by the difference on the positions that changed.
///
/// On an error `p` may be half updated: rerun [`full`].
pub fn edit(model: &Model, p: &mut Pipelines, seq: &str, edit: Range<usize>, g: &Transform) -> Result<Update, String> {
    let l = seq.len();
    if p.x.data.shape() != [4, l] {
        return Err("the pipelines belong to a sequence of another length".into());
    }
    let piece = seq.get(edit.clone()).ok_or("the edit is outside the sequence")?;
    let enc = one_hot(piece).map_err(|e| format!("The sequence cannot be encoded: {e}."))?;
    let map = StrandMap::of(g).ok_or_else(|| format!("{g} is not a word of rc and shifts"))?;
    let (s, e) = map.span_of(edit.clone(), l);
    let dirty = plan_span(model, &p.x, &p.trace_x, edit.start as i64, edit.end as i64).map_err(|e| e.0)?;
    let dirty_gx = plan_span(model, &p.gx, &p.trace_gx, s, e).map_err(|e| e.0)?;

    // The old values on the positions about to change, summed first.
    let plans: Vec<Option<Incremental>> =
        (0..model.layers.len()).map(|k| Incremental::plan(p, k, (&dirty, &dirty_gx), map, l)).collect();
    let before: Vec<Option<(ErrorSums, ErrorSums)>> =
        plans.iter().enumerate().map(|(k, plan)| plan.as_ref().and_then(|plan| plan.sums(p, k, map))).collect();

    p.x.data.slice_axis_mut(Axis(1), Slice::from(edit.clone())).assign(&enc);
    for r in cyclic(s, e, l) {
        let moved = map.window(&p.x, r.clone()).map_err(|e| e.0)?;
        p.gx.data.slice_axis_mut(Axis(1), Slice::from(r)).assign(&moved.data);
    }
    apply_plan(model, &p.x, &mut p.trace_x, &dirty).map_err(|e| e.0)?;
    apply_plan(model, &p.gx, &mut p.trace_gx, &dirty_gx).map_err(|e| e.0)?;

    for (k, layer) in model.layers.iter().enumerate() {
        let (fx, fgx) = (&p.trace_x[k], &p.trace_gx[k]);
        let after = plans[k].as_ref().and_then(|plan| plan.sums(p, k, map));
        let old = &p.checks[k];
        p.checks[k] = match (before[k], after, old.equivariance_sums) {
            (Some((inv0, eq0)), Some((inv1, eq1)), Some(eq)) => LayerCheck::from_sums(
                k,
                layer.as_ref(),
                old.invariance_sums.replaced(inv0, inv1),
                Some(eq.replaced(eq0, eq1)),
                Moved::Mapped(map),
            ),
            _ => LayerCheck::of(k, layer.as_ref(), fx, fgx, g),
        };
    }
    let positions = recomputed(&dirty, l).max(recomputed(&dirty_gx, l));
    let ends = touched_ends(model, &dirty, l) || touched_ends(model, &dirty_gx, l);
    Ok(Update::Window { edit, positions, of: l, ends })
}

/// The positions of one strand layer whose values an edit changes: where
/// `Φ(x)` or `Φ(g·x)` changes for the invariance error, where `ρ(g)Φ(x)` (the
/// changed positions moved by g, [`StrandMap::span_of`]) or `Φ(g·x)` changes for the
/// equivariance error. Summed before and after the update, the difference
/// moves the layer's sums. `None` for layers checked in full (global ones,
/// a whole-layer update, a layer whose check does not read through the map).
struct Incremental {
    invariance: Vec<Range<usize>>,
    equivariance: Vec<Range<usize>>,
}

impl Incremental {
    fn plan(
        p: &Pipelines,
        k: usize,
        (dirty, dirty_gx): (&[Dirty], &[Dirty]),
        map: StrandMap,
        l: usize,
    ) -> Option<Self> {
        let (Some(Dirty::Ranges(rx)), Some(Dirty::Ranges(rgx))) = (dirty.get(k), dirty_gx.get(k)) else { return None };
        let (fx, fgx, check) = (p.trace_x.get(k)?, p.trace_gx.get(k)?, p.checks.get(k)?);
        if strand_len(fx) != Some(l) || fgx.data.shape() != fx.data.shape() {
            return None;
        }
        if !matches!(check.moved, Moved::Mapped(m) if m == map) || check.equivariance_sums.is_none() {
            return None;
        }
        let moved = rx.iter().flat_map(|r| {
            let (s, e) = map.span_of(r.clone(), l);
            cyclic(s, e, l)
        });
        Some(Incremental {
            invariance: merged(rx.iter().chain(rgx).cloned().collect()),
            equivariance: merged(moved.chain(rgx.iter().cloned()).collect()),
        })
    }

    /// The invariance and equivariance sums of layer `k` on these positions.
    fn sums(&self, p: &Pipelines, k: usize, map: StrandMap) -> Option<(ErrorSums, ErrorSums)> {
        let (fx, fgx) = (p.trace_x.get(k)?, p.trace_gx.get(k)?);
        let invariance = window_sums(&fgx.data, &fx.data, &self.invariance)?;
        let mut equivariance = ErrorSums::default();
        map.visit_pairs(&fgx.data, fx, &self.equivariance, |a, b| {
            equivariance = equivariance + ErrorSums::of_slices(a, b)
        })
        .ok()?;
        Some((invariance, equivariance))
    }
}

/// The strand length of a `(C, L)` layer output, `None` for other shapes.
fn strand_len(s: &Signal) -> Option<usize> {
    (s.data.ndim() == 2).then(|| s.data.shape()[1])
}

/// The positions of the cyclic span `[s, e)` modulo `l`, as at most two ranges.
#[allow(clippy::single_range_in_vec_init)] // a list of ranges, here of one
fn cyclic(s: i64, e: i64, l: usize) -> Vec<Range<usize>> {
    let n = l as i64;
    if n == 0 || e - s >= n {
        return vec![0..l];
    }
    let (a, b) = (s.rem_euclid(n), s.rem_euclid(n) + (e - s));
    if b <= n {
        vec![a as usize..b as usize]
    } else {
        vec![a as usize..l, 0..(b - n) as usize]
    }
}

/// Sorted, non-overlapping ranges covering the same positions.
fn merged(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.retain(|r| r.start < r.end);
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// The [`ErrorSums`] of `a` against `b`, two `(C, L)` arrays, over positions
/// `ranges` of every channel; `None` if they are not contiguous.
fn window_sums(a: &Tensor, b: &Tensor, ranges: &[Range<usize>]) -> Option<ErrorSums> {
    let l = *a.shape().get(1)?;
    let (sa, sb) = (a.as_slice()?, b.as_slice()?);
    let mut total = ErrorSums::default();
    for (ra, rb) in sa.chunks_exact(l.max(1)).zip(sb.chunks_exact(l.max(1))) {
        for r in ranges {
            let r = r.start.min(l)..r.end.min(l);
            let (diff, norm) = squared_sums(&ra[r.clone()], &rb[r]);
            total = total + ErrorSums { diff, norm };
        }
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::kernels::conv1d::Padding;
    use crate::engine::models::dna::{build, DnaArch, DnaModelConfig};
    use crate::io::dna_presets::random_sequence;
    use crate::io::transform_expr::{parse, Domain};
    use proptest::prelude::*;

    /// Equal up to the rounding of the f32 blocks of `squared_sums`.
    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-6 * a.abs().max(b.abs()) + 1e-12
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// After a run of in-place edits (anywhere, the ends included), the
        /// checks moved by differences equal the checks of a full run, error
        /// for error and verdict for verdict, for an equivariant and a
        /// non-equivariant model, circular and zero padding, every kind of g.
        #[test]
        fn incremental_checks_equal_a_full_check(
            seed in 0u64..1000,
            rc_model in any::<bool>(),
            circular in any::<bool>(),
            g_index in 0usize..4,
            edits in proptest::collection::vec((0usize..300, 1usize..6, 0u8..4), 1..6),
        ) {
            let cfg = DnaModelConfig {
                arch: if rc_model { DnaArch::RcConv } else { DnaArch::Conv },
                padding: if circular { Padding::Circular } else { Padding::Zero },
                ..DnaModelConfig::default()
            };
            let model = build(&cfg);
            let g = parse(["rc", "shift(7)", "rc;shift(-3)", "shift(299)"][g_index], Domain::Dna).unwrap();
            let mut seq = random_sequence(300, seed);
            let mut p = full(&model, &seq, &g).unwrap();
            for (at, len, base) in edits {
                let at = at.min(seq.len() - 1);
                let end = (at + len).min(seq.len());
                let letter = ["A", "C", "G", "T"][base as usize];
                seq.replace_range(at..end, &letter.repeat(end - at));
                edit(&model, &mut p, &seq, at..end, &g).unwrap();
                let want = full(&model, &seq, &g).unwrap();
                // The pipelines updated in place are the pipelines of the new sequence.
                prop_assert_eq!(&p.x.data, &want.x.data);
                prop_assert_eq!(&p.gx.data, &want.gx.data);
                for (t, w) in p.trace_x.iter().chain(&p.trace_gx).zip(want.trace_x.iter().chain(&want.trace_gx)) {
                    prop_assert!((&t.data - &w.data).iter().all(|v| v.abs() < 1e-5));
                }
                for (got, want) in p.checks.iter().zip(&want.checks) {
                    prop_assert!(close(got.invariance_error, want.invariance_error),
                        "layer {} invariance {} vs {}", got.index, got.invariance_error, want.invariance_error);
                    match (got.equivariance_error, want.equivariance_error) {
                        (Some(a), Some(b)) => prop_assert!(close(a, b), "layer {} equivariance {a} vs {b}", got.index),
                        (a, b) => prop_assert_eq!(a, b),
                    }
                    prop_assert_eq!(got.verdict, want.verdict);
                }
            }
        }
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
        assert_eq!(steps, 3 * model.layers.len());
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
            for (c, (fx, fgx)) in p.checks.iter().zip(p.trace_x.iter().zip(&p.trace_gx)) {
                let moved = g.act(fx).unwrap();
                let eq = crate::engine::check::relative_error(&fgx.data, &moved.data);
                let inv = crate::engine::check::relative_error(&fgx.data, &fx.data);
                assert!(close(c.invariance_error, inv));
                let got = c.equivariance_error.unwrap();
                assert!(close(got, eq) || (got < 1e-9 && eq < 1e-9), "{g} layer {}: {got} vs {eq}", c.index);
                assert_eq!(
                    c.verdict,
                    crate::engine::check::Verdict::from_errors(inv, Some(eq)),
                    "{g} layer {}",
                    c.index
                );
            }
            assert!(p.checks.iter().any(|c| matches!(c.moved, Moved::Mapped(_))));
            if arch == DnaArch::Conv {
                assert!(p.checks[0].equivariance_error.unwrap() > 1e-2, "a plain conv is not RC-equivariant");
            }
        }
    }

    #[test]
    fn an_edit_moves_the_old_sums_rather_than_summing_again() {
        // Proof that the incremental path runs: old sums made wrong on
        // purpose stay wrong by the same amount after an edit of a strand layer.
        let model = build(&DnaModelConfig::default());
        let g = parse("rc", Domain::Dna).unwrap();
        let mut seq = random_sequence(500, 1);
        let mut p = full(&model, &seq, &g).unwrap();
        p.checks[0].invariance_sums.diff += 1000.0;
        p.checks[0].equivariance_sums.as_mut().unwrap().norm += 1000.0;
        seq.replace_range(100..101, if &seq[100..101] == "A" { "C" } else { "A" });
        edit(&model, &mut p, &seq, 100..101, &g).unwrap();
        let want = full(&model, &seq, &g).unwrap();
        let (got, truth) = (p.checks[0].invariance_sums.diff, want.checks[0].invariance_sums.diff);
        assert!((got - truth - 1000.0).abs() < 1e-6 * truth, "{got} vs {truth} + 1000");
        let (got, truth) =
            (p.checks[0].equivariance_sums.unwrap().norm, want.checks[0].equivariance_sums.unwrap().norm);
        assert!((got - truth - 1000.0).abs() < 1e-6 * truth, "{got} vs {truth} + 1000");
        assert!(matches!(p.checks[0].moved, Moved::Mapped(_)), "ρ(g)f(x) of a strand layer is read through the map");
    }

    #[test]
    fn cyclic_spans_split_at_the_end_and_ranges_merge() {
        assert_eq!(cyclic(-2, 3, 10), vec![8..10, 0..3]);
        assert_eq!(cyclic(12, 14, 10), vec![2..4]);
        assert_eq!(cyclic(0, 25, 10), vec![0..10]);
        assert_eq!(merged(vec![5..7, 0..2, 1..3, 7..9, 4..4]), vec![0..3, 5..9]);
    }

    #[test]
    fn an_edit_that_breaks_equivariance_shows_in_the_moved_sums() {
        // A plain conv model is not RC-equivariant: its errors must stay far
        // from zero after edits, as in a full run (a stuck "equivariant"
        // would fail here).
        let cfg = DnaModelConfig { arch: DnaArch::Conv, ..DnaModelConfig::default() };
        let model = build(&cfg);
        let g = parse("rc", Domain::Dna).unwrap();
        let mut seq = random_sequence(200, 3);
        let mut p = full(&model, &seq, &g).unwrap();
        seq.replace_range(50..53, "GGG");
        edit(&model, &mut p, &seq, 50..53, &g).unwrap();
        let conv = &p.checks[0];
        assert!(conv.equivariance_error.unwrap() > 1e-2, "{:?}", conv.equivariance_error);
        assert_ne!(conv.verdict, crate::engine::check::Verdict::Equivariant);
    }
}

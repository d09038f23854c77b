//! Local recomputation after an edit of a strand: when bases `[a, b)` change
//! (same length), the output of a convolution changes only where its
//! receptive field touches the edit, so a 100 kb sequence need not be
//! recomputed for a one-letter edit.
//!
//! A layer's output on a window is computed generically from its
//! [`Geometry`]: the input is cut to the window plus the halo the layer
//! reads (`offset` before, `size - 1 - offset` after), the layer runs on
//! that piece, and the halo is dropped. Near the ends of the strand the
//! padding matters, so a window there is taken from a full recompute
//! instead. Dirty spans are treated as cyclic (an edit at position 0 also
//! dirties the last positions under circular padding); with zero padding
//! that only recomputes a few positions more than needed, never fewer.

use crate::engine::layers::{Geometry, Layer, LayerError};
use crate::engine::model::Model;
use crate::engine::space::Signal;
use ndarray::{Axis, Slice};
use std::ops::Range;

/// Which positions of a layer's output an update recomputed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dirty {
    /// The whole output (global layers, or a span as long as the strand).
    All,
    /// These position ranges only (at most two: a cyclic span split at the end).
    Ranges(Vec<Range<usize>>),
}

/// Positions before and after output `i` that it reads: `(offset, size - 1 - offset)`;
/// `None` for layers that are not stride-1 windows.
pub fn halo(layer: &dyn Layer) -> Option<(usize, usize)> {
    match layer.geometry() {
        Geometry::Pointwise => Some((0, 0)),
        Geometry::Window { size, stride: 1, offset } if offset < size => Some((offset, size - 1 - offset)),
        _ => None,
    }
}

fn positions(x: &Signal) -> Option<usize> {
    (x.data.ndim() == 2).then(|| x.data.shape()[1])
}

fn cut(x: &Signal, range: Range<usize>) -> Signal {
    let data = x.data.slice_axis(Axis(1), Slice::from(range)).to_owned();
    Signal::new(data, x.space.clone())
}

/// The output of `layer` on positions `[start, end)` (`end <= L`), computed
/// through its receptive field from `input`, a `(C, L)` strand.
pub fn layer_window(layer: &dyn Layer, input: &Signal, start: usize, end: usize) -> Result<Signal, LayerError> {
    let l = positions(input).ok_or_else(|| LayerError("a window needs a (C, L) strand".into()))?;
    if start > end || end > l {
        return Err(LayerError(format!("window [{start}, {end}) is outside the strand of length {l}")));
    }
    if let Some((before, after)) = halo(layer) {
        if start >= before && end + after <= l {
            let y = layer.forward(&cut(input, start - before..end + after))?;
            if positions(&y) == Some(end - start + before + after) {
                return Ok(cut(&y, before..before + end - start));
            }
        }
    }
    let y = layer.forward(input)?;
    match positions(&y) {
        Some(n) if n == l => Ok(cut(&y, start..end)),
        _ => Err(LayerError(format!("{} does not keep the positions of its input", layer.kind()))),
    }
}

/// Split a cyclic span `[start, end)` (length `< l`) into ranges of `0..l`.
fn split(start: i64, end: i64, l: usize) -> Vec<Range<usize>> {
    let n = (l as i64).max(1);
    let s = start.rem_euclid(n);
    let e = s + (end - start);
    if e <= n {
        vec![Range { start: s as usize, end: e as usize }]
    } else {
        vec![(s as usize)..l, 0..((e - n) as usize)]
    }
}

/// Bring `trace` (the model's trace of the old input) up to date for
/// `x_new`, which differs from the old input only on positions `edit`.
/// Recomputes each layer only where its receptive field touches the edit;
/// global layers and everything after them are recomputed fully (they are
/// small). Returns what was recomputed per layer, for partial redraws.
pub fn update_trace(
    model: &Model,
    x_new: &Signal,
    trace: &mut [Signal],
    edit: Range<usize>,
) -> Result<Vec<Dirty>, LayerError> {
    update_trace_span(model, x_new, trace, edit.start as i64, edit.end.max(edit.start) as i64)
}

/// The positions where `new` differs from `old`, as one span `[a, b)`, when
/// both have the same length (an edit that replaced letters in place);
/// `None` when the lengths differ (an insertion or deletion moves every later
/// position, so everything must be recomputed). An empty span means no change.
pub fn changed_span(old: &[u8], new: &[u8]) -> Option<Range<usize>> {
    if old.len() != new.len() {
        return None;
    }
    let a = old.iter().zip(new).take_while(|(x, y)| x == y).count();
    if a == old.len() {
        return Some(a..a);
    }
    let tail = old.iter().rev().zip(new.iter().rev()).take_while(|(x, y)| x == y).count();
    Some(a..old.len() - tail)
}

/// [`update_trace`] for a cyclic span `[start, end)` of positions (`start`
/// may be negative or `end` past the end: positions are taken modulo `L`).
pub fn update_trace_span(
    model: &Model,
    x_new: &Signal,
    trace: &mut [Signal],
    start: i64,
    end: i64,
) -> Result<Vec<Dirty>, LayerError> {
    let plan = plan_span(model, x_new, trace, start, end)?;
    apply_plan(model, x_new, trace, &plan)?;
    Ok(plan)
}

/// What [`update_trace_span`] will recompute, layer by layer, without
/// recomputing anything: each layer only where its receptive field touches
/// the span; global layers and everything after them whole. Knowing this
/// first lets a caller read the old values of those positions (the DNA
/// lab's checks move their sums by the difference).
pub fn plan_span(model: &Model, x: &Signal, trace: &[Signal], start: i64, end: i64) -> Result<Vec<Dirty>, LayerError> {
    if trace.len() != model.layers.len() {
        return Err(LayerError("the trace does not belong to this model".into()));
    }
    let mut dirty: Option<(i64, i64)> = Some((start, end.max(start)));
    let mut plan = Vec::with_capacity(trace.len());
    for (k, old) in trace.iter().enumerate() {
        let layer = model.layers[k].as_ref();
        let input = if k == 0 { x } else { &trace[k - 1] };
        let window = match (dirty, halo(layer), positions(input)) {
            (Some((a, b)), Some((before, after)), Some(l)) if positions(old) == Some(l) => {
                let (a, b) = (a - after as i64, b + before as i64);
                (b - a < l as i64).then_some((a, b, l))
            }
            _ => None,
        };
        match window {
            Some((a, b, l)) => {
                dirty = Some((a, b));
                plan.push(Dirty::Ranges(split(a, b, l)));
            }
            None => {
                dirty = None;
                plan.push(Dirty::All);
            }
        }
    }
    Ok(plan)
}

/// Recompute `trace` for `x_new` where `plan` ([`plan_span`]) says.
pub fn apply_plan(model: &Model, x_new: &Signal, trace: &mut [Signal], plan: &[Dirty]) -> Result<(), LayerError> {
    if trace.len() != model.layers.len() || plan.len() != trace.len() {
        return Err(LayerError("the trace does not belong to this model".into()));
    }
    for (k, dirty) in plan.iter().enumerate() {
        let layer = model.layers[k].as_ref();
        let (done, rest) = trace.split_at_mut(k);
        let input = done.last().unwrap_or(x_new);
        let old = &mut rest[0];
        match dirty {
            Dirty::Ranges(ranges) => {
                for r in ranges {
                    let y = layer_window(layer, input, r.start, r.end)?;
                    if y.data.shape()[0] != old.data.shape()[0] {
                        return Err(LayerError(format!("layer {k} changed its channel count")));
                    }
                    old.data.slice_axis_mut(Axis(1), Slice::from(r.clone())).assign(&y.data);
                }
            }
            Dirty::All => {
                *old = layer.forward(input).map_err(|e| LayerError(format!("layer {k} ({}): {e}", layer.kind())))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::kernels::conv1d::Padding;
    use crate::engine::models::dna::{build, DnaArch, DnaModelConfig};
    use crate::engine::nucleotide::encode;
    use crate::engine::rng::Rng;

    fn mutate(seq: &str, a: usize, b: usize, seed: u64) -> String {
        let mut rng = Rng::new(seed);
        let mut v = seq.as_bytes().to_vec();
        for x in &mut v[a..b] {
            *x = b"ACGTN"[rng.below(5)];
        }
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn window_update_matches_full_recompute() {
        for (arch, padding, len) in [
            (DnaArch::RcConv, Padding::Circular, 300),
            (DnaArch::Conv, Padding::Zero, 300),
            (DnaArch::RcConv, Padding::Zero, 40),
            (DnaArch::Conv, Padding::Circular, 12),
        ] {
            let model = build(&DnaModelConfig { arch, padding, kernel: 7, ..Default::default() });
            let seq = crate::io::dna_presets::random_sequence(len, len as u64);
            for (i, (a, b)) in
                [(0, 1), (len - 1, len), (len / 2, len / 2 + 5), (3, 9), (0, len)].into_iter().enumerate()
            {
                let new = mutate(&seq, a, b, i as u64);
                let x_new = encode(&new).unwrap();
                let mut trace = model.trace(&encode(&seq).unwrap()).unwrap();
                let dirty = update_trace(&model, &x_new, &mut trace, a..b).unwrap();
                let full = model.trace(&x_new).unwrap();
                for (k, (t, f)) in trace.iter().zip(full.iter()).enumerate() {
                    assert_eq!(t.space, f.space);
                    let err = (&t.data - &f.data).iter().fold(0f32, |m, v| m.max(v.abs()));
                    assert!(err < 1e-6, "{arch:?} {padding:?} L{len} edit {a}..{b} layer {k}: {err}");
                }
                if len == 300 && b - a < 10 {
                    assert!(
                        matches!(&dirty[0], Dirty::Ranges(r) if r.iter().map(|r| r.len()).sum::<usize>() == b - a + 6)
                    );
                }
            }
        }
    }

    #[test]
    fn transformed_pipeline_follows_the_edit() {
        let model = build(&DnaModelConfig { kernel: 5, ..Default::default() });
        let seq = crate::io::dna_presets::random_sequence(120, 9);
        for g in ["rc", "shift(7)", "rc;shift(-50)", "shift(115);rc"] {
            let g = crate::io::transform_expr::parse(g, crate::io::transform_expr::Domain::Dna).unwrap();
            for (a, b) in [(0, 2), (60, 61), (118, 120)] {
                let new = mutate(&seq, a, b, 1);
                let mut trace = model.trace(&g.act(&encode(&seq).unwrap()).unwrap()).unwrap();
                let gx_new = g.act(&encode(&new).unwrap()).unwrap();
                let (s, e) = crate::engine::action::StrandMap::of(&g).unwrap().span_of(a..b, 120);
                update_trace_span(&model, &gx_new, &mut trace, s, e).unwrap();
                for (t, f) in trace.iter().zip(model.trace(&gx_new).unwrap().iter()) {
                    assert!((&t.data - &f.data).iter().all(|v| v.abs() < 1e-6), "{g} edit {a}..{b}");
                }
            }
        }
    }

    #[test]
    fn changed_span_finds_in_place_edits() {
        assert_eq!(changed_span(b"ACGTACGT", b"ACGTACGT"), Some(8..8));
        assert_eq!(changed_span(b"ACGTACGT", b"ACCTACGT"), Some(2..3));
        assert_eq!(changed_span(b"ACGTACGT", b"TCGTACGA"), Some(0..8));
        // Repeated letters: the span still covers every change.
        assert_eq!(changed_span(b"AAAA", b"AATA"), Some(2..3));
        assert_eq!(changed_span(b"ACGT", b"ACG"), None);
    }

    #[test]
    fn layer_window_near_the_ends_uses_the_padding() {
        let model = build(&DnaModelConfig { arch: DnaArch::Conv, padding: Padding::Zero, ..Default::default() });
        let x = encode("ACGTTGCAACGTAAAT").unwrap();
        let full = model.layers[0].forward(&x).unwrap();
        for (a, b) in [(0, 3), (5, 9), (12, 16)] {
            let w = layer_window(model.layers[0].as_ref(), &x, a, b).unwrap();
            assert_eq!(w.data, full.data.slice_axis(Axis(1), Slice::from(a..b)).to_owned());
        }
        assert!(layer_window(model.layers[0].as_ref(), &x, 3, 20).is_err());
    }
}

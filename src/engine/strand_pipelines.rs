//! Both pipelines of the DNA lab and how they are brought up to date: a full
//! run (new sequence length, new model, new g), or, after an in-place edit
//! of a few bases, only the window of each layer that the edit touches
//! (`strand_window::update_trace`), for x and for g·x.
//!
//! The lab (`app::dna_lab::state`) and the benchmarks (`workloads`) both
//! call these functions, so what is measured is what the learner runs.

use crate::engine::check::{compare, squared_sums, ErrorSums, LayerCheck};
use crate::engine::layers::Geometry;
use crate::engine::model::Model;
use crate::engine::nucleotide::{encode, one_hot};
use crate::engine::space::{Signal, Tensor};
use crate::engine::strand_window::{edit_under, update_trace, update_trace_span, Dirty};
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
    let x = encode(seq).map_err(|e| format!("The sequence cannot be encoded: {e}."))?;
    let trace_x = model.trace(&x).map_err(|e| e.0)?;
    with_x(model, x, trace_x, g)
}

/// Keep the x pipeline and rerun g·x (a new transformation).
pub fn with_x(model: &Model, x: Signal, trace_x: Vec<Signal>, g: &Transform) -> Result<Pipelines, String> {
    let gx = g.act(&x).map_err(|e| format!("{g} cannot act on this sequence: {e}."))?;
    let trace_gx = model.trace(&gx).map_err(|e| e.0)?;
    let checks = compare(model, &trace_x, &trace_gx, g);
    Ok(Pipelines { x, gx, trace_x, trace_gx, checks })
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

/// The pipelines after bases `edit` of the sequence changed in place
/// (`seq` is the new sequence, of the same length): only the windows the
/// edit touches are recomputed (the old traces are copied, not rerun), and
/// the checks' sums move by the difference on the positions that changed
/// ([`recheck`]).
pub fn edit(
    model: &Model,
    old: &Pipelines,
    seq: &str,
    edit: Range<usize>,
    g: &Transform,
) -> Result<(Pipelines, Update), String> {
    let l = seq.len();
    let piece = seq.get(edit.clone()).ok_or("the edit is outside the sequence")?;
    let enc = one_hot(piece).map_err(|e| format!("The sequence cannot be encoded: {e}."))?;
    let (mut x, mut trace_x, mut trace_gx) = (old.x.clone(), old.trace_x.clone(), old.trace_gx.clone());
    x.data.slice_axis_mut(Axis(1), Slice::from(edit.clone())).assign(&enc);
    let dirty = update_trace(model, &x, &mut trace_x, edit.clone()).map_err(|e| e.0)?;
    let gx = g.act(&x).map_err(|e| format!("{g} cannot act on this sequence: {e}."))?;
    let dirty_gx = match edit_under(g, edit.clone(), l) {
        Some((s, e)) => update_trace_span(model, &gx, &mut trace_gx, s, e).map_err(|e| e.0)?,
        None => {
            trace_gx = model.trace(&gx).map_err(|e| e.0)?;
            vec![Dirty::All]
        }
    };
    let checks = recheck(model, old, &trace_x, &trace_gx, (&dirty, &dirty_gx), g);
    let positions = recomputed(&dirty, l).max(recomputed(&dirty_gx, l));
    let ends = touched_ends(model, &dirty, l) || touched_ends(model, &dirty_gx, l);
    Ok((Pipelines { x, gx, trace_x, trace_gx, checks }, Update::Window { edit, positions, of: l, ends }))
}

/// The checks after an edit, from the old checks: on a strand layer whose
/// recomputed positions are known on both sides, the sums of the invariance
/// error change only where `Φ(x)` or `Φ(g·x)` changed, and those of the
/// equivariance error only where `ρ(g)Φ(x)` (the changed positions moved by
/// g, [`edit_under`]) or `Φ(g·x)` changed: the old values there are
/// subtracted and the new ones added. Every other layer (global ones, a
/// whole-layer update, a g that is not a position map) is checked in full.
/// `ρ(g)Φ(x)` itself is still computed whole: the lab draws it.
pub fn recheck(
    model: &Model,
    old: &Pipelines,
    trace_x: &[Signal],
    trace_gx: &[Signal],
    (dirty, dirty_gx): (&[Dirty], &[Dirty]),
    g: &Transform,
) -> Vec<LayerCheck> {
    let l = old.x.data.shape().get(1).copied().unwrap_or(0);
    model
        .layers
        .iter()
        .zip(trace_x.iter().zip(trace_gx))
        .enumerate()
        .map(|(k, (layer, (fx, fgx)))| {
            let known =
                match (dirty.get(k), dirty_gx.get(k), old.checks.get(k), old.trace_x.get(k), old.trace_gx.get(k)) {
                    (Some(Dirty::Ranges(rx)), Some(Dirty::Ranges(rgx)), Some(check), Some(ofx), Some(ofgx))
                        if strand_len(fx) == Some(l)
                            && ofx.data.shape() == fx.data.shape()
                            && fgx.data.shape() == fx.data.shape()
                            && ofgx.data.shape() == fx.data.shape() =>
                    {
                        Some((rx, rgx, check, ofx, ofgx))
                    }
                    _ => None,
                };
            let Some((rx, rgx, check, ofx, ofgx)) = known else {
                return LayerCheck::of(k, layer.as_ref(), fx, fgx, g);
            };
            let moved = g.act(fx).map_err(|e| e.0);
            let inv = merged(rx.iter().chain(rgx).cloned().collect());
            let invariance = window_sums(&ofgx.data, &ofx.data, &inv)
                .zip(window_sums(&fgx.data, &fx.data, &inv))
                .map(|(before, after)| check.invariance_sums.replaced(before, after))
                .unwrap_or_else(|| ErrorSums::of(&fgx.data, &fx.data));
            let equivariance = moved.as_ref().ok().map(|m| {
                let moved_ranges: Option<Vec<Vec<Range<usize>>>> =
                    rx.iter().map(|r| edit_under(g, r.clone(), l).map(|(s, e)| cyclic(s, e, l))).collect();
                let incremental = match (moved_ranges, &check.moved, check.equivariance_sums) {
                    (Some(mr), Ok(old_m), Some(sums)) if old_m.data.shape() == m.data.shape() => {
                        let eq = merged(mr.into_iter().flatten().chain(rgx.iter().cloned()).collect());
                        window_sums(&ofgx.data, &old_m.data, &eq)
                            .zip(window_sums(&fgx.data, &m.data, &eq))
                            .map(|(before, after)| sums.replaced(before, after))
                    }
                    _ => None,
                };
                incremental.unwrap_or_else(|| ErrorSums::of(&fgx.data, &m.data))
            });
            LayerCheck::from_sums(k, layer.as_ref(), invariance, equivariance, moved)
        })
        .collect()
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
                p = edit(&model, &p, &seq, at..end, &g).unwrap().0;
                let want = full(&model, &seq, &g).unwrap();
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
    fn an_edit_moves_the_old_sums_rather_than_summing_again() {
        // Proof that the incremental path runs: old sums made wrong on
        // purpose stay wrong by the same amount after an edit of a strand layer.
        let model = build(&DnaModelConfig::default());
        let g = parse("rc", Domain::Dna).unwrap();
        let mut seq = random_sequence(500, 1);
        let mut p = full(&model, &seq, &g).unwrap();
        p.checks[0].invariance_sums.diff += 1000.0;
        seq.replace_range(100..101, if &seq[100..101] == "A" { "C" } else { "A" });
        let next = edit(&model, &p, &seq, 100..101, &g).unwrap().0;
        let want = full(&model, &seq, &g).unwrap();
        let (got, truth) = (next.checks[0].invariance_sums.diff, want.checks[0].invariance_sums.diff);
        assert!((got - truth - 1000.0).abs() < 1e-6 * truth, "{got} vs {truth} + 1000");
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
        p = edit(&model, &p, &seq, 50..53, &g).unwrap().0;
        let conv = &p.checks[0];
        assert!(conv.equivariance_error.unwrap() > 1e-2, "{:?}", conv.equivariance_error);
        assert_ne!(conv.verdict, crate::engine::check::Verdict::Equivariant);
    }
}

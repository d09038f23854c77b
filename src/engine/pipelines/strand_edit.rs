//! An in-place edit of a few bases of a long strand: only the windows of
//! each layer that the edit touches are recomputed, for x, for g·x and for
//! the scrambled s·x of the baseline, and every check's sums (invariance,
//! equivariance, baseline, local) move by the difference on the positions
//! that changed. A one-base edit of a 100 kb strand then neither copies nor
//! allocates tens of MB.
//!
//! Where each sum changes, for a strand layer k whose output changed on
//! positions `D_k` of x's pipeline (`dirty[k]`):
//! - invariance (Φ(g·x) against Φ(x)): `D_k ∪ D^g_k`;
//! - equivariance (Φ(g·x) against ρ(g)Φ(x)): `ρ(D_k) ∪ D^g_k`;
//! - baseline (Φ(s·x) against Φ(x)): `D_k ∪ D^s_k`;
//! - local (φ_k(ρ(g)Φ_{k−1}(x)) against ρ(g)Φ_k(x)): `ρ(D_{k−1})` widened by
//!   the layer's window, `∪ ρ(D_k)`.
//!
//! The scramble moves quarters of the strand, so an edited run of bases
//! lands in s·x as at most a few runs (one per quarter it touches); each is
//! planned like the edit itself.

use super::strand::Update;
use super::Pipelines;
use crate::engine::action::StrandMap;
use crate::engine::check::{local_sums, squared_sums, ErrorSums, LayerCheck, Moved};
use crate::engine::layers::{Geometry, Layer};
use crate::engine::model::Model;
use crate::engine::nucleotide::one_hot;
use crate::engine::scramble;
use crate::engine::space::{Signal, Tensor};
use crate::engine::strand_window::{apply_plan, halo, layer_window, plan_span, Dirty};
use crate::engine::transform::Transform;
use ndarray::{Axis, Slice};
use std::ops::Range;
use std::sync::Arc;

/// Runs of s·x beyond which the scrambled pipeline is rerun whole (an edit
/// lands in at most five: one per quarter it touches, and the remainder).
const MAX_RUNS: usize = 8;

/// Bring `p` up to date, in place, after bases `edit` of the sequence
/// changed (`seq` is the new sequence, of the same length). On an error `p`
/// may be half updated: rerun [`super::strand::full`].
pub fn edit(model: &Model, p: &mut Pipelines, seq: &str, edit: Range<usize>, g: &Transform) -> Result<Update, String> {
    let l = seq.len();
    if p.x.data.shape() != [4, l] || p.trace_x.len() != model.layers.len() {
        return Err("the pipelines belong to another sequence or model".into());
    }
    let piece = seq.get(edit.clone()).ok_or("the edit is outside the sequence")?;
    let enc = one_hot(piece).map_err(|e| format!("The sequence cannot be encoded: {e}."))?;
    let map = StrandMap::of(g).ok_or_else(|| format!("{g} is not a word of rc and shifts"))?;
    let (s, e) = map.span_of(edit.clone(), l);
    let sigma = scramble::positions_of(&p.x);
    let scattered: Vec<usize> = edit.clone().map(|i| sigma[i]).collect();
    let runs = merged(scattered.iter().map(|&q| q..q + 1).collect());

    let dirty = plan_span(model, &p.x, &p.trace_x, edit.start as i64, edit.end as i64).map_err(|e| e.0)?;
    let dirty_gx = plan_span(model, &p.gx, &p.trace_gx, s, e).map_err(|e| e.0)?;
    let dirty_sx = plan_runs(model, p, &runs)?;
    let plans: Vec<Incremental> = (0..model.layers.len())
        .map(|k| Incremental::plan(model, p, k, [&dirty, &dirty_gx, &dirty_sx], map, l))
        .collect();

    // The old values on the positions about to change, summed first.
    let before: Vec<Sums> = plans.iter().enumerate().map(|(k, plan)| plan.sums(model, p, k, map)).collect();

    p.x.data.slice_axis_mut(Axis(1), Slice::from(edit.clone())).assign(&enc);
    for r in cyclic(s, e, l) {
        let moved = map.window(&p.x, r.clone()).map_err(|e| e.0)?;
        p.gx.data.slice_axis_mut(Axis(1), Slice::from(r)).assign(&moved.data);
    }
    for (i, &to) in edit.clone().zip(&scattered) {
        let column = p.x.data.slice_axis(Axis(1), Slice::from(i..i + 1)).to_owned();
        p.sx.data.slice_axis_mut(Axis(1), Slice::from(to..to + 1)).assign(&column);
    }
    apply_plan(model, &p.x, Arc::make_mut(&mut p.trace_x).as_mut_slice(), &dirty).map_err(|e| e.0)?;
    apply_plan(model, &p.gx, Arc::make_mut(&mut p.trace_gx).as_mut_slice(), &dirty_gx).map_err(|e| e.0)?;
    apply_plan(model, &p.sx, Arc::make_mut(&mut p.trace_sx).as_mut_slice(), &dirty_sx).map_err(|e| e.0)?;

    for (k, layer) in model.layers.iter().enumerate() {
        let after = plans[k].sums(model, p, k, map);
        let old = &p.checks[k];
        let fresh = |p: &Pipelines| {
            let (fx, fgx, fsx) = (&p.trace_x[k], &p.trace_gx[k], &p.trace_sx[k]);
            LayerCheck::of(k, layer.as_ref(), (fx, fgx, fsx), g)
        };
        let mut check = match (before[k].main, after.main, old.equivariance_sums) {
            (Some([inv0, eq0, base0]), Some([inv1, eq1, base1]), Some(eq)) => LayerCheck::from_sums(
                k,
                layer.as_ref(),
                old.invariance_sums.replaced(inv0, inv1),
                Some(eq.replaced(eq0, eq1)),
                old.baseline_sums.replaced(base0, base1),
                Moved::Mapped(map),
            ),
            _ => fresh(p),
        };
        let local = match (before[k].local, after.local, old.local_sums) {
            (Some(l0), Some(l1), Some(old)) if k > 0 => Some(old.replaced(l0, l1)),
            _ => None,
        };
        let done = local.is_some();
        check.set_local(local);
        p.checks[k] = check;
        if !done {
            let sums = local_sums(model, k, &p.checks, p.traces());
            p.checks[k].set_local(sums);
        }
    }
    let positions = recomputed(&dirty, l).max(recomputed(&dirty_gx, l));
    let ends = touched_ends(model, &dirty, l) || touched_ends(model, &dirty_gx, l);
    Ok(Update::Window { edit, positions, of: l, ends })
}

/// What the scrambled pipeline recomputes when runs `runs` of s·x change:
/// the union of each run's plan, or everything when there are many runs.
fn plan_runs(model: &Model, p: &Pipelines, runs: &[Range<usize>]) -> Result<Vec<Dirty>, String> {
    let n = model.layers.len();
    if runs.len() > MAX_RUNS {
        return Ok(vec![Dirty::All; n]);
    }
    let mut union: Vec<Dirty> = vec![Dirty::Ranges(vec![]); n];
    for r in runs {
        let plan = plan_span(model, &p.sx, &p.trace_sx, r.start as i64, r.end as i64).map_err(|e| e.0)?;
        for (u, d) in union.iter_mut().zip(plan) {
            *u = match (std::mem::replace(u, Dirty::All), d) {
                (Dirty::Ranges(mut a), Dirty::Ranges(b)) => {
                    a.extend(b);
                    Dirty::Ranges(a)
                }
                _ => Dirty::All,
            };
        }
    }
    Ok(union
        .into_iter()
        .map(|d| match d {
            Dirty::Ranges(r) => Dirty::Ranges(merged(r)),
            all => all,
        })
        .collect())
}

/// The sums of one layer on the positions an edit changes: `main` holds the
/// invariance, equivariance and baseline sums, `local` the local error's.
#[derive(Clone, Copy, Debug, Default)]
struct Sums {
    main: Option<[ErrorSums; 3]>,
    local: Option<ErrorSums>,
}

/// The positions of one layer whose values an edit changes, per sum (see
/// the module doc). `None` for a sum that is checked in full (global
/// layers, a whole-layer update, a layer whose check does not read through
/// the map).
struct Incremental {
    main: Option<[Vec<Range<usize>>; 3]>,
    local: Option<Vec<Range<usize>>>,
}

impl Incremental {
    fn plan(model: &Model, p: &Pipelines, k: usize, dirty: [&[Dirty]; 3], map: StrandMap, l: usize) -> Self {
        let ranges = |d: &[Dirty], k: usize| match d.get(k) {
            Some(Dirty::Ranges(r)) => Some(r.clone()),
            _ => None,
        };
        let moved = |rs: &[Range<usize>], widen: usize| -> Vec<Range<usize>> {
            rs.iter()
                .flat_map(|r| {
                    let (s, e) = map.span_of(r.clone(), l);
                    cyclic(s - widen as i64, e + widen as i64, l)
                })
                .collect()
        };
        let mapped = |j: usize| {
            let (fx, check) = (p.trace_x.get(j), p.checks.get(j));
            fx.and_then(strand_len) == Some(l) && check.is_some_and(|c| matches!(c.moved, Moved::Mapped(m) if m == map))
        };
        let here = mapped(k) && p.trace_gx[k].data.shape() == p.trace_x[k].data.shape();
        let (rx, rgx, rsx) = (ranges(dirty[0], k), ranges(dirty[1], k), ranges(dirty[2], k));
        let main = match (&rx, rgx, rsx) {
            (Some(rx), Some(rgx), Some(rsx)) if here && p.checks[k].equivariance_sums.is_some() => Some([
                merged(rx.iter().chain(&rgx).cloned().collect()),
                merged(moved(rx, 0).into_iter().chain(rgx).collect()),
                merged(rx.iter().chain(&rsx).cloned().collect()),
            ]),
            _ => None,
        };
        let local = k.checked_sub(1).and_then(|j| {
            let (below, widen) = (ranges(dirty[0], j)?, halo(model.layers[k].as_ref())?);
            let (rx, widen) = (rx.as_ref()?, widen.0.max(widen.1));
            (here && mapped(j) && p.checks[k].local_sums.is_some())
                .then(|| merged(moved(&below, widen).into_iter().chain(moved(rx, 0)).collect()))
        });
        Incremental { main, local }
    }

    /// The sums of layer `k` on these positions.
    fn sums(&self, model: &Model, p: &Pipelines, k: usize, map: StrandMap) -> Sums {
        let (fx, fgx, fsx) = (&p.trace_x[k], &p.trace_gx[k], &p.trace_sx[k]);
        let main = self.main.as_ref().and_then(|[inv, eq, base]| {
            let invariance = window_sums(&fgx.data, &fx.data, inv)?;
            let baseline = window_sums(&fsx.data, &fx.data, base)?;
            let mut equivariance = ErrorSums::default();
            map.visit_pairs(&fgx.data, fx, eq, |a, b| equivariance = equivariance + ErrorSums::of_slices(a, b)).ok()?;
            Some([invariance, equivariance, baseline])
        });
        let local = self.local.as_ref().and_then(|ranges| {
            let layer = model.layers[k].as_ref();
            let mut total = ErrorSums::default();
            for r in ranges {
                let out = local_window(layer, map, &p.trace_x[k - 1], r.clone())?;
                let want = map.window(fx, r.clone()).ok()?;
                total = total + ErrorSums::of(&out.data, &want.data);
            }
            Some(total)
        });
        Sums { main, local }
    }
}

/// Layer `layer` applied to ρ(g)·`below` (a strand of length `l`), on
/// output positions `range` only: the moved input is read through the map
/// on the window plus the layer's halo (the whole strand near the ends,
/// where the padding matters).
fn local_window(layer: &dyn Layer, map: StrandMap, below: &Signal, range: Range<usize>) -> Option<Signal> {
    let l = strand_len(below)?;
    let (before, after) = halo(layer)?;
    if range.start >= before && range.end + after <= l {
        let input = map.window(below, range.start - before..range.end + after).ok()?;
        let y = layer.forward(&input).ok()?;
        let len = range.len();
        (strand_len(&y) == Some(len + before + after))
            .then(|| Signal::new(y.data.slice_axis(Axis(1), Slice::from(before..before + len)).to_owned(), y.space))
    } else {
        let whole = map.window(below, 0..l).ok()?;
        layer_window(layer, &whole, range.start, range.end).ok()
    }
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
    use crate::engine::pipelines::strand::full;
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
                prop_assert_eq!(&p.sx.data, &want.sx.data);
                let traces = p.trace_x.iter().chain(p.trace_gx.iter()).chain(p.trace_sx.iter());
                let wanted = want.trace_x.iter().chain(want.trace_gx.iter()).chain(want.trace_sx.iter());
                for (t, w) in traces.zip(wanted) {
                    prop_assert!((&t.data - &w.data).iter().all(|v| v.abs() < 1e-5));
                }
                for (got, want) in p.checks.iter().zip(&want.checks) {
                    prop_assert!(close(got.invariance_error, want.invariance_error),
                        "layer {} invariance {} vs {}", got.index, got.invariance_error, want.invariance_error);
                    match (got.equivariance_error, want.equivariance_error) {
                        (Some(a), Some(b)) => prop_assert!(close(a, b), "layer {} equivariance {a} vs {b}", got.index),
                        (a, b) => prop_assert_eq!(a, b),
                    }
                    prop_assert!(close(got.baseline_error, want.baseline_error),
                        "layer {} baseline {} vs {}", got.index, got.baseline_error, want.baseline_error);
                    // The local error: summed on windows here, whole (or as the
                    // equivariance error) there, so rounding differs by ~1e-7.
                    match (got.local_error, want.local_error) {
                        (Some(a), Some(b)) => prop_assert!((a - b).abs() <= 1e-6 * a.max(b) + 1e-6,
                            "layer {} local {a} vs {b}", got.index),
                        (a, b) => prop_assert_eq!(a, b),
                    }
                    prop_assert_eq!(got.verdict, want.verdict);
                    prop_assert_eq!(got.origin(), want.origin());
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

//! The reverse complement and cyclic shifts acting on strands: `RC` reverses
//! positions and sends channel `c` to `pairing[c]` (A<->T, C<->G on one-hot
//! input, the partner filter on an RC-equivariant layer's output).
//!
//! Both are permutations of the entries, done row by row on contiguous
//! slices: the check applies them to every layer of a 100 kb strand.

use super::{not_here, NoAction};
use crate::engine::space::{Signal, Space};
use crate::engine::transform::Step;
use ndarray::{Array2, Ix2};
use std::ops::Range;

pub(super) fn act(step: &Step, x: &Signal) -> Result<Signal, NoAction> {
    let Space::Strand { pairing } = &x.space else { unreachable!("dna::act is only called on strands") };
    let v = x.data.view().into_dimensionality::<Ix2>().map_err(|_| NoAction("a strand has shape (C, L)".into()))?;
    let (c, l) = v.dim();
    if pairing.len() != c || pairing.iter().any(|&p| p >= c) {
        return Err(NoAction(format!("the strand's channel pairing {pairing:?} does not fit its {c} channels")));
    }
    let src = v.as_standard_layout();
    let rows = src.as_slice().expect("standard layout is contiguous");
    let mut out = Array2::<f32>::zeros((c, l));
    let dst = out.as_slice_mut().expect("fresh arrays are contiguous");
    match step {
        Step::ReverseComplement => {
            for (ci, d) in dst.chunks_exact_mut(l.max(1)).enumerate().take(c) {
                let s = &rows[pairing[ci] * l..(pairing[ci] + 1) * l];
                d.iter_mut().zip(s.iter().rev()).for_each(|(d, &v)| *d = v);
            }
        }
        Step::Roll { k } => {
            // out[i] = x[i - k mod L]: a rotation of every row to the right by k.
            let k = if l == 0 { 0 } else { (*k as i64).rem_euclid(l as i64) as usize };
            for (d, s) in dst.chunks_exact_mut(l.max(1)).zip(rows.chunks_exact(l.max(1))) {
                d[k..].copy_from_slice(&s[..l - k]);
                d[..k].copy_from_slice(&s[l - k..]);
            }
        }
        _ => return Err(not_here(step, "DNA strands")),
    }
    Ok(Signal::new(out.into_dyn(), x.space.clone()))
}

/// A strand element (a word of `rc` and `shift(k)`) as an index map: entry
/// `(c, p)` of ρ(g)·f is entry `(σ(c), π(p))` of f, with `σ` the channel
/// pairing when the word reverses the strand. The checks and the views read
/// ρ(g)·f through it where they need it, instead of moving every entry of a
/// 100 kb layer (what [`Step::act`] does, and must agree with: tested below).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StrandMap {
    /// Reverse complement first (positions reversed, channels paired)...
    reverse: bool,
    /// ...then a cyclic shift to the right by this many positions.
    shift: i64,
}

/// Output positions `dst..dst + len` read source positions `src..src + len`,
/// in reverse order when the map reverses the strand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    dst: usize,
    src: usize,
    len: usize,
}

impl StrandMap {
    /// The map of `g`, `None` when `g` has a step that is not `rc` or a shift.
    pub fn of(g: &crate::engine::transform::Transform) -> Option<StrandMap> {
        g.strand_normal_form().map(|(reverse, shift)| StrandMap { reverse, shift })
    }

    /// Where source positions `range` land in ρ(g)·f, as a cyclic span
    /// `(start, end)` (taken modulo `l`): `shift(t)` moves `[s, e)` to
    /// `[s + t, e + t)`, RC first reverses it to `[l − e, l − s)`. An edit of
    /// x at `range` changes g·x (and each layer's ρ(g)Φ) exactly there.
    pub fn span_of(&self, range: Range<usize>, l: usize) -> (i64, i64) {
        let (s, e) = (range.start as i64, range.end.max(range.start) as i64);
        let (s, e) = if self.reverse { (l as i64 - e, l as i64 - s) } else { (s, e) };
        (s + self.shift, e + self.shift)
    }

    /// The source runs of output positions `range` (clipped to `0..l`): each
    /// run ends where the cyclic source index wraps.
    fn runs(&self, range: Range<usize>, l: usize) -> Vec<Run> {
        let mut out = Vec::with_capacity(2);
        let mut p = range.start;
        let end = range.end.min(l);
        while p < end {
            let u = (p as i64 - self.shift).rem_euclid(l as i64) as usize;
            let len = (end - p).min(l - u);
            // Forward: sources u..u+len. Reversed: L-1-u down to L-u-len.
            let src = if self.reverse { l - u - len } else { u };
            out.push(Run { dst: p, src, len });
            p += len;
        }
        out
    }

    /// The channel of f that lands in channel `c` of ρ(g)·f.
    fn channel(&self, c: usize, pairing: &[usize]) -> usize {
        if self.reverse {
            pairing[c]
        } else {
            c
        }
    }

    /// Calls `visit(c, a, b)` for aligned pieces of row `c` of `y` and of
    /// ρ(g)·f over output positions `ranges` of every channel (`b` is a copy
    /// when the map reverses the strand, in pieces of at most `PIECE`).
    /// `y` and `f` are `(C, L)` strands of the same shape.
    pub fn visit_pairs(
        &self,
        y: &ndarray::ArrayD<f32>,
        f: &Signal,
        ranges: &[Range<usize>],
        mut visit: impl FnMut(&[f32], &[f32]),
    ) -> Result<(), NoAction> {
        const PIECE: usize = 256;
        let (pairing, rows, c, l) = strand_rows(f)?;
        if y.shape() != [c, l] {
            return Err(NoAction(format!("the strands have shapes {:?} and {:?}", y.shape(), f.data.shape())));
        }
        let ys = y.as_slice().ok_or_else(|| NoAction("the strand is not contiguous".into()))?;
        let mut scratch = [0f32; PIECE];
        for ci in 0..c {
            let (yrow, frow) = (&ys[ci * l..(ci + 1) * l], &rows[self.channel(ci, pairing) * l..][..l]);
            for r in ranges {
                for run in self.runs(r.clone(), l) {
                    let a = &yrow[run.dst..run.dst + run.len];
                    let src = &frow[run.src..run.src + run.len];
                    if !self.reverse {
                        visit(a, src);
                        continue;
                    }
                    // Output k reads source len-1-k: copy reversed, piece by piece.
                    for (k, a) in a.chunks(PIECE).enumerate() {
                        let hi = run.len - k * PIECE;
                        let piece = &src[hi - a.len()..hi];
                        let s = &mut scratch[..a.len()];
                        s.iter_mut().zip(piece.iter().rev()).for_each(|(d, &v)| *d = v);
                        visit(a, s);
                    }
                }
            }
        }
        Ok(())
    }

    /// ρ(g)·f on output positions `range` only: a `(C, range.len())` strand.
    pub fn window(&self, f: &Signal, range: Range<usize>) -> Result<Signal, NoAction> {
        let (pairing, rows, c, l) = strand_rows(f)?;
        let range = range.start.min(l)..range.end.min(l);
        let w = range.len();
        let mut out = Array2::<f32>::zeros((c, w));
        let dst = out.as_slice_mut().expect("fresh arrays are contiguous");
        for (ci, d) in dst.chunks_exact_mut(w.max(1)).enumerate().take(c) {
            let frow = &rows[self.channel(ci, pairing) * l..][..l];
            for run in self.runs(range.clone(), l) {
                let d = &mut d[run.dst - range.start..][..run.len];
                let s = &frow[run.src..run.src + run.len];
                if self.reverse {
                    d.iter_mut().zip(s.iter().rev()).for_each(|(d, &v)| *d = v);
                } else {
                    d.copy_from_slice(s);
                }
            }
        }
        Ok(Signal::new(out.into_dyn(), f.space.clone()))
    }
}

/// A strand's channel pairing, its contiguous rows, channels and length.
type Rows<'a> = (&'a [usize], &'a [f32], usize, usize);

/// The [`Rows`] of a `(C, L)` strand, or why it has none.
fn strand_rows(f: &Signal) -> Result<Rows<'_>, NoAction> {
    let Space::Strand { pairing } = &f.space else {
        return Err(NoAction("this layer's output is not a strand".into()));
    };
    let [c, l] = *f.data.shape() else { return Err(NoAction("a strand has shape (C, L)".into())) };
    if pairing.len() != c || pairing.iter().any(|&p| p >= c) {
        return Err(NoAction(format!("the strand's channel pairing {pairing:?} does not fit its {c} channels")));
    }
    let rows = f.data.as_slice().ok_or_else(|| NoAction("the strand is not contiguous".into()))?;
    Ok((pairing, rows, c, l))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::Rng;
    use crate::io::transform_expr::{parse, Domain};
    use proptest::prelude::*;

    fn strand(c: usize, l: usize, seed: u64) -> Signal {
        let data = ndarray::Array2::from_shape_vec((c, l), Rng::new(seed).weights(c * l, 1)).unwrap();
        let pairing = (0..c).rev().collect();
        Signal::new(data.into_dyn(), Space::Strand { pairing })
    }

    proptest! {
        /// The index map reads exactly what the action writes: on any window,
        /// for any word of rc and shifts, any length (wrapping included).
        #[test]
        fn the_index_map_agrees_with_the_action(
            l in 1usize..700,
            c in 1usize..5,
            word in proptest::collection::vec((any::<bool>(), -900i32..900), 0..4),
            a in 0usize..700,
            len in 0usize..700,
        ) {
            let text: Vec<String> =
                word.iter().map(|&(rc, k)| if rc { "rc".to_string() } else { format!("shift({k})") }).collect();
            let g = parse(&text.join(";"), Domain::Dna).unwrap();
            let f = strand(c, l, l as u64);
            let moved = g.act(&f).unwrap();
            let map = StrandMap::of(&g).unwrap();
            let (a, b) = (a.min(l), (a + len).min(l));
            let w = map.window(&f, a..b).unwrap();
            let want = moved.data.slice_axis(ndarray::Axis(1), ndarray::Slice::from(a..b)).to_owned();
            prop_assert_eq!(&w.data, &want);
            // visit_pairs hands over aligned pieces of y and of ρ(g)·f.
            let y = strand(c, l, 7).data;
            let (mut got, mut count) = (Vec::new(), 0usize);
            map.visit_pairs(&y, &f, std::slice::from_ref(&(a..b)), |ya, m| { count += ya.len(); got.extend(ya.iter().zip(m).map(|(p, q)| p - q)); }).unwrap();
            let want: Vec<f32> = (0..c).flat_map(|ci| (a..b).map(move |p| (ci, p)))
                .map(|(ci, p)| y[[ci, p]] - moved.data[[ci, p]]).collect();
            prop_assert_eq!(count, c * (b - a));
            prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn the_map_refuses_what_the_action_refuses() {
        let g = parse("rc", Domain::Dna).unwrap();
        let map = StrandMap::of(&g).unwrap();
        let bad = Signal::new(ndarray::Array2::<f32>::zeros((3, 5)).into_dyn(), Space::Strand { pairing: vec![0, 1] });
        assert!(map.window(&bad, 0..5).is_err());
        assert!(g.act(&bad).is_err());
        assert!(StrandMap::of(&parse("shift(1)", Domain::Dna).unwrap()).is_some());
    }
}

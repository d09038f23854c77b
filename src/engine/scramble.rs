//! The baseline of the verdict rule: a fixed rearrangement of an input
//! that is NOT a symmetry of its domain.
//!
//! `baseline_k = ‖Φ_k(s·x) − Φ_k(x)‖ / max(‖Φ_k(x)‖, 1e-12)`
//!
//! says how much layer k reacts to *where* things are at all. A small error
//! under g only means "approximately invariant" when it is also small
//! against this baseline: an untrained conv + global pooling mostly measures
//! how much ink there is, which no rearrangement changes, so its error under
//! rot90 is small for a reason that has nothing to do with rotations.
//!
//! What moves is where things are, not what they look like: the input is
//! cut into large pieces that trade places, so local content (a stroke, a
//! motif, a phrase of a melody) stays intact and only its arrangement
//! changes. (A scramble of single pixels would turn strokes into noise and
//! measure how a layer reacts to texture instead.) Per space:
//! - images `(C, H, W)` and group maps: the four quarters of the picture
//!   trade places (top left → bottom right → top right → bottom left → top
//!   left), each quarter kept whole; with an odd side the middle row and
//!   column stay;
//! - strands `(C, L)`, time series `(T, D)` and trajectories: the four
//!   quarters of the positions, in the order 1st → 3rd → 2nd → 4th → 1st (a
//!   4-cycle that is no cyclic shift and no reversal, so no symmetry of a
//!   strand or a sequence), the last `L mod 4` positions staying;
//! - node features `(N, F)`: the rows, by one cycle through all nodes, while
//!   the adjacency stays put (node features scrambled *against* the graph);
//! - anything else: its entries, in quarters as for a strand.
//!
//! The same input always gives the same scramble (natively, in the browser,
//! in an export).

use crate::engine::rng::Rng;
use crate::engine::space::{Signal, Space};

/// The seed of the node scramble (with the number of nodes).
pub const SEED: u64 = 0x5c4a_b1e0;

/// Where each quarter goes, for the quarters of a line (`1st → 3rd → 2nd →
/// 4th → 1st`) and of a picture, numbered row by row (`top left → bottom
/// right → top right → bottom left → top left`).
const LINE_QUARTERS: [usize; 4] = [2, 3, 1, 0];
const PICTURE_QUARTERS: [usize; 4] = [3, 2, 0, 1];

/// A random cyclic permutation of `0..n` (Sattolo): `p[i]` is where node `i`
/// goes; no fixed point when `n ≥ 2`.
pub fn node_permutation(n: usize) -> Vec<usize> {
    let mut rng = Rng::new(SEED ^ (n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let mut p: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = rng.below(i);
        p.swap(i, j);
    }
    p
}

/// The quarters of `n` positions in a line: `p[i]` is where position `i` goes.
pub fn line_permutation(n: usize) -> Vec<usize> {
    let q = n / 4;
    (0..n).map(|i| if i < 4 * q { LINE_QUARTERS[i / q] * q + i % q } else { i }).collect()
}

/// The quarters of an `h × w` picture, positions numbered row by row.
pub fn picture_permutation(h: usize, w: usize) -> Vec<usize> {
    let (qh, qw) = (h / 2, w / 2);
    let (mh, mw) = (h - 2 * qh, w - 2 * qw);
    // Coordinates past the middle row/column of an odd side: quarters start at 0 and q + m.
    let split = |i: usize, q: usize, m: usize| -> Option<(usize, usize)> {
        if i < q {
            Some((0, i))
        } else if i >= q + m {
            Some((1, i - q - m))
        } else {
            None
        }
    };
    (0..h * w)
        .map(|p| {
            let (i, j) = (p / w, p % w);
            match (split(i, qh, mh), split(j, qw, mw)) {
                (Some((bi, ri)), Some((bj, rj))) => {
                    let to = PICTURE_QUARTERS[2 * bi + bj];
                    let (ti, tj) = (to / 2, to % 2);
                    (ti * (qh + mh) + ri) * w + tj * (qw + mw) + rj
                }
                _ => p,
            }
        })
        .collect()
}

/// The axes of `x` that hold its positions, as `(first, count)`: the block of
/// consecutive axes that the scramble rearranges.
fn position_axes(x: &Signal) -> (usize, usize) {
    let nd = x.data.ndim();
    match &x.space {
        Space::Grid { .. } | Space::GroupGrid { .. } if nd >= 2 => (nd - 2, 2),
        Space::Nodes { .. } | Space::Time | Space::Trajectory { .. } if nd >= 1 => (0, 1),
        Space::Strand { .. } if nd == 2 => (1, 1),
        _ => (0, nd),
    }
}

/// Where every position of `x` goes under the scramble (positions numbered
/// in row-major order over the [`position_axes`]).
pub fn positions_of(x: &Signal) -> Vec<usize> {
    let shape = x.data.shape();
    let (first, count) = position_axes(x);
    match (&x.space, count) {
        (Space::Grid { .. } | Space::GroupGrid { .. }, 2) => picture_permutation(shape[first], shape[first + 1]),
        (Space::Nodes { .. }, _) => node_permutation(shape.first().copied().unwrap_or(0)),
        _ => line_permutation(shape[first..first + count].iter().product()),
    }
}

/// `x` with its positions moved by the fixed scramble (see the module doc).
pub fn scramble(x: &Signal) -> Signal {
    let shape = x.data.shape().to_vec();
    let (first, count) = position_axes(x);
    let outer: usize = shape[..first].iter().product();
    let positions: usize = shape[first..first + count].iter().product();
    let inner: usize = shape[first + count..].iter().product();
    let p = positions_of(x);
    let src = x.data.as_standard_layout();
    let Some(src) = src.as_slice() else { return x.clone() };
    let mut out = vec![0f32; src.len()];
    for o in 0..outer {
        let base = o * positions * inner;
        for (i, &to) in p.iter().enumerate() {
            let (from, to) = (base + i * inner, base + to * inner);
            out[to..to + inner].copy_from_slice(&src[from..from + inner]);
        }
    }
    let data = ndarray::ArrayD::from_shape_vec(shape, out).unwrap_or_else(|_| x.data.clone());
    Signal::new(data, x.space.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{Array2, Array3};

    fn is_permutation(p: &[usize]) -> bool {
        let mut seen = vec![false; p.len()];
        p.iter().all(|&j| j < p.len() && !std::mem::replace(&mut seen[j], true))
    }

    #[test]
    fn the_node_scramble_is_one_cycle_with_no_fixed_point() {
        for n in [2, 3, 10, 1000] {
            let p = node_permutation(n);
            let mut seen = vec![false; n];
            let mut i = 0;
            for _ in 0..n {
                assert!(!seen[i], "n = {n}: a shorter cycle");
                seen[i] = true;
                i = p[i];
            }
            assert_eq!(i, 0, "n = {n}: back at the start after n steps");
        }
        assert_eq!(node_permutation(1), vec![0]);
        assert_eq!(node_permutation(100), node_permutation(100));
    }

    #[test]
    fn quarters_trade_places_whole_and_no_quarter_stays() {
        for (h, w) in [(64, 64), (63, 63), (4, 6), (1, 5)] {
            let p = picture_permutation(h, w);
            assert!(is_permutation(&p), "{h}×{w}");
            if h >= 2 && w >= 2 {
                // The top-left quarter lands whole in the bottom-right one.
                let (qh, qw) = (h / 2, w / 2);
                let to = p[0];
                assert_eq!((to / w, to % w), (h - qh, w - qw), "{h}×{w}");
                assert_eq!(p[w + 1], to + w + 1, "neighbours stay neighbours");
            }
        }
        for n in [0, 3, 8, 9, 300] {
            let p = line_permutation(n);
            assert!(is_permutation(&p));
            let q = n / 4;
            if q > 0 {
                assert_eq!(p[0], 2 * q);
                assert_eq!(p[1], 2 * q + 1);
                // Not a cyclic shift (every quarter would move by the same
                // amount) nor a reversal followed by one (i ↦ c − i).
                let moved: Vec<i64> = (0..4).map(|k| p[k * q] as i64 / q as i64 - k as i64).collect();
                assert!(moved.iter().any(|&m| (m - moved[0]).rem_euclid(4) != 0), "{moved:?}");
                let sums: Vec<i64> = (0..4).map(|k| p[k * q] as i64 / q as i64 + k as i64).collect();
                assert!(sums.iter().any(|&s| (s - sums[0]).rem_euclid(4) != 0), "{sums:?}");
                assert!((4 * q..n).all(|i| p[i] == i), "the remainder stays");
            }
        }
    }

    #[test]
    fn images_move_their_quarters_and_keep_channels_together() {
        let data = Array3::from_shape_fn((2, 4, 6), |(c, i, j)| (100 * c + 10 * i + j) as f32);
        let x = Signal::image(data.clone());
        let s = scramble(&x);
        assert_eq!(s.shape(), x.shape());
        assert_eq!(s.space, x.space);
        // Top left (rows 0-1, columns 0-2) goes to bottom right (rows 2-3, columns 3-5).
        for c in 0..2 {
            for i in 0..2 {
                for j in 0..3 {
                    assert_eq!(s.data[[c, i + 2, j + 3]], data[[c, i, j]]);
                }
            }
        }
        assert_ne!(s.data, x.data);
    }

    #[test]
    fn strands_move_quarters_of_bases_and_series_quarters_of_time() {
        let strand = Signal::new(
            Array2::from_shape_fn((4, 9), |(c, l)| (10 * c + l) as f32).into_dyn(),
            Space::Strand { pairing: vec![3, 2, 1, 0] },
        );
        let s = scramble(&strand);
        let p = line_permutation(9);
        for (from, &to) in p.iter().enumerate() {
            for c in 0..4 {
                assert_eq!(s.data[[c, to]], strand.data[[c, from]]);
            }
        }
        let series = Signal::sequence(Array2::from_shape_fn((8, 2), |(t, d)| (10 * t + d) as f32));
        let s = scramble(&series);
        assert_eq!(s.data[[4, 1]], series.data[[0, 1]], "the first quarter of time goes third");
    }
}

//! 1-D cross-correlation with "same" output size, along a strand:
//! `out[o, i] = b[o] + Σ_{c, k} w[o, c, k] · x[c, i + k - p]` with `p = K / 2`
//! (odd `K`) and out-of-range positions either wrapped (circular padding) or
//! zero (zero padding).
//!
//! The fast path is a register-blocked direct convolution ([`conv1d_window`],
//! the tile of `conv2d_direct`; it replaced im2col + one matrix product, see
//! BENCHMARKS.md). [`conv1d_window`] computes only the outputs on positions
//! `[a, b)`: the same code, so a local edit can recompute a window bit for
//! bit. [`conv1d_reference`] is the direct loop the fast path is tested against.

pub use super::conv2d::Padding;
use ndarray::{Array2, ArrayView1, ArrayView2, ArrayView3};

use super::conv2d_direct::{store_tile, tile, OB, XT};

/// Source position for output `i` and tap `k`, or `None` for a zero pad.
#[inline]
fn source(i: isize, k: usize, p: usize, n: usize, pad: Padding) -> Option<usize> {
    let s = i + k as isize - p as isize;
    match pad {
        Padding::Circular => (n > 0).then(|| s.rem_euclid(n as isize) as usize),
        Padding::Zero => (s >= 0 && (s as usize) < n).then_some(s as usize),
    }
}

/// Fast convolution over the whole strand. `x: (C, L)`, `w: (O, C, K)` with
/// odd `K`, `b: (O)`; returns `(O, L)`.
pub fn conv1d(x: ArrayView2<f32>, w: ArrayView3<f32>, b: ArrayView1<f32>, pad: Padding) -> Array2<f32> {
    conv1d_window(x, w, b, pad, 0, x.dim().1)
}

/// The outputs on positions `[start, end)` only (`end <= L`); returns `(O, end - start)`.
///
/// A direct convolution in tiles of 4 filters × 8 positions (the tile of
/// [`conv2d_direct`](super::conv2d_direct), one filter row): every output
/// is summed in the same order whatever the window, so a window equals the
/// same positions of the whole strand bit for bit (the DNA lab's edits rely
/// on it).
pub fn conv1d_window(
    x: ArrayView2<f32>,
    w: ArrayView3<f32>,
    b: ArrayView1<f32>,
    pad: Padding,
    start: usize,
    end: usize,
) -> Array2<f32> {
    let (c, _) = x.dim();
    let (o, _, k) = w.dim();
    let end = end.max(start);
    let n = end - start;
    if n == 0 || k == 0 {
        return Array2::zeros((o, n));
    }
    let tiles = n.div_ceil(XT);
    // Every tile reads XT + K - 1 positions from its start.
    let pw = tiles * XT + k - 1;
    let input = padded_rows(x, k / 2, start, pw, pad);
    let weights = blocked_weights(w);
    let mut out = Array2::<f32>::zeros((o, n));
    let Some(out_slice) = out.as_slice_mut() else { return out };
    for (blk, wb) in weights.chunks_exact((c * k * OB).max(1)).enumerate() {
        for t in 0..tiles {
            let j0 = t * XT;
            let mut acc = tile::Acc::<OB>::default();
            for (row, wc) in input.chunks_exact(pw).zip(wb.chunks_exact((k * OB).max(1))) {
                acc.add_row(&row[j0..j0 + XT + k - 1], wc);
            }
            store_tile(&acc.sums(), blk, b, out_slice, |oo| oo * n + j0, XT.min(n - j0));
        }
    }
    out
}

/// Row `c` holds `x[c, start + j - p]` for `j` in `0..pw` (wrapped, or 0
/// beyond the ends), as `(C, pw)`.
fn padded_rows(x: ArrayView2<f32>, p: usize, start: usize, pw: usize, pad: Padding) -> Vec<f32> {
    let (c, l) = x.dim();
    let mut out = vec![0f32; c * pw];
    let first = start as isize - p as isize;
    // Positions j with first + j inside [0, L): one slice copy per row.
    let lo = (-first).clamp(0, pw as isize) as usize;
    let hi = (l as isize - first).clamp(lo as isize, pw as isize) as usize;
    for (ci, dst) in out.chunks_exact_mut(pw.max(1)).enumerate().take(c) {
        let src = x.row(ci);
        if hi > lo {
            let (s0, s1) = ((first + lo as isize) as usize, (first + hi as isize) as usize);
            match src.as_slice() {
                Some(sl) => dst[lo..hi].copy_from_slice(&sl[s0..s1]),
                None => dst[lo..hi].iter_mut().zip(src.iter().skip(s0)).for_each(|(d, &v)| *d = v),
            }
        }
        for j in (0..lo).chain(hi..pw) {
            if let Some(si) = source(first + j as isize, 0, 0, l, pad) {
                dst[j] = src[si];
            }
        }
    }
    out
}

/// The filters regrouped as `(O / OB, C, K, OB)`, zero-filled past `O`.
fn blocked_weights(w: ArrayView3<f32>) -> Vec<f32> {
    let (o, c, k) = w.dim();
    let mut out = vec![0f32; o.div_ceil(OB) * c * k * OB];
    for ((oo, ci, kk), &value) in w.indexed_iter() {
        out[(((oo / OB) * c + ci) * k + kk) * OB + oo % OB] = value;
    }
    out
}

/// The direct triple loop: slow, obviously correct.
pub fn conv1d_reference(x: ArrayView2<f32>, w: ArrayView3<f32>, b: ArrayView1<f32>, pad: Padding) -> Array2<f32> {
    let (c, l) = x.dim();
    let (o, _, k) = w.dim();
    let p = k / 2;
    Array2::from_shape_fn((o, l), |(oo, i)| {
        let mut acc = b[oo] as f64;
        for ci in 0..c {
            for kk in 0..k {
                if let Some(s) = source(i as isize, kk, p, l, pad) {
                    acc += w[(oo, ci, kk)] as f64 * x[(ci, s)] as f64;
                }
            }
        }
        acc as f32
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::Rng;
    use ndarray::{array, Array1, Array3};

    #[test]
    fn literal_values() {
        // numpy: x = np.arange(5.)[None]; w = np.array([[[1., 2., 3.]]])
        // circular: out[i] = x[i-1] + 2 x[i] + 3 x[i+1]
        //   np.roll(x,1) + 2*x + 3*np.roll(x,-1) -> [7, 8, 14, 20, 11]
        // zero:      [3, 8, 14, 20, 11]
        let x = array![[0.0f32, 1.0, 2.0, 3.0, 4.0]];
        let w = Array3::from_shape_vec((1, 1, 3), vec![1.0f32, 2.0, 3.0]).unwrap();
        let b = Array1::zeros(1);
        let c = conv1d(x.view(), w.view(), b.view(), Padding::Circular);
        assert_eq!(c.row(0).to_vec(), vec![7.0, 8.0, 14.0, 20.0, 11.0]);
        let z = conv1d(x.view(), w.view(), b.view(), Padding::Zero);
        assert_eq!(z.row(0).to_vec(), vec![3.0, 8.0, 14.0, 20.0, 11.0]);
    }

    #[test]
    fn fast_matches_reference_on_long_short_and_ragged_strands() {
        let mut rng = Rng::new(5);
        for (c, o, k, l) in [(4, 3, 5, 4133), (2, 2, 7, 3), (3, 1, 1, 9), (4, 2, 9, 1), (5, 9, 9, 30)] {
            let x = Array2::from_shape_fn((c, l), |_| rng.symmetric(1.0));
            let w = Array3::from_shape_fn((o, c, k), |_| rng.symmetric(1.0));
            let b = Array1::from_shape_fn(o, |_| rng.symmetric(1.0));
            for pad in [Padding::Circular, Padding::Zero] {
                let fast = conv1d(x.view(), w.view(), b.view(), pad);
                let slow = conv1d_reference(x.view(), w.view(), b.view(), pad);
                let err = (&fast - &slow).iter().fold(0f32, |m, v| m.max(v.abs()));
                assert!(err < 1e-4, "c{c} o{o} k{k} l{l} {pad:?}: {err}");
                let (a, e) = (l / 3, l - l / 4);
                let win = conv1d_window(x.view(), w.view(), b.view(), pad, a, e);
                assert_eq!(conv1d_window(x.view(), w.view(), b.view(), pad, a, a).dim(), (o, 0));
                for i in a..e {
                    for oo in 0..o {
                        assert_eq!(win[(oo, i - a)], fast[(oo, i)]);
                    }
                }
            }
        }
    }
}

//! 1-D cross-correlation with "same" output size, along a strand:
//! `out[o, i] = b[o] + Σ_{c, k} w[o, c, k] · x[c, i + k - p]` with `p = K / 2`
//! (odd `K`) and out-of-range positions either wrapped (circular padding) or
//! zero (zero padding).
//!
//! The fast path is im2col + one matrix product (ndarray's `dot`), done in
//! tiles of positions so the column matrix stays in cache and never grows
//! with the sequence (a 100 kb strand would otherwise need tens of MB).
//! [`conv1d_window`] computes only the outputs on positions `[a, b)`: the
//! same code, so a local edit can recompute a window bit for bit.
//! [`conv1d_reference`] is the direct loop the fast path is tested against.

pub use super::conv2d::Padding;
use ndarray::{Array2, ArrayView1, ArrayView2, ArrayView3};

/// Positions per im2col tile: `C·K × TILE` floats stay well inside L2.
const TILE: usize = 2048;

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
    let wm = w.to_shape((o, c * k)).expect("weights reshape to (O, C·K)");
    let mut out = Array2::<f32>::zeros((o, end - start));
    let mut t0 = start;
    while t0 < end {
        let t1 = (t0 + TILE).min(end);
        let cols = im2col(x, k, pad, t0, t1);
        let part = wm.dot(&cols);
        for oo in 0..o {
            let mut dst = out.row_mut(oo);
            let dst = dst.as_slice_mut().expect("rows of a fresh array are contiguous");
            let bias = b[oo];
            for (d, &v) in dst[t0 - start..t1 - start].iter_mut().zip(part.row(oo).iter()) {
                *d = v + bias;
            }
        }
        t0 = t1;
    }
    out
}

/// The im2col matrix for output positions `[t0, t1)`: row `(c, k)`, column
/// `i - t0` holds `x[c, i + k - p]` (or 0 for a zero pad).
pub fn im2col(x: ArrayView2<f32>, k: usize, pad: Padding, t0: usize, t1: usize) -> Array2<f32> {
    let (c, l) = x.dim();
    let p = k / 2;
    let n = t1.saturating_sub(t0);
    let mut cols = Array2::<f32>::zeros((c * k, n));
    for ci in 0..c {
        let src = x.row(ci);
        for kk in 0..k {
            let mut row = cols.row_mut(ci * k + kk);
            let row = row.as_slice_mut().expect("rows of a fresh array are contiguous");
            // The source positions t0 + j + kk - p, j in 0..n, are contiguous
            // where they stay inside [0, L): copy that part in one go, and
            // resolve the few padded ends one by one.
            let first = t0 as isize + kk as isize - p as isize;
            let lo = (-first).clamp(0, n as isize) as usize;
            let hi = (l as isize - first).clamp(lo as isize, n as isize) as usize;
            if hi > lo {
                let (s0, s1) = ((first + lo as isize) as usize, (first + hi as isize) as usize);
                match src.as_slice() {
                    Some(sl) => row[lo..hi].copy_from_slice(&sl[s0..s1]),
                    None => row[lo..hi].iter_mut().zip(src.iter().skip(s0)).for_each(|(d, &v)| *d = v),
                }
            }
            for j in (0..lo).chain(hi..n) {
                if let Some(si) = source(t0 as isize + j as isize, kk, p, l, pad) {
                    row[j] = src[si];
                }
            }
        }
    }
    cols
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
    fn fast_matches_reference_across_tiles_and_short_strands() {
        let mut rng = Rng::new(5);
        for (c, o, k, l) in [(4, 3, 5, 2 * TILE + 37), (2, 2, 7, 3), (3, 1, 1, 9), (4, 2, 9, 1)] {
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
                for i in a..e {
                    for oo in 0..o {
                        assert_eq!(win[(oo, i - a)], fast[(oo, i)]);
                    }
                }
            }
        }
    }
}

//! 2-D cross-correlation with "same" output size, as in every deep-learning
//! library: `out[o, i, j] = b[o] + Σ_{c, u, v} w[o, c, u, v] · x[c, i + u - p, j + v - p]`
//! with `p = K / 2` and out-of-range pixels either wrapped (circular padding)
//! or zero (zero padding).
//!
//! [`conv2d`] is the register-blocked direct kernel of
//! [`conv2d_direct`](super::conv2d_direct): in WebAssembly it beat im2col +
//! one matrix product ([`conv2d_im2col`], with ndarray's `dot` then; its
//! product is now [`gemm`](super::gemm)) on every shape the labs use
//! (BENCHMARKS.md), and one path
//! everywhere means the native tests see the browser's numbers bit for bit.
//! [`conv2d_reference`] is the slow loop both are tested against.

use ndarray::{Array2, Array3, ArrayView1, ArrayView3, ArrayView4};

pub use super::padding::Padding;

/// Source index along one axis, or `None` for a zero-padded pixel.
#[inline]
fn source(i: usize, u: usize, p: usize, n: usize, pad: Padding) -> Option<usize> {
    let s = i as isize + u as isize - p as isize;
    match pad {
        Padding::Circular => Some(s.rem_euclid(n as isize) as usize),
        Padding::Zero => (s >= 0 && (s as usize) < n).then_some(s as usize),
    }
}

/// Fast convolution (the direct kernel). `x: (C, H, W)`, `w: (O, C, K, K)`
/// with odd `K`, `b: (O)`.
pub fn conv2d(x: ArrayView3<f32>, w: ArrayView4<f32>, b: ArrayView1<f32>, pad: Padding) -> Array3<f32> {
    super::conv2d_direct::conv2d_direct(x, w, b, pad)
}

/// Convolution as im2col + one matrix product.
pub fn conv2d_im2col(x: ArrayView3<f32>, w: ArrayView4<f32>, b: ArrayView1<f32>, pad: Padding) -> Array3<f32> {
    let (c, h, wd) = x.dim();
    let (o, _, k, _) = w.dim();
    let cols = im2col(x, k, pad);
    let wm = w.to_shape((o, c * k * k)).expect("weights reshape to (O, C·K·K)");
    let mut out = super::gemm::matmul(wm.view(), cols.view());
    for (mut row, &bias) in out.outer_iter_mut().zip(b.iter()) {
        row += bias;
    }
    out.into_shape_with_order((o, h, wd)).expect("(O, H·W) reshapes to (O, H, W)")
}

/// The im2col matrix: row `(c, u, v)`, column `(i, j)` holds `x[c, i+u-p, j+v-p]`.
pub fn im2col(x: ArrayView3<f32>, k: usize, pad: Padding) -> Array2<f32> {
    let (c, h, w) = x.dim();
    let p = k / 2;
    let mut cols = Array2::<f32>::zeros((c * k * k, h * w));
    let wrap_cols: Vec<Vec<Option<usize>>> =
        (0..k).map(|v| (0..w).map(|j| source(j, v, p, w, pad)).collect()).collect();
    for ci in 0..c {
        let plane = x.index_axis(ndarray::Axis(0), ci);
        for u in 0..k {
            for (v, wrap) in wrap_cols.iter().enumerate() {
                let mut row = cols.row_mut((ci * k + u) * k + v);
                let row = row.as_slice_mut().expect("rows of a fresh array are contiguous");
                // Columns lo..hi read x[.., j + v - p] inside the image: one
                // slice copy; only the few border columns look up `wrap`.
                let off = v as isize - p as isize;
                let lo = (-off).clamp(0, w as isize) as usize;
                let hi = (w as isize - off).clamp(lo as isize, w as isize) as usize;
                for i in 0..h {
                    let Some(si) = source(i, u, p, h, pad) else { continue };
                    let src = plane.row(si);
                    let dst = &mut row[i * w..(i + 1) * w];
                    match src.as_slice() {
                        Some(sl) if hi > lo => {
                            let (s0, s1) = ((lo as isize + off) as usize, (hi as isize + off) as usize);
                            dst[lo..hi].copy_from_slice(&sl[s0..s1]);
                            for j in (0..lo).chain(hi..w) {
                                if let Some(sj) = wrap[j] {
                                    dst[j] = sl[sj];
                                }
                            }
                        }
                        _ => {
                            for (j, d) in dst.iter_mut().enumerate() {
                                if let Some(sj) = wrap[j] {
                                    *d = src[sj];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    cols
}

/// The direct six-loop convolution: slow, obviously correct.
pub fn conv2d_reference(x: ArrayView3<f32>, w: ArrayView4<f32>, b: ArrayView1<f32>, pad: Padding) -> Array3<f32> {
    let (c, h, wd) = x.dim();
    let (o, _, k, _) = w.dim();
    let p = k / 2;
    Array3::from_shape_fn((o, h, wd), |(oo, i, j)| {
        let mut acc = b[oo] as f64;
        for ci in 0..c {
            for u in 0..k {
                for v in 0..k {
                    if let (Some(si), Some(sj)) = (source(i, u, p, h, pad), source(j, v, p, wd, pad)) {
                        acc += w[(oo, ci, u, v)] as f64 * x[(ci, si, sj)] as f64;
                    }
                }
            }
        }
        acc as f32
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use ndarray::{Array1, Array4};

    #[test]
    fn literal_values() {
        // numpy: x = np.arange(9.).reshape(1,3,3); w = ones((1,1,3,3));
        // circular: every output is the sum of all 9 values = 36.
        // zero padding: corner (0,0) = 0+1+3+4 = 8, centre = 36.
        let x = Array3::from_shape_fn((1, 3, 3), |(_, i, j)| (3 * i + j) as f32);
        let w = Array4::<f32>::ones((1, 1, 3, 3));
        let b = Array1::<f32>::zeros(1);
        let c = conv2d(x.view(), w.view(), b.view(), Padding::Circular);
        assert!(c.iter().all(|&v| v == 36.0));
        let z = conv2d(x.view(), w.view(), b.view(), Padding::Zero);
        assert_eq!(z[(0, 0, 0)], 8.0);
        assert_eq!(z[(0, 1, 1)], 36.0);
    }

    /// A 2-D convolution kernel, as the tests call it.
    pub(crate) type Kernel = fn(ArrayView3<f32>, ArrayView4<f32>, ArrayView1<f32>, Padding) -> Array3<f32>;

    /// `kernel` equals the reference on odd and even sides, channel counts
    /// that are and are not whole tiles, kernels wider than the image, and
    /// inputs that are not in standard layout (the slice-copy fallbacks).
    #[test]
    fn the_direct_kernel_matches_the_reference_on_odd_shapes_and_layouts() {
        assert_matches_reference(super::super::conv2d_direct::conv2d_direct);
    }

    pub(crate) fn assert_matches_reference(kernel: Kernel) {
        let mut rng = crate::engine::rng::Rng::new(5);
        let cases =
            [(1, 1, 1, 1, 3), (2, 3, 5, 7, 3), (3, 5, 4, 16, 5), (2, 2, 2, 3, 5), (4, 8, 9, 17, 3), (1, 6, 12, 8, 1)];
        for (c, o, h, wd, k) in cases {
            let x = Array3::from_shape_vec((c, h, wd), rng.weights(c * h * wd, 1)).unwrap();
            let w = Array4::from_shape_vec((o, c, k, k), rng.weights(o * c * k * k, 1)).unwrap();
            let b = Array1::from(rng.weights(o, 1));
            let xt = x.clone().reversed_axes().as_standard_layout().reversed_axes().to_owned();
            for pad in [Padding::Circular, Padding::Zero] {
                let want = conv2d_reference(x.view(), w.view(), b.view(), pad);
                for input in [x.view(), xt.view()] {
                    let got = kernel(input, w.view(), b.view(), pad);
                    let err = (&got - &want).iter().fold(0f32, |m, v| m.max(v.abs()));
                    assert!(err < 1e-4, "{c}x{h}x{wd} o={o} k={k} {pad:?}: {err}");
                }
            }
        }
    }

    #[test]
    fn both_kernels_match_the_reference() {
        assert_matches_reference(conv2d);
        assert_matches_reference(conv2d_im2col);
    }
}

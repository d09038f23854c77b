//! Direct 2-D convolution, register-blocked: the same "same"-size
//! cross-correlation as [`conv2d`](super::conv2d::conv2d), computed without
//! the im2col matrix.
//!
//! The input is padded once (circular or zero) into rows wide enough for
//! whole tiles; then each tile of [`OB`] output channels × [`XT`] output
//! columns of one row is summed in a small fixed-size accumulator over every
//! input channel and filter tap: each input value loaded feeds [`OB`]
//! filters, and the fixed sizes let the compiler keep the accumulator in
//! SIMD registers (two 4-lane vectors per channel with `simd128`). The order
//! of the sum is the same at every pixel, so a circular shift of the input
//! shifts the output bit for bit (claim I1 holds with error 0).
//!
//! The same tile accumulates the 1-D convolutions of the DNA lab
//! ([`conv1d`](super::conv1d)). Which 2-D kernel runs is chosen in `conv2d`; see
//! `BENCHMARKS.md` for the measurements behind the choice.

use super::padding::Padding;
use ndarray::{Array3, ArrayView1, ArrayView3, ArrayView4, Axis};

/// Output channels summed together.
pub const OB: usize = 4;
/// Output columns summed together.
pub(super) const XT: usize = 8;

/// Source index of padded position `i` (the image starts at `p`), or `None`
/// for a zero pad.
#[inline]
fn source(i: usize, p: usize, n: usize, pad: Padding) -> Option<usize> {
    let s = i as isize - p as isize;
    match pad {
        Padding::Circular => Some(s.rem_euclid(n as isize) as usize),
        Padding::Zero => (s >= 0 && (s as usize) < n).then_some(s as usize),
    }
}

/// The input padded by `p` on every side, each row `pw` wide: `(C, H + 2p, pw)`.
fn padded_input(x: ArrayView3<f32>, p: usize, pw: usize, pad: Padding) -> Vec<f32> {
    let (c, h, w) = x.dim();
    let ph = h + 2 * p;
    let cols: Vec<Option<usize>> = (0..pw).map(|j| source(j, p, w, pad)).collect();
    let mut out = vec![0f32; c * ph * pw];
    for (ci, plane) in out.chunks_exact_mut(ph * pw).enumerate() {
        for (i, dst) in plane.chunks_exact_mut(pw).enumerate() {
            let Some(si) = source(i, p, h, pad) else { continue };
            let src = x.index_axis(Axis(0), ci).index_axis_move(Axis(0), si);
            match src.as_slice() {
                Some(sl) => {
                    dst[p..p + w].copy_from_slice(sl);
                    for j in (0..p).chain(p + w..pw) {
                        if let Some(sj) = cols[j] {
                            dst[j] = sl[sj];
                        }
                    }
                }
                None => {
                    for (d, sj) in dst.iter_mut().zip(&cols) {
                        if let Some(sj) = sj {
                            *d = src[*sj];
                        }
                    }
                }
            }
        }
    }
    out
}

/// The filters regrouped as `(O / OB, C, K, K, OB)`, zero-filled past `O`,
/// so the [`OB`] weights of one tap are adjacent.
fn blocked_weights<const OB: usize>(w: ArrayView4<f32>) -> Vec<f32> {
    let (o, c, k, _) = w.dim();
    let blocks = o.div_ceil(OB);
    let mut out = vec![0f32; blocks * c * k * k * OB];
    for ((oo, ci, u, v), &value) in w.indexed_iter() {
        out[((((oo / OB) * c + ci) * k + u) * k + v) * OB + oo % OB] = value;
    }
    out
}

/// Direct convolution. `x: (C, H, W)`, `w: (O, C, K, K)` with odd `K`, `b: (O)`.
pub fn conv2d_direct(x: ArrayView3<f32>, w: ArrayView4<f32>, b: ArrayView1<f32>, pad: Padding) -> Array3<f32> {
    conv2d_direct_blocked::<OB>(x, w, b, pad)
}

/// [`conv2d_direct`] with `OB` output channels per tile.
pub fn conv2d_direct_blocked<const OB: usize>(
    x: ArrayView3<f32>,
    w: ArrayView4<f32>,
    b: ArrayView1<f32>,
    pad: Padding,
) -> Array3<f32> {
    let (c, h, wd) = x.dim();
    let (o, _, k, _) = w.dim();
    let p = k / 2;
    let tiles = wd.div_ceil(XT);
    // Every tile reads XT + K - 1 columns from its start: rows are that wide past the last tile.
    let pw = tiles * XT + k - 1;
    let ph = h + 2 * p;
    let input = padded_input(x, p, pw, pad);
    let weights = blocked_weights::<OB>(w);
    let mut out = Array3::<f32>::zeros((o, h, wd));
    let Some(out_slice) = out.as_slice_mut() else { return out };
    let taps = c * k * k * OB;
    for (blk, wb) in weights.chunks_exact(taps).enumerate() {
        for i in 0..h {
            for t in 0..tiles {
                let j0 = t * XT;
                let mut acc = tile::Acc::<OB>::default();
                for (plane, wc) in input.chunks_exact(ph * pw).zip(wb.chunks_exact(k * k * OB)) {
                    for (u, wu) in wc.chunks_exact(k * OB).enumerate() {
                        let row = &plane[(i + u) * pw + j0..(i + u) * pw + j0 + XT + k - 1];
                        acc.add_row(row, wu);
                    }
                }
                let cols = XT.min(wd - j0);
                store_tile(&acc.sums(), blk, b, out_slice, |oo| (oo * h + i) * wd + j0, cols);
            }
        }
    }
    out
}

/// Write a tile's sums plus bias: output channel `blk · OB + q` (those below
/// `b.len()`) to `out[at(channel)..][..cols]`.
pub(super) fn store_tile<const OB: usize>(
    sums: &[[f32; XT]; OB],
    blk: usize,
    b: ArrayView1<f32>,
    out: &mut [f32],
    at: impl Fn(usize) -> usize,
    cols: usize,
) {
    for (q, a) in sums.iter().enumerate() {
        let oo = blk * OB + q;
        let Some(&bias) = b.get(oo) else { break };
        let start = at(oo);
        for (d, &s) in out[start..start + cols].iter_mut().zip(a) {
            *d = s + bias;
        }
    }
}

/// The accumulator of one tile: `OB` channels × `XT` columns, and its one
/// step, a filter row of `K` taps read along an input row.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
pub(super) mod tile {
    use super::XT;

    /// Plain arrays: native builds use im2col (see `conv2d`), so this path
    /// is for correctness and for comparison.
    pub struct Acc<const OB: usize>([[f32; XT]; OB]);

    impl<const OB: usize> Default for Acc<OB> {
        fn default() -> Self {
            Acc([[0.0; XT]; OB])
        }
    }

    impl<const OB: usize> Acc<OB> {
        /// `acc[q][t] += Σ_v w[v, q] · row[v + t]`; `row` is `XT + K - 1`
        /// long, `w` holds `K` taps of `OB` weights.
        #[inline(always)]
        pub fn add_row(&mut self, row: &[f32], w: &[f32]) {
            for (v, ws) in w.chunks_exact(OB).enumerate() {
                let xs: &[f32; XT] = row[v..v + XT].try_into().expect("a tile is XT wide");
                for (a, &wq) in self.0.iter_mut().zip(ws) {
                    for (s, &xv) in a.iter_mut().zip(xs) {
                        *s += wq * xv;
                    }
                }
            }
        }

        pub fn sums(&self) -> [[f32; XT]; OB] {
            self.0
        }
    }
}

/// The same accumulator in WebAssembly SIMD registers: LLVM does not
/// vectorise the plain loops by itself here (the broadcast weights defeat
/// its cost model), so the eight 4-lane sums are written out.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub(super) mod tile {
    use super::XT;
    use core::arch::wasm32::{f32x4, f32x4_add, f32x4_extract_lane, f32x4_mul, f32x4_splat, v128};

    pub struct Acc<const OB: usize>([[v128; 2]; OB]);

    impl<const OB: usize> Default for Acc<OB> {
        fn default() -> Self {
            Acc([[f32x4_splat(0.0); 2]; OB])
        }
    }

    impl<const OB: usize> Acc<OB> {
        #[inline(always)]
        pub fn add_row(&mut self, row: &[f32], w: &[f32]) {
            for (v, ws) in w.chunks_exact(OB).enumerate() {
                let xs: &[f32; XT] = row[v..v + XT].try_into().expect("a tile is XT wide");
                let ws: &[f32; OB] = ws.try_into().expect("OB weights per tap");
                // Four adjacent loads become one v128.load.
                let lo = f32x4(xs[0], xs[1], xs[2], xs[3]);
                let hi = f32x4(xs[4], xs[5], xs[6], xs[7]);
                for (a, &wq) in self.0.iter_mut().zip(ws) {
                    let wv = f32x4_splat(wq);
                    a[0] = f32x4_add(a[0], f32x4_mul(wv, lo));
                    a[1] = f32x4_add(a[1], f32x4_mul(wv, hi));
                }
            }
        }

        pub fn sums(&self) -> [[f32; XT]; OB] {
            let lanes = |v: v128| {
                [
                    f32x4_extract_lane::<0>(v),
                    f32x4_extract_lane::<1>(v),
                    f32x4_extract_lane::<2>(v),
                    f32x4_extract_lane::<3>(v),
                ]
            };
            std::array::from_fn(|q| {
                let (a, b) = (lanes(self.0[q][0]), lanes(self.0[q][1]));
                [a[0], a[1], a[2], a[3], b[0], b[1], b[2], b[3]]
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{Array1, Array4};

    #[test]
    fn a_circular_shift_of_the_input_shifts_the_output_bit_for_bit() {
        let mut rng = crate::engine::rng::Rng::new(4);
        let (c, o, h, wd) = (3, 4, 10, 12);
        let x = Array3::from_shape_vec((c, h, wd), rng.weights(c * h * wd, 1)).unwrap();
        let w = Array4::from_shape_vec((o, c, 3, 3), rng.weights(o * c * 9, 1)).unwrap();
        let b = Array1::from(rng.weights(o, 1));
        let shifted = Array3::from_shape_fn((c, h, wd), |(ci, i, j)| x[(ci, (i + h - 3) % h, (j + wd - 5) % wd)]);
        let y = conv2d_direct(x.view(), w.view(), b.view(), Padding::Circular);
        let ys = conv2d_direct(shifted.view(), w.view(), b.view(), Padding::Circular);
        for ((oo, i, j), &v) in ys.indexed_iter() {
            assert_eq!(v, y[(oo, (i + h - 3) % h, (j + wd - 5) % wd)]);
        }
    }
}

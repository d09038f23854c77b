//! Single-precision matrix product `C = A · B` (`m×k` by `k×n`), blocked the
//! way BLIS blocks it, for WebAssembly. ndarray's `dot` (matrixmultiply) has
//! a `simd128` kernel too, but an 8×8 one: 16 accumulators, more than V8
//! keeps in x86-64's 16 vector registers, and its `A` values broadcast by
//! shuffles; this 4×8 tile keeps 8 accumulators and broadcasts from memory.
//!
//! `k` is cut into blocks of [`KC`]. For each block `A` is packed into panels
//! of [`MR`] rows (the `MR` values of one column adjacent), then `B` one
//! panel of [`NR`] columns at a time (`KC × NR`, 8 KiB, the `NR` values of one
//! row adjacent). Each `MR × NR` tile of `C` is a sum over the block of outer
//! products held in registers by the micro-kernel
//! ([`gemm_tile`](super::gemm_tile)): every `B` row loaded feeds `MR` rows and
//! every `A` value `NR` columns. The `B` panel stays in L1 while every row
//! panel of `A` streams past it from L2. Ragged edges are packed with zeros
//! and only the valid part of a tile is written back, so any shape works,
//! including `k = 0`.
//!
//! Operands not in standard layout (transposed, strided) are copied once
//! into it first. Measured in V8 (BENCHMARKS.md): 512³ at 31 GFLOP/s against
//! 25 for ndarray's `dot` on an idle core. Natively [`matmul`] is `dot`.

use super::gemm_tile::add_tile;
use ndarray::{Array2, ArrayView2};

/// Rows of `C` per register tile.
pub const MR: usize = 4;
/// Columns of `C` per register tile (two 4-lane vectors).
pub const NR: usize = 8;
/// Depth of one packed block of `k`.
pub const KC: usize = 256;

/// `a · b` for `a: (m, k)`, `b: (k, n)`; panics when the inner sizes differ
/// (as ndarray's `dot` does). In WebAssembly with `simd128` this is
/// [`matmul_blocked`]; natively it is ndarray's `dot`, whose matrixmultiply
/// picks AVX2/FMA kernels at run time (5× the portable tile: 62 against 12
/// GFLOP/s on 512³ here).
pub fn matmul(a: ArrayView2<f32>, b: ArrayView2<f32>) -> Array2<f32> {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    return matmul_blocked::<MR, KC>(a, b);
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    return a.dot(&b);
}

/// The packed product with `R` rows per register tile and depth blocks of
/// `KC` (other values than [`MR`], [`KC`] are for measuring). Natively its
/// tile is the portable one, so the tests check the packing and edges.
pub fn matmul_blocked<const R: usize, const KC: usize>(a: ArrayView2<f32>, b: ArrayView2<f32>) -> Array2<f32> {
    let (m, k) = a.dim();
    let (k2, n) = b.dim();
    assert_eq!(k, k2, "matmul: {m}×{k} by {k2}×{n}, the inner sizes differ");
    let mut c = vec![0f32; m * n];
    if m == 0 || n == 0 || k == 0 {
        return Array2::from_shape_vec((m, n), c).expect("m·n values");
    }
    let (a_own, b_own);
    let a = match a.to_slice() {
        Some(s) => s,
        None => {
            a_own = a.iter().copied().collect::<Vec<f32>>();
            &a_own[..]
        }
    };
    let b = match b.to_slice() {
        Some(s) => s,
        None => {
            b_own = b.iter().copied().collect::<Vec<f32>>();
            &b_own[..]
        }
    };
    let (mut pa, mut pb) = (Vec::new(), vec![0f32; KC * NR]);
    for p0 in (0..k).step_by(KC) {
        let kc = KC.min(k - p0);
        pack_a::<R>(a, k, p0, kc, &mut pa);
        for j0 in (0..n).step_by(NR) {
            let cols = NR.min(n - j0);
            let b_panel = &mut pb[..kc * NR];
            pack_b(b, n, p0, j0, cols, b_panel);
            for (ip, a_panel) in pa.chunks_exact(kc * R).enumerate() {
                let i0 = ip * R;
                add_tile::<R>(a_panel, b_panel, &mut c[i0 * n + j0..], n, R.min(m - i0), cols);
            }
        }
    }
    Array2::from_shape_vec((m, n), c).expect("m·n values")
}

/// Pack columns `p0 .. p0 + kc` of row-major `a` (`k` wide) into `⌈m / R⌉`
/// panels of `kc × R` (column `p` of panel `i` holds rows `i·R .. i·R + R`),
/// zero past the last row.
fn pack_a<const R: usize>(a: &[f32], k: usize, p0: usize, kc: usize, out: &mut Vec<f32>) {
    let m = a.len() / k;
    out.clear();
    out.resize(m.div_ceil(R) * kc * R, 0.0);
    for (ip, panel) in out.chunks_exact_mut(kc * R).enumerate() {
        // The panel's rows side by side (fewer than R in the last panel: the rest stays zero).
        for (r, row) in a.chunks_exact(k).skip(ip * R).take(R).enumerate() {
            for (d, &v) in panel.chunks_exact_mut(R).zip(&row[p0..p0 + kc]) {
                d[r] = v;
            }
        }
    }
}

/// Pack rows `p0 .. p0 + kc`, columns `j0 .. j0 + cols` of row-major `b`
/// (`n` wide) into `out` (`kc × NR`, zero past `cols`). One panel at a time:
/// it is then read from L1 by every row panel of `A`.
fn pack_b(b: &[f32], n: usize, p0: usize, j0: usize, cols: usize, out: &mut [f32]) {
    for (p, dst) in out.chunks_exact_mut(NR).enumerate() {
        let at = (p0 + p) * n + j0;
        if cols == NR {
            dst.copy_from_slice(&b[at..at + NR]);
        } else {
            dst[..cols].copy_from_slice(&b[at..at + cols]);
            dst[cols..].fill(0.0);
        }
    }
}

/// The obvious triple loop, in `f64`: what the fast product is tested against.
pub fn matmul_reference(a: ArrayView2<f32>, b: ArrayView2<f32>) -> Array2<f32> {
    let (m, k) = a.dim();
    let n = b.ncols();
    Array2::from_shape_fn((m, n), |(i, j)| (0..k).map(|p| a[(i, p)] as f64 * b[(p, j)] as f64).sum::<f64>() as f32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;
    use ndarray::{Axis, Slice};
    use proptest::prelude::*;

    #[test]
    fn literal_2x3_by_3x2() {
        // numpy: np.array([[1,2,3],[4,5,6]]) @ np.array([[7,8],[9,10],[11,12]]) = [[58,64],[139,154]]
        let a = array![[1f32, 2., 3.], [4., 5., 6.]];
        let b = array![[7f32, 8.], [9., 10.], [11., 12.]];
        assert_eq!(matmul(a.view(), b.view()), array![[58f32, 64.], [139., 154.]]);
        assert_eq!(matmul_blocked::<MR, KC>(a.view(), b.view()), array![[58f32, 64.], [139., 154.]]);
    }

    #[test]
    fn empty_inner_size_gives_zeros() {
        let (a, b) = (Array2::<f32>::zeros((3, 0)), Array2::<f32>::zeros((0, 5)));
        assert_eq!(matmul_blocked::<MR, KC>(a.view(), b.view()), Array2::<f32>::zeros((3, 5)));
    }

    /// `a · b` is within rounding of the exact product: a sum of `k`
    /// products in any order is off by at most `k·ε·Σ|a||b|` (the classic
    /// bound), so the tolerance of each entry grows with `k`.
    fn assert_close(a: ArrayView2<f32>, b: ArrayView2<f32>) {
        let k = a.ncols();
        let (got, want) = (matmul_blocked::<MR, KC>(a, b), matmul_reference(a, b));
        let scale = matmul_reference(a.mapv(f32::abs).view(), b.mapv(f32::abs).view());
        assert_eq!(got.dim(), want.dim());
        for ((g, w), s) in got.iter().zip(&want).zip(&scale) {
            let tol = (k as f32 + 1.0) * f32::EPSILON * s + f32::MIN_POSITIVE;
            assert!((g - w).abs() <= tol, "{g} vs {w} (k = {k}, tol {tol})");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Random shapes around the tile and block sizes, and every layout
        /// of both operands: standard, transposed (column-major) and strided
        /// (every other column of a wider matrix).
        #[test]
        fn matches_the_naive_loop(
            m in 1usize..20, k in 0usize..300, n in 1usize..20, layout in 0u8..9, seed in 0u64..1000,
        ) {
            let mut rng = crate::engine::rng::Rng::new(seed);
            let a = Array2::from_shape_vec((m, k), rng.weights(m * k, 1)).unwrap();
            let b = Array2::from_shape_vec((k, n), rng.weights(k * n, 1)).unwrap();
            let (at, bt) = (a.t().as_standard_layout().to_owned(), b.t().as_standard_layout().to_owned());
            let wide_a = Array2::from_shape_fn((m, 2 * k), |(i, p)| if p % 2 == 0 { a[(i, p / 2)] } else { f32::NAN });
            let wide_b = Array2::from_shape_fn((k, 2 * n), |(p, j)| if j % 2 == 0 { b[(p, j / 2)] } else { f32::NAN });
            let av = [a.view(), at.t(), wide_a.slice_axis(Axis(1), Slice::new(0, None, 2))];
            let bv = [b.view(), bt.t(), wide_b.slice_axis(Axis(1), Slice::new(0, None, 2))];
            assert_close(av[layout as usize % 3].view(), bv[layout as usize / 3].view());
        }

        /// Sizes past one `MC` row block and one `KC` depth block.
        #[test]
        fn matches_the_naive_loop_on_larger_blocks(m in 60usize..140, k in 250usize..530, n in 1usize..40) {
            let mut rng = crate::engine::rng::Rng::new((m * k * n) as u64);
            let a = Array2::from_shape_vec((m, k), rng.weights(m * k, 1)).unwrap();
            let b = Array2::from_shape_vec((k, n), rng.weights(k * n, 1)).unwrap();
            assert_close(a.view(), b.view());
        }
    }
}

//! The micro-kernel of [`gemm`](super::gemm): one `R × NR` tile of `C` summed
//! over a packed block, `acc[r][j] = Σ_p a[p·R + r] · b[p·NR + j]`.
//!
//! The accumulator has a fixed size so it lives in registers: in WebAssembly
//! it is written with `simd128` vectors, as the tile of
//! [`conv2d_direct`](super::conv2d_direct) is (whose plain loops LLVM left
//! scalar for wasm); natively the plain loops are left to the compiler, and
//! sum in the same order, so both paths give the same bits.

pub use super::gemm::NR;

/// Add the tile's sums to `c` (tile row `r` at `c[r·ldc ..][.. cols]`, the
/// first `rows` rows).
#[inline(always)]
pub fn add_tile<const R: usize>(a: &[f32], b: &[f32], c: &mut [f32], ldc: usize, rows: usize, cols: usize) {
    if rows == R && cols == NR {
        add_full_tile::<R>(a, b, c, ldc);
        return;
    }
    for (r, s) in kernel::<R>(a, b).iter().enumerate().take(rows) {
        for (d, &v) in c[r * ldc..r * ldc + cols].iter_mut().zip(s) {
            *d += v;
        }
    }
}

/// [`add_tile`] of a whole tile.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
#[inline(always)]
fn add_full_tile<const R: usize>(a: &[f32], b: &[f32], c: &mut [f32], ldc: usize) {
    for (r, s) in kernel::<R>(a, b).iter().enumerate() {
        let dst: &mut [f32; NR] = (&mut c[r * ldc..r * ldc + NR]).try_into().expect("NR columns");
        for (d, &v) in dst.iter_mut().zip(s) {
            *d += v;
        }
    }
}

/// Plain arrays: the compiler vectorises the inner loop over `NR` columns.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
#[inline(always)]
fn kernel<const R: usize>(a: &[f32], b: &[f32]) -> [[f32; NR]; R] {
    let mut acc = [[0f32; NR]; R];
    for (ap, bp) in a.chunks_exact(R).zip(b.chunks_exact(NR)) {
        for (row, &av) in acc.iter_mut().zip(ap) {
            for (s, &bv) in row.iter_mut().zip(bp) {
                *s += av * bv;
            }
        }
    }
    acc
}

/// The same sums in `v128` registers: two 4-lane vectors per row of the
/// tile, each `B` row loaded once (four adjacent scalar loads become one
/// `v128.load`) and each `A` value splatted once.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
fn sums<const R: usize>(a: &[f32], b: &[f32]) -> [[core::arch::wasm32::v128; 2]; R] {
    use core::arch::wasm32::{f32x4, f32x4_add, f32x4_mul, f32x4_splat};
    let mut acc = [[f32x4_splat(0.0); 2]; R];
    for (ap, bp) in a.chunks_exact(R).zip(b.chunks_exact(NR)) {
        let bp: &[f32; NR] = bp.try_into().expect("NR columns per packed row");
        let lo = f32x4(bp[0], bp[1], bp[2], bp[3]);
        let hi = f32x4(bp[4], bp[5], bp[6], bp[7]);
        for (row, &av) in acc.iter_mut().zip(ap) {
            let s = f32x4_splat(av);
            row[0] = f32x4_add(row[0], f32x4_mul(s, lo));
            row[1] = f32x4_add(row[1], f32x4_mul(s, hi));
        }
    }
    acc
}

/// The lanes of a vector.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
fn lanes(v: core::arch::wasm32::v128) -> [f32; 4] {
    use core::arch::wasm32::f32x4_extract_lane;
    [f32x4_extract_lane::<0>(v), f32x4_extract_lane::<1>(v), f32x4_extract_lane::<2>(v), f32x4_extract_lane::<3>(v)]
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
fn kernel<const R: usize>(a: &[f32], b: &[f32]) -> [[f32; NR]; R] {
    let acc = sums::<R>(a, b);
    std::array::from_fn(|r| {
        let (x, y) = (lanes(acc[r][0]), lanes(acc[r][1]));
        [x[0], x[1], x[2], x[3], y[0], y[1], y[2], y[3]]
    })
}

/// A whole tile is added in vectors: four adjacent loads and four adjacent
/// stores of lanes become one `v128.load` and one `v128.store`, which is
/// most of the work when `k` is small (the graph lab's `10 000 × 8 · 8 × 8`).
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
fn add_full_tile<const R: usize>(a: &[f32], b: &[f32], c: &mut [f32], ldc: usize) {
    use core::arch::wasm32::{f32x4, f32x4_add};
    for (r, acc) in sums::<R>(a, b).iter().enumerate() {
        let dst: &mut [f32; NR] = (&mut c[r * ldc..r * ldc + NR]).try_into().expect("NR columns");
        let lo = lanes(f32x4_add(acc[0], f32x4(dst[0], dst[1], dst[2], dst[3])));
        let hi = lanes(f32x4_add(acc[1], f32x4(dst[4], dst[5], dst[6], dst[7])));
        dst[..4].copy_from_slice(&lo);
        dst[4..].copy_from_slice(&hi);
    }
}

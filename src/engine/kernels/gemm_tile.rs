//! The micro-kernel of [`gemm`](super::gemm): one `R × NR` tile of `C` summed
//! over a packed block, `acc[r][j] = Σ_p a[p·R + r] · b[p·NR + j]`.
//!
//! The accumulator has a fixed size so it lives in registers: in WebAssembly
//! it is written with `simd128` vectors (LLVM does not vectorise the plain
//! loops there: the broadcast `A` values defeat its cost model, as in
//! [`conv2d_direct`](super::conv2d_direct)); natively the plain loops are
//! left to the compiler.

pub use super::gemm::NR;

/// Plain arrays: the compiler vectorises the inner loop over `NR` columns.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
#[inline(always)]
pub fn kernel<const R: usize>(a: &[f32], b: &[f32]) -> [[f32; NR]; R] {
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
pub fn kernel<const R: usize>(a: &[f32], b: &[f32]) -> [[f32; NR]; R] {
    use core::arch::wasm32::{f32x4, f32x4_add, f32x4_extract_lane, f32x4_mul, f32x4_splat, v128};
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
    let lanes = |v: v128| {
        [f32x4_extract_lane::<0>(v), f32x4_extract_lane::<1>(v), f32x4_extract_lane::<2>(v), f32x4_extract_lane::<3>(v)]
    };
    std::array::from_fn(|r| {
        let (x, y) = (lanes(acc[r][0]), lanes(acc[r][1]));
        [x[0], x[1], x[2], x[3], y[0], y[1], y[2], y[3]]
    })
}

//! Numerical kernels: fast versions used by the layers, each checked in tests
//! against a slow, obviously correct reference.

pub mod conv1d;
pub mod conv2d;
pub mod conv2d_direct;
pub mod gemm;
pub mod gemm_tile;
pub mod group_bank;
pub mod padding;

/// `f32::max` (the other value when one is NaN) written as a comparison and
/// a select: in WebAssembly `f32::max` is a call to `fmaxf` (wasm's own
/// `f32.max` propagates NaN instead), several percent of a DNA recompute in
/// max pooling alone; this inlines and vectorises.
#[inline(always)]
pub fn max(a: f32, b: f32) -> f32 {
    if a.is_nan() || b > a {
        b
    } else {
        a
    }
}

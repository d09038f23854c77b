//! Local pooling: coarse-graining from scale separation. A `size × size`
//! window every `stride` cells, max or mean, on every spatial plane (images
//! and group feature maps alike); the output has `H / stride` rows (rounded
//! down, windows wrap around the border).
//!
//! A cyclic shift by a multiple of the stride moves the output by
//! `shift / stride` exactly; other shifts have no action on the output (claim
//! I4). Blurred pooling (Zhang 2019, "Making convolutional networks
//! shift-invariant again": max with stride 1, a binomial blur, then
//! subsampling) keeps the output far closer under such shifts (claim I12).

use super::{Geometry, Layer, LayerError, Setting};
use crate::engine::kernels::max;
use crate::engine::planes::map_planes;
use crate::engine::space::{Signal, Space};
use ndarray::{Array2, ArrayView2};

/// How a window is reduced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PoolMode {
    Max,
    Mean,
    /// Max with stride 1, blur with the `[1, 2, 1]` binomial filter, then subsample.
    Blur,
}

/// A local pooling layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pool {
    pub mode: PoolMode,
    pub size: usize,
    pub stride: usize,
}

impl Pool {
    pub fn max(size: usize) -> Self {
        Pool { mode: PoolMode::Max, size, stride: size }
    }
    pub fn mean(size: usize) -> Self {
        Pool { mode: PoolMode::Mean, size, stride: size }
    }
    pub fn blur(stride: usize) -> Self {
        Pool { mode: PoolMode::Blur, size: 2, stride }
    }
}

/// Reduce `size × size` windows every `stride` cells, wrapping at the border.
pub fn pool_plane(a: ArrayView2<f32>, size: usize, stride: usize, mean: bool) -> Array2<f32> {
    let (h, w) = a.dim();
    let (oh, ow) = (h / stride.max(1), w / stride.max(1));
    let mut out = Array2::<f32>::zeros((oh, ow));
    let a = a.as_standard_layout();
    let (Some(src), Some(dst)) = (a.as_slice(), out.as_slice_mut()) else { return out };
    if size == 2 && stride == 2 && !mean && w >= 2 {
        // The usual 2×2 max pool: windows tile the plane and never wrap.
        for (i, out_row) in dst.chunks_exact_mut(ow).enumerate().take(oh) {
            let (r0, r1) = (&src[2 * i * w..(2 * i + 1) * w], &src[(2 * i + 1) * w..(2 * i + 2) * w]);
            for ((o, a), b) in out_row.iter_mut().zip(r0.chunks_exact(2)).zip(r1.chunks_exact(2)) {
                *o = max(max(a[0], a[1]), max(b[0], b[1]));
            }
        }
        return out;
    }
    // The wrapped source column of every (output column, tap), once per plane.
    let cols: Vec<usize> = (0..ow).flat_map(|j| (0..size).map(move |v| (j * stride + v) % w)).collect();
    let start = if mean { 0.0 } else { f32::NEG_INFINITY };
    for (i, out_row) in dst.chunks_exact_mut(ow.max(1)).enumerate().take(oh) {
        out_row.fill(start);
        for u in 0..size {
            let r = (i * stride + u) % h;
            let row = &src[r * w..(r + 1) * w];
            for (o, taps) in out_row.iter_mut().zip(cols.chunks_exact(size.max(1))) {
                for &c in taps {
                    *o = if mean { *o + row[c] } else { max(*o, row[c]) };
                }
            }
        }
        if mean {
            let n = (size * size) as f32;
            out_row.iter_mut().for_each(|o| *o /= n);
        }
    }
    out
}

/// Blur with the separable binomial filter `[1, 2, 1] / 4` (circular), then
/// keep every `stride`-th cell.
pub fn blur_subsample(a: ArrayView2<f32>, stride: usize) -> Array2<f32> {
    let (h, w) = a.dim();
    let k = [0.25f32, 0.5, 0.25];
    let rows = Array2::from_shape_fn((h, w), |(i, j)| (0..3).map(|u| k[u] * a[((i + h + u - 1) % h, j)]).sum::<f32>());
    Array2::from_shape_fn((h / stride, w / stride), |(i, j)| {
        let (ci, cj) = (i * stride, j * stride);
        (0..3).map(|v| k[v] * rows[(ci, (cj + w + v - 1) % w)]).sum::<f32>()
    })
}

impl Layer for Pool {
    fn settings(&self) -> Vec<(&'static str, Setting)> {
        let mode = match self.mode {
            PoolMode::Max => "max",
            PoolMode::Mean => "mean",
            PoolMode::Blur => "blur (max with stride 1, [1,2,1] blur, subsample)",
        };
        vec![
            ("mode", Setting::text(mode)),
            ("size", Setting::Number(self.size as f64)),
            ("stride", Setting::Number(self.stride as f64)),
        ]
    }

    fn kind(&self) -> &'static str {
        match self.mode {
            PoolMode::Max => "maxpool",
            PoolMode::Mean => "avgpool",
            PoolMode::Blur => "blurpool",
        }
    }

    fn label(&self) -> String {
        match self.mode {
            PoolMode::Max => format!("max pool {0}×{0}, stride {1}", self.size, self.stride),
            PoolMode::Mean => format!("average pool {0}×{0}, stride {1}", self.size, self.stride),
            PoolMode::Blur => format!("blurred max pool, stride {}", self.stride),
        }
    }

    fn forward(&self, x: &Signal) -> Result<Signal, LayerError> {
        let space = match &x.space {
            Space::Grid { stride } => Space::Grid { stride: stride * self.stride },
            Space::GroupGrid { group, stride } => Space::GroupGrid { group: *group, stride: stride * self.stride },
            other => return Err(LayerError(format!("pooling expects feature maps, got a {}", other.describe()))),
        };
        let s = x.data.shape();
        if s[s.len() - 1] < self.stride || s[s.len() - 2] < self.stride {
            return Err(LayerError(format!("the feature maps are smaller than the pooling stride {}", self.stride)));
        }
        let data = match self.mode {
            PoolMode::Max => map_planes(&x.data, |p| pool_plane(p, self.size, self.stride, false)),
            PoolMode::Mean => map_planes(&x.data, |p| pool_plane(p, self.size, self.stride, true)),
            PoolMode::Blur => {
                map_planes(&x.data, |p| blur_subsample(pool_plane(p, self.size, 1, false).view(), self.stride))
            }
        };
        Ok(Signal::new(data, space))
    }

    fn geometry(&self) -> Geometry {
        match self.mode {
            // Max over 2 (stride 1), then a 3-tap blur centred on the kept cell.
            PoolMode::Blur => Geometry::Window { size: self.size + 2, stride: self.stride, offset: 1 },
            _ => Geometry::Window { size: self.size, stride: self.stride, offset: 0 },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pool_plane_matches_the_definition() {
        let a = ndarray::Array2::from_shape_fn((6, 7), |(i, j)| ((i * 7 + j) % 5) as f32 - (i as f32) / 3.0);
        for (size, stride) in [(2, 2), (3, 1), (3, 2), (1, 1), (2, 3)] {
            for mean in [false, true] {
                let got = pool_plane(a.view(), size, stride, mean);
                assert_eq!(got.dim(), (6 / stride, 7 / stride));
                for ((i, j), &v) in got.indexed_iter() {
                    let xs: Vec<f32> = (0..size)
                        .flat_map(|u| (0..size).map(move |v| (u, v)))
                        .map(|(u, v)| a[((i * stride + u) % 6, (j * stride + v) % 7)])
                        .collect();
                    let want = if mean {
                        xs.iter().sum::<f32>() / xs.len() as f32
                    } else {
                        xs.iter().cloned().fold(f32::NEG_INFINITY, f32::max)
                    };
                    assert!((v - want).abs() < 1e-6, "{size}/{stride} mean={mean} at ({i}, {j}): {v} vs {want}");
                }
            }
        }
    }
}

//! Backward pass of local pooling (windows `size × size` every `stride`
//! cells, wrapping at the border, as [`pool_plane`] reads them):
//!
//! - max: `∂L/∂x[q] = Σ_{windows w whose maximum is q} ∂L/∂y[w]`, the
//!   maximum being the first one in the forward's reading order (row by row);
//! - mean: every cell of a window gets `∂L/∂y[w] / size²`;
//! - blurred: the forward is a stride-1 max pool `m`, then the separable
//!   `[1, 2, 1] / 4` blur and subsampling (both linear): the gradient is
//!   scattered back through the subsampling and the (symmetric) blur to `m`,
//!   then through the max pool as above.
//!
//! Parameter-free; the output gradient has the output's planes.

use super::{no_params, Backward, Grads};
use crate::engine::layers::pool::{Pool, PoolMode};
use crate::engine::layers::LayerError;
use crate::engine::planes::plane_dims;
use crate::engine::space::{Signal, Tensor};
use ndarray::{Array2, ArrayView2};
use std::sync::Arc;

/// `∂L/∂x` of one plane of a max (`mean = false`) or mean pool.
pub fn pool_plane_backward(
    x: ArrayView2<f32>,
    dy: ArrayView2<f32>,
    size: usize,
    stride: usize,
    mean: bool,
) -> Array2<f32> {
    let (h, w) = x.dim();
    let mut dx = Array2::<f32>::zeros((h, w));
    let n = (size * size) as f32;
    for ((i, j), &g) in dy.indexed_iter() {
        let cells = (0..size).flat_map(|u| (0..size).map(move |v| ((i * stride + u) % h, (j * stride + v) % w)));
        if mean {
            cells.for_each(|q| dx[q] += g / n);
        } else {
            // The first strict maximum, as `kernels::max` keeps it.
            let mut best: Option<((usize, usize), f32)> = None;
            for q in cells {
                let v = x[q];
                if best.is_none_or(|(_, b)| b.is_nan() || v > b) {
                    best = Some((q, v));
                }
            }
            if let Some((q, _)) = best {
                dx[q] += g;
            }
        }
    }
    dx
}

/// `∂L/∂m` of [`blur_subsample`](crate::engine::layers::pool::blur_subsample)
/// for a plane `m` of `h × w`.
pub fn blur_subsample_backward(dy: ArrayView2<f32>, h: usize, w: usize, stride: usize) -> Array2<f32> {
    let k = [0.25f32, 0.5, 0.25];
    // out[i, j] = Σ_v k[v] rows[i·s, j·s + v − 1], rows[r, c] = Σ_u k[u] m[r + u − 1, c].
    let mut drows = Array2::<f32>::zeros((h, w));
    for ((i, j), &g) in dy.indexed_iter() {
        let (ci, cj) = (i * stride, j * stride);
        for (v, kv) in k.iter().enumerate() {
            drows[(ci, (cj + w + v - 1) % w)] += kv * g;
        }
    }
    let mut dm = Array2::<f32>::zeros((h, w));
    for ((r, c), &g) in drows.indexed_iter() {
        if g != 0.0 {
            for (u, ku) in k.iter().enumerate() {
                dm[((r + h + u - 1) % h, c)] += ku * g;
            }
        }
    }
    dm
}

impl Backward for Pool {
    fn backward(&self, x: &Signal, y: &Signal, dy: &Tensor, input: bool) -> Result<Grads, LayerError> {
        if !input {
            return Ok(Grads { input: None, params: Vec::new() });
        }
        if dy.shape() != y.data.shape() || x.data.ndim() < 2 {
            return Err(LayerError("pooling: the output gradient is not shaped like the output".into()));
        }
        let (planes, h, w) = plane_dims(&x.data);
        let (_, oh, ow) = plane_dims(&y.data);
        let xs = x.data.as_standard_layout();
        let xs = xs.view().into_shape_with_order((planes, h, w)).map_err(|e| LayerError(e.to_string()))?;
        let gs = dy.as_standard_layout();
        let gs = gs.view().into_shape_with_order((planes, oh, ow)).map_err(|e| LayerError(e.to_string()))?;
        let mut dx = Tensor::zeros(x.data.shape().to_vec());
        {
            let mut out = dx.view_mut().into_shape_with_order((planes, h, w)).expect("fresh arrays are contiguous");
            for ((xp, gp), mut dp) in xs.outer_iter().zip(gs.outer_iter()).zip(out.outer_iter_mut()) {
                let d = match self.mode {
                    PoolMode::Max => pool_plane_backward(xp, gp, self.size, self.stride, false),
                    PoolMode::Mean => pool_plane_backward(xp, gp, self.size, self.stride, true),
                    PoolMode::Blur => {
                        let dm = blur_subsample_backward(gp, h, w, self.stride);
                        pool_plane_backward(xp, dm.view(), self.size, 1, false)
                    }
                };
                dp.assign(&d);
            }
        }
        Ok(Grads { input: Some(dx), params: Vec::new() })
    }

    fn with_params(&self, params: &[Tensor]) -> Result<Arc<dyn Backward>, LayerError> {
        no_params(self, params)
    }
}

#[cfg(test)]
mod tests {
    use super::super::gradcheck::{assert_gradients, distinct_input};
    use super::*;
    use crate::engine::grid_group::GridGroup;
    use crate::engine::rng::Rng;
    use crate::engine::space::Space;

    #[test]
    fn pooling_gradients_match_finite_differences() {
        let mut rng = Rng::new(7);
        for mode in [PoolMode::Max, PoolMode::Mean, PoolMode::Blur] {
            let pool = Pool { mode, size: 2, stride: 2 };
            // Even and odd sides (the odd row and column are never read), images and group maps.
            for shape in [vec![2, 6, 6], vec![1, 5, 7], vec![2, 4, 4, 4]] {
                let data = distinct_input(&shape, &mut rng);
                let x = match shape.len() {
                    3 => Signal::new(data, Space::Grid { stride: 1 }),
                    _ => Signal::new(data, Space::GroupGrid { group: GridGroup::C4, stride: 1 }),
                };
                assert_gradients(&pool, &x, &mut rng);
            }
        }
        // Other windows of the generic path.
        for (size, stride) in [(3, 2), (3, 1), (2, 3)] {
            for mode in [PoolMode::Max, PoolMode::Mean] {
                let x = Signal::image(distinct_input(&[1, 6, 7], &mut rng).into_dimensionality().unwrap());
                assert_gradients(&Pool { mode, size, stride }, &x, &mut rng);
            }
        }
    }

    #[test]
    fn max_pool_routes_ties_to_the_first_maximum() {
        let x = ndarray::array![[1.0f32, 1.0], [1.0, 0.0]];
        let dx = pool_plane_backward(x.view(), ndarray::array![[1.0f32]].view(), 2, 2, false);
        assert_eq!(dx, ndarray::array![[1.0f32, 0.0], [0.0, 0.0]]);
    }
}

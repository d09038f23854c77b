//! Backward passes of the reductions over a whole axis:
//!
//! - global average pooling `y[c] = (1/HW) Σ_p x[c, p]`: every cell of plane
//!   `c` gets `∂L/∂y[c] / HW`; global max pooling: the first maximum gets it
//!   all (on `(C, H, W)` and on group maps `(C, |G|, H, W)`, plane by plane);
//! - orientation pooling `y[c, p] = max_r F[c, r, p]` (or the mean): the
//!   first maximising orientation gets `∂L/∂y[c, p]` (or each gets `1/|G|` of it).

use super::{no_params, Backward, Grads};
use crate::engine::layers::global_pool::GlobalPool;
use crate::engine::layers::orient_pool::{OrientPool, OrientReduce};
use crate::engine::layers::LayerError;
use crate::engine::planes::plane_dims;
use crate::engine::space::{Signal, Space, Tensor};
use std::sync::Arc;

/// Index of the first strict maximum (`kernels::max` keeps the first).
fn first_max(values: impl Iterator<Item = f32>) -> usize {
    let mut best = (0, f32::NEG_INFINITY);
    for (k, v) in values.enumerate() {
        if best.1.is_nan() || v > best.1 {
            best = (k, v);
        }
    }
    best.0
}

impl Backward for GlobalPool {
    fn backward(&self, x: &Signal, _y: &Signal, dy: &Tensor, input: bool) -> Result<Grads, LayerError> {
        if !matches!(x.space, Space::Grid { .. } | Space::GroupGrid { .. }) {
            return Err(LayerError(format!(
                "training a global pooling over a {} is not supported",
                x.space.describe()
            )));
        }
        if !input {
            return Ok(Grads { input: None, params: Vec::new() });
        }
        let (planes, h, w) = plane_dims(&x.data);
        if dy.len() != planes {
            return Err(LayerError("global pooling: one output gradient per plane".into()));
        }
        let xs = x.data.as_standard_layout();
        let xs = xs.as_slice().expect("standard layout is contiguous");
        let gs: Vec<f32> = dy.iter().copied().collect();
        let hw = h * w;
        let mut dx = vec![0.0f32; planes * hw];
        for (p, &g) in gs.iter().enumerate() {
            let plane = &mut dx[p * hw..(p + 1) * hw];
            if self.max {
                plane[first_max(xs[p * hw..(p + 1) * hw].iter().copied())] = g;
            } else {
                plane.fill(g / hw.max(1) as f32);
            }
        }
        let dx = Tensor::from_shape_vec(x.data.shape().to_vec(), dx).map_err(|e| LayerError(e.to_string()))?;
        Ok(Grads { input: Some(dx), params: Vec::new() })
    }

    fn with_params(&self, params: &[Tensor]) -> Result<Arc<dyn Backward>, LayerError> {
        no_params(self, params)
    }
}

impl Backward for OrientPool {
    fn backward(&self, x: &Signal, y: &Signal, dy: &Tensor, input: bool) -> Result<Grads, LayerError> {
        if !input {
            return Ok(Grads { input: None, params: Vec::new() });
        }
        if dy.shape() != y.data.shape() || x.data.ndim() < 2 {
            return Err(LayerError("orientation pooling: the output gradient is not shaped like the output".into()));
        }
        // (C, |G|, rest) with the rest flattened.
        let s = x.data.shape();
        let (c, g) = (s[0], s[1]);
        let rest: usize = s[2..].iter().product();
        let xs = x.data.as_standard_layout();
        let xv = xs.view().into_shape_with_order((c, g, rest)).map_err(|e| LayerError(e.to_string()))?;
        let gs = dy.as_standard_layout();
        let gv = gs.view().into_shape_with_order((c, rest)).map_err(|e| LayerError(e.to_string()))?;
        let mut dx = Tensor::zeros(s.to_vec());
        {
            let mut dv = dx.view_mut().into_shape_with_order((c, g, rest)).expect("fresh arrays are contiguous");
            for ci in 0..c {
                for p in 0..rest {
                    let grad = gv[(ci, p)];
                    match self.reduce {
                        OrientReduce::Max => {
                            let r = first_max((0..g).map(|r| xv[(ci, r, p)]));
                            dv[(ci, r, p)] = grad;
                        }
                        OrientReduce::Mean => (0..g).for_each(|r| dv[(ci, r, p)] = grad / g as f32),
                    }
                }
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

    #[test]
    fn reduction_gradients_match_finite_differences() {
        let mut rng = Rng::new(9);
        let img = Signal::image(distinct_input(&[3, 4, 5], &mut rng).into_dimensionality().unwrap());
        for group in [GridGroup::C4, GridGroup::D4] {
            let g = group.order();
            let maps = Signal::new(distinct_input(&[2, g, 3, 3], &mut rng), Space::GroupGrid { group, stride: 2 });
            let fibre = Signal::new(distinct_input(&[3, g], &mut rng), Space::GroupFiber { group });
            for max in [false, true] {
                assert_gradients(&GlobalPool { max }, &img, &mut rng);
                assert_gradients(&GlobalPool { max }, &maps, &mut rng);
            }
            for reduce in OrientReduce::ALL {
                assert_gradients(&OrientPool { reduce }, &maps, &mut rng);
                assert_gradients(&OrientPool { reduce }, &fibre, &mut rng);
            }
        }
    }
}

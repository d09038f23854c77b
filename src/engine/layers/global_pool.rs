//! Global pooling: the mean (or max) of every channel over all positions.
//! Any permutation of the positions leaves it unchanged, so the output is
//! invariant to cyclic shifts, rot90 and flips (claim I5). On group feature
//! maps `(C, |G|, H, W)` it pools space only and keeps the orientation axis
//! (a group fibre), which point symmetries still permute.
//!
//! On a strand `(C, L)` it pools the positions: cyclic shifts and the
//! reversal part of RC leave the result unchanged, and what remains of RC is
//! its channel pairing. With the identity pairing (after `strand_pool`, or a
//! plain `conv1d`) the output is invariant (claim D5, and its negative for
//! the plain model, whose numbers still change); with a non-trivial pairing
//! (right after `rc_conv1d`) RC still swaps the pooled pairs, so the output
//! is a vector on which RC acts by that permutation, not an invariant.

use super::{Geometry, Layer, LayerError, Setting};
use crate::engine::planes::plane_dims;
use crate::engine::space::{Signal, Space, Tensor};

/// Global average (`gap`) or max (`gmp`) pooling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GlobalPool {
    pub max: bool,
}

impl Layer for GlobalPool {
    fn settings(&self) -> Vec<(&'static str, Setting)> {
        vec![("mode", Setting::text(if self.max { "max" } else { "mean" }))]
    }

    fn kind(&self) -> &'static str {
        if self.max {
            "gmp"
        } else {
            "gap"
        }
    }

    fn label(&self) -> String {
        if self.max {
            "global max pooling".into()
        } else {
            "global average pooling".into()
        }
    }

    fn forward(&self, x: &Signal) -> Result<Signal, LayerError> {
        if let Space::Strand { pairing } = &x.space {
            return self.pool_strand(x, pairing);
        }
        let space = match &x.space {
            Space::Grid { .. } => Space::Invariant,
            Space::GroupGrid { group, .. } => Space::GroupFiber { group: *group },
            other => {
                return Err(LayerError(format!("global pooling expects feature maps, got a {}", other.describe())))
            }
        };
        let lead_shape = &x.data.shape()[..x.data.ndim() - 2];
        let (planes, h, w) = plane_dims(&x.data);
        let std = x.data.as_standard_layout();
        let flat = std.as_slice().expect("standard layout is contiguous");
        let hw = (h * w).max(1);
        let values: Vec<f32> = (0..planes)
            .map(|p| {
                let plane = &flat[p * h * w..(p + 1) * h * w];
                if self.max {
                    plane.iter().copied().fold(f32::NEG_INFINITY, crate::engine::kernels::max)
                } else {
                    (plane.iter().map(|&v| v as f64).sum::<f64>() / hw as f64) as f32
                }
            })
            .collect();
        let data = Tensor::from_shape_vec(lead_shape.to_vec(), values).map_err(|e| LayerError(e.to_string()))?;
        Ok(Signal::new(data, space))
    }

    fn geometry(&self) -> Geometry {
        Geometry::Global
    }
}

impl GlobalPool {
    /// Pool a `(C, L)` strand over its positions.
    fn pool_strand(&self, x: &Signal, pairing: &[usize]) -> Result<Signal, LayerError> {
        let v = x
            .data
            .view()
            .into_dimensionality::<ndarray::Ix2>()
            .map_err(|_| LayerError("global pooling expects a (C, L) strand".into()))?;
        let l = v.dim().1.max(1) as f64;
        let values: Vec<f32> = v
            .outer_iter()
            .map(|row| {
                if self.max {
                    row.iter().copied().fold(f32::NEG_INFINITY, f32::max)
                } else {
                    (row.iter().map(|&t| t as f64).sum::<f64>() / l) as f32
                }
            })
            .collect();
        let c = values.len();
        let space = if pairing.iter().enumerate().all(|(i, &q)| i == q) {
            Space::Invariant
        } else {
            // RC permutes the pooled channels: a flattened (C, 1) strand.
            Space::Flat { inner: Box::new(Space::Strand { pairing: pairing.to_vec() }), shape: vec![c, 1] }
        };
        Ok(Signal::new(Tensor::from_shape_vec(vec![c], values).map_err(|e| LayerError(e.to_string()))?, space))
    }
}

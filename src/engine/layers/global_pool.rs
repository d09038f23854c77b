//! Global pooling: the mean (or max) of every channel over all positions.
//! Any permutation of the positions leaves it unchanged, so the output is
//! invariant to cyclic shifts, rot90 and flips (claim I5). On group feature
//! maps `(C, |G|, H, W)` it pools space only and keeps the orientation axis
//! (a group fibre), which point symmetries still permute.

use super::{Geometry, Layer, LayerError};
use crate::engine::planes::plane_dims;
use crate::engine::space::{Signal, Space, Tensor};

/// Global average (`gap`) or max (`gmp`) pooling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GlobalPool {
    pub max: bool,
}

impl Layer for GlobalPool {
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
        let space = match &x.space {
            Space::Grid { .. } => Space::Invariant,
            Space::GroupGrid { group, .. } => Space::GroupFiber { group: *group },
            other => return Err(LayerError(format!("global pooling expects feature maps, got a {}", other.describe()))),
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
                    plane.iter().copied().fold(f32::NEG_INFINITY, f32::max)
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

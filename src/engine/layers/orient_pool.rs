//! Orientation pooling (`orient_pool`): the max (or mean) of every channel
//! over the group axis, `y[c, p] = max_r F[c, r, p]`.
//!
//! A point symmetry `m` acts on group feature maps by turning the planes and
//! permuting the orientations (`r -> m·r`); a max or mean over all
//! orientations does not see the permutation, so what is left is an ordinary
//! feature map that turns with the input: the output lives on
//! [`Space::Grid`], equivariant, and a global pooling after it is invariant
//! (claim I9). On a group fibre `(C, |G|)` (after global pooling) the result
//! is invariant outright.

use super::{Layer, LayerError, Setting};
use crate::engine::space::{Signal, Space, Tensor};
use ndarray::Axis;

/// How the orientations are reduced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrientReduce {
    Max,
    Mean,
}

impl OrientReduce {
    pub const ALL: [OrientReduce; 2] = [OrientReduce::Max, OrientReduce::Mean];

    pub fn name(self) -> &'static str {
        match self {
            OrientReduce::Max => "max",
            OrientReduce::Mean => "mean",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        OrientReduce::ALL.into_iter().find(|r| r.name() == s)
    }
}

/// Pool over the orientation axis (axis 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OrientPool {
    pub reduce: OrientReduce,
}

impl Layer for OrientPool {
    fn settings(&self) -> Vec<(&'static str, Setting)> {
        vec![("mode", Setting::text(self.reduce.name()))]
    }

    fn kind(&self) -> &'static str {
        "orient_pool"
    }

    fn label(&self) -> String {
        format!("orientation pooling ({} over the group)", self.reduce.name())
    }

    fn forward(&self, x: &Signal) -> Result<Signal, LayerError> {
        let space = match &x.space {
            Space::GroupGrid { stride, .. } => Space::Grid { stride: *stride },
            Space::GroupFiber { .. } => Space::Invariant,
            other => {
                return Err(LayerError(format!(
                    "orientation pooling expects group feature maps (after a lifting convolution), got a {}",
                    other.describe()
                )))
            }
        };
        if x.data.ndim() < 2 || x.data.shape()[1] == 0 {
            return Err(LayerError("orientation pooling expects a non-empty orientation axis".into()));
        }
        let data: Tensor = match self.reduce {
            OrientReduce::Max => {
                x.data.fold_axis(Axis(1), f32::NEG_INFINITY, |&a, &b| crate::engine::kernels::max(a, b))
            }
            OrientReduce::Mean => x.data.mean_axis(Axis(1)).expect("the axis is not empty"),
        };
        Ok(Signal::new(data, space))
    }
}

//! How each transformation step acts on each space: the group action that
//! every lab shares. `act(g, x)` is the input side (g·x) and, applied to a
//! layer's output, the representation ρ(g) used by the equivariance check.
//!
//! One file per family of signals; this file dispatches and handles the
//! spaces every lab has (flattened, invariant and opaque vectors).

mod dna;
mod graph;
mod image;
mod time;

use crate::engine::space::{Signal, Space};
use crate::engine::transform::{Step, Transform};
use std::fmt;

pub use dna::StrandMap;
pub use graph::{permuted_graph, resolve as resolve_node_permutation};
pub use image::{disc_mask, rotate_bilinear, shift_plane};
pub use time::warped_len;

/// The transformation has no action on this space (for example a shift by 3
/// after a stride-2 pooling, or a flip on p4 feature maps). Carries the reason
/// in words for the learner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoAction(pub String);

impl fmt::Display for NoAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Step {
    /// Apply this step to a signal.
    pub fn act(&self, x: &Signal) -> Result<Signal, NoAction> {
        match &x.space {
            Space::Grid { .. } | Space::GroupGrid { .. } | Space::GroupFiber { .. } => image::act(self, x),
            Space::Nodes { .. } => graph::act(self, x),
            Space::Strand { .. } => dna::act(self, x),
            Space::Time | Space::Trajectory { .. } => time::act(self, x),
            Space::Flat { inner, shape } => {
                let unflat = Signal::new(
                    x.data.clone().into_shape_with_order(shape.clone()).map_err(|e| NoAction(e.to_string()))?,
                    (**inner).clone(),
                );
                let moved = self.act(&unflat)?;
                let shape = moved.data.shape().to_vec();
                let n = moved.data.len();
                let data = moved.data.into_shape_with_order(vec![n]).map_err(|e| NoAction(e.to_string()))?;
                Ok(Signal::new(data, Space::Flat { inner: Box::new(moved.space), shape }))
            }
            Space::Invariant => Ok(x.clone()),
            Space::Opaque => Err(NoAction(format!("{self} has no known action on this layer's output"))),
        }
    }
}

impl Transform {
    /// Apply the steps left to right.
    pub fn act(&self, x: &Signal) -> Result<Signal, NoAction> {
        // The first step reads x in place: no copy of x before it moves (the
        // checks act on every layer's output, 100 kb strands included).
        let Some((first, rest)) = self.steps.split_first() else { return Ok(x.clone()) };
        let mut y = first.act(x)?;
        for s in rest {
            y = s.act(&y)?;
        }
        Ok(y)
    }
}

fn not_here(step: &Step, what: &str) -> NoAction {
    NoAction(format!("{step} does not act on {what}"))
}

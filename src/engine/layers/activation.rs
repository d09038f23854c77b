//! Pointwise nonlinearities `y = σ(x)`, applied to every entry. They commute
//! with any permutation of the entries, hence with shifts, rotations, flips,
//! node permutations and the reverse complement (claim I3): the output lives
//! on the same space as the input.

use super::{Layer, LayerError};
use crate::engine::space::Signal;

/// Which pointwise function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activation {
    Relu,
    Tanh,
}

impl Layer for Activation {
    fn kind(&self) -> &'static str {
        match self {
            Activation::Relu => "relu",
            Activation::Tanh => "tanh",
        }
    }

    fn label(&self) -> String {
        match self {
            Activation::Relu => "ReLU, max(0, x)".into(),
            Activation::Tanh => "tanh".into(),
        }
    }

    fn forward(&self, x: &Signal) -> Result<Signal, LayerError> {
        let data = match self {
            // `if 0 < v { v } else { 0 }` rather than `v.max(0.0)`: the same
            // values (NaN gives 0 either way), but it compiles to one SIMD
            // pseudo-max in wasm, where `f32::max` costs a NaN dance per lane.
            Activation::Relu => x.data.mapv(|v| if 0.0 < v { v } else { 0.0 }),
            Activation::Tanh => x.data.mapv(f32::tanh),
        };
        Ok(Signal::new(data, x.space.clone()))
    }
}

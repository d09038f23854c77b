//! Backward passes of the image lab's layers, for training the digit
//! classifier natively with the very layers the lab runs.
//!
//! For a layer `y = f(x; θ)` and a loss `L`, [`Backward::backward`] turns
//! `∂L/∂y` into `∂L/∂x` (the chain rule's step to the layer below) and
//! `∂L/∂θ` for every parameter of [`Layer::params`], in that order. One file
//! per layer family, each opening with its formula; every pass is checked
//! against central finite differences ([`gradcheck`]) by unit tests and by a
//! property test over random shapes and weights (`tests/backprop.rs`).
//!
//! Where a layer is not differentiable (a tie in a max, ReLU at 0) the pass
//! takes the subgradient the forward pass suggests: the first maximum in the
//! forward's reading order, and 0 for ReLU at 0.

pub mod conv;
pub mod dense;
pub mod gradcheck;
pub mod group;
pub mod pointwise;
pub mod pool;
pub mod reduce;

use crate::engine::layers::{Layer, LayerError};
use crate::engine::space::{Signal, Tensor};
use std::sync::Arc;

/// The gradients a backward pass returns.
#[derive(Clone, Debug, PartialEq)]
pub struct Grads {
    /// `∂L/∂x`, shaped like the input (`None` when not asked for).
    pub input: Option<Tensor>,
    /// `∂L/∂θ` for every parameter, shaped and ordered like [`Layer::params`].
    pub params: Vec<Tensor>,
}

/// A layer that can be differentiated and rebuilt with new parameters.
pub trait Backward: Layer {
    /// Given the input `x`, the output `y = forward(x)` and `dy = ∂L/∂y`,
    /// the gradients of `L`; `input` asks for `∂L/∂x` (the first layer of a
    /// network does not need it).
    fn backward(&self, x: &Signal, y: &Signal, dy: &Tensor, input: bool) -> Result<Grads, LayerError>;

    /// The same layer with other parameter values, shaped and ordered like
    /// [`Layer::params`] (derived data such as a group convolution's expanded
    /// filter bank is rebuilt).
    fn with_params(&self, params: &[Tensor]) -> Result<Arc<dyn Backward>, LayerError>;
}

/// A parameter-free layer has no parameters to replace.
pub(crate) fn no_params<L: Backward + Clone + 'static>(
    layer: &L,
    params: &[Tensor],
) -> Result<Arc<dyn Backward>, LayerError> {
    if params.is_empty() {
        Ok(Arc::new(layer.clone()))
    } else {
        Err(LayerError(format!("{} has no parameters", layer.kind())))
    }
}

//! A model is a list of layers; its trace is every layer's output.

use crate::engine::layers::{Layer, LayerError};
use crate::engine::space::Signal;
use std::sync::Arc;

/// A feed-forward stack of layers, cheap to clone (layers are shared).
#[derive(Clone, Debug)]
pub struct Model {
    /// The preset name (`cnn-gap`, `gcn`, ...).
    pub name: String,
    pub layers: Vec<Arc<dyn Layer>>,
}

/// Two models are equal when they share the very same layers (cheap, and what
/// a UI needs to know whether anything must be redrawn).
impl PartialEq for Model {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.layers.len() == other.layers.len()
            && self.layers.iter().zip(&other.layers).all(|(a, b)| Arc::ptr_eq(a, b))
    }
}

impl Model {
    pub fn new(name: impl Into<String>, layers: Vec<Arc<dyn Layer>>) -> Self {
        Model { name: name.into(), layers }
    }

    /// Outputs of every layer, `trace[k] = Φ_k(x)` (the input itself is not included).
    pub fn trace(&self, x: &Signal) -> Result<Vec<Signal>, LayerError> {
        let mut out: Vec<Signal> = Vec::with_capacity(self.layers.len());
        for (k, layer) in self.layers.iter().enumerate() {
            let input = out.last().unwrap_or(x);
            let y = layer.forward(input).map_err(|e| LayerError(format!("layer {k} ({}): {e}", layer.kind())))?;
            out.push(y);
        }
        Ok(out)
    }

    /// The final output.
    pub fn forward(&self, x: &Signal) -> Result<Signal, LayerError> {
        Ok(self.trace(x)?.pop().unwrap_or_else(|| x.clone()))
    }
}

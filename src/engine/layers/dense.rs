//! Dense (fully connected) layer `y = W x + b` on a vector. Every output mixes
//! every input with its own weight, so the position of a feature matters: on
//! a flattened image the result is not shift-invariant (claim I6). After an
//! invariant pooling its input does not change under the group, so neither
//! does its output: the classification head of an invariant network.

use super::{Geometry, Layer, LayerError, Param};
use crate::engine::space::{Signal, Space};
use ndarray::{Array1, Array2, Ix1};

#[derive(Clone, Debug, PartialEq)]
pub struct Dense {
    /// `(out, in)`
    pub weight: Array2<f32>,
    pub bias: Array1<f32>,
}

impl Layer for Dense {
    fn kind(&self) -> &'static str {
        "dense"
    }

    fn label(&self) -> String {
        format!("dense {}→{}", self.weight.ncols(), self.weight.nrows())
    }

    fn forward(&self, x: &Signal) -> Result<Signal, LayerError> {
        let v = x.data.view().into_dimensionality::<Ix1>().map_err(|_| LayerError("dense expects a vector".into()))?;
        if v.len() != self.weight.ncols() {
            return Err(LayerError(format!("dense expects {} inputs, got {}", self.weight.ncols(), v.len())));
        }
        let y = self.weight.dot(&v) + &self.bias;
        let space = if x.space == Space::Invariant { Space::Invariant } else { Space::Opaque };
        Ok(Signal::new(y.into_dyn(), space))
    }

    fn geometry(&self) -> Geometry {
        Geometry::Global
    }

    fn params(&self) -> Vec<Param> {
        vec![
            Param { name: "weight".into(), value: self.weight.clone().into_dyn() },
            Param { name: "bias".into(), value: self.bias.clone().into_dyn() },
        ]
    }
}

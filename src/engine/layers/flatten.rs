//! Flatten: lay all entries out in one vector. It only rearranges entries, so
//! a shift of the input is still a (scrambled) permutation of the output: the
//! output lives on a [`Space::Flat`] and the check still calls it
//! equivariant. It is the dense layer after it that cannot keep the symmetry
//! (claim I6).

use super::{Geometry, Layer, LayerError};
use crate::engine::space::{Signal, Space};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flatten;

impl Layer for Flatten {
    fn kind(&self) -> &'static str {
        "flatten"
    }

    fn label(&self) -> String {
        "flatten".into()
    }

    fn forward(&self, x: &Signal) -> Result<Signal, LayerError> {
        let shape = x.data.shape().to_vec();
        let n = x.data.len();
        let data = x
            .data
            .as_standard_layout()
            .into_owned()
            .into_shape_with_order(vec![n])
            .map_err(|e| LayerError(e.to_string()))?;
        Ok(Signal::new(data, Space::Flat { inner: Box::new(x.space.clone()), shape }))
    }

    fn geometry(&self) -> Geometry {
        Geometry::Global
    }
}

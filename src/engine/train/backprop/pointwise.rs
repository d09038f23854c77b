//! Backward passes that move entries without mixing them:
//!
//! - ReLU `y = max(0, x)`: `∂L/∂x = ∂L/∂y · [x > 0]` (0 at the kink, as the
//!   forward's `if 0 < x`);
//! - tanh: `∂L/∂x = ∂L/∂y · (1 − y²)`;
//! - flatten: `∂L/∂x` is `∂L/∂y` laid back into the input's shape.

use super::{no_params, Backward, Grads};
use crate::engine::layers::activation::Activation;
use crate::engine::layers::flatten::Flatten;
use crate::engine::layers::{Layer, LayerError};
use crate::engine::space::{Signal, Tensor};
use ndarray::Zip;
use std::sync::Arc;

fn same_shape(dy: &Tensor, y: &Signal, what: &str) -> Result<(), LayerError> {
    if dy.shape() == y.data.shape() {
        Ok(())
    } else {
        Err(LayerError(format!(
            "{what}: the output gradient {:?} is not shaped like the output {:?}",
            dy.shape(),
            y.shape()
        )))
    }
}

impl Backward for Activation {
    fn backward(&self, x: &Signal, y: &Signal, dy: &Tensor, input: bool) -> Result<Grads, LayerError> {
        same_shape(dy, y, self.kind())?;
        let dx = input.then(|| match self {
            Activation::Relu => Zip::from(dy).and(&x.data).map_collect(|&g, &v| if 0.0 < v { g } else { 0.0 }),
            Activation::Tanh => Zip::from(dy).and(&y.data).map_collect(|&g, &t| g * (1.0 - t * t)),
        });
        Ok(Grads { input: dx, params: Vec::new() })
    }

    fn with_params(&self, params: &[Tensor]) -> Result<Arc<dyn Backward>, LayerError> {
        no_params(self, params)
    }
}

impl Backward for Flatten {
    fn backward(&self, x: &Signal, y: &Signal, dy: &Tensor, input: bool) -> Result<Grads, LayerError> {
        same_shape(dy, y, "flatten")?;
        let dx = match input {
            true => Some(
                dy.as_standard_layout()
                    .into_owned()
                    .into_shape_with_order(x.data.shape().to_vec())
                    .map_err(|e| LayerError(e.to_string()))?,
            ),
            false => None,
        };
        Ok(Grads { input: dx, params: Vec::new() })
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
    use crate::engine::space::Space;

    #[test]
    fn pointwise_gradients_match_finite_differences() {
        let mut rng = Rng::new(3);
        let img = Signal::image(distinct_input(&[2, 4, 5], &mut rng).into_dimensionality().unwrap());
        let maps =
            Signal::new(distinct_input(&[2, 4, 3, 3], &mut rng), Space::GroupGrid { group: GridGroup::C4, stride: 2 });
        for x in [&img, &maps] {
            assert_gradients(&Activation::Relu, x, &mut rng);
            assert_gradients(&Activation::Tanh, x, &mut rng);
            assert_gradients(&Flatten, x, &mut rng);
        }
    }

    #[test]
    fn relu_passes_the_gradient_where_the_input_is_positive() {
        let x = Signal::image(ndarray::Array3::from_shape_vec((1, 1, 3), vec![-1.0, 0.0, 2.0]).unwrap());
        let y = Activation::Relu.forward(&x).unwrap();
        let g = Activation::Relu.backward(&x, &y, &Tensor::ones(vec![1, 1, 3]), true).unwrap();
        assert_eq!(g.input.unwrap().iter().copied().collect::<Vec<_>>(), vec![0.0, 0.0, 1.0]);
    }
}

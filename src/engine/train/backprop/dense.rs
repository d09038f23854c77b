//! Backward pass of the dense layer `y = W x + b`:
//! `∂L/∂x = Wᵀ dy`, `∂L/∂W = dy xᵀ`, `∂L/∂b = dy`.

use super::{Backward, Grads};
use crate::engine::layers::dense::Dense;
use crate::engine::layers::LayerError;
use crate::engine::space::{Signal, Tensor};
use ndarray::{Array2, Axis, Ix1, Ix2};
use std::sync::Arc;

impl Backward for Dense {
    fn backward(&self, x: &Signal, _y: &Signal, dy: &Tensor, input: bool) -> Result<Grads, LayerError> {
        let v = x.data.view().into_dimensionality::<Ix1>().map_err(|_| LayerError("dense expects a vector".into()))?;
        let g = dy.view().into_dimensionality::<Ix1>().map_err(|_| LayerError("dense: dy is not a vector".into()))?;
        if g.len() != self.weight.nrows() || v.len() != self.weight.ncols() {
            return Err(LayerError("dense: the gradient does not match the weights".into()));
        }
        let dw = g.insert_axis(Axis(1)).dot(&v.insert_axis(Axis(0)));
        let dx = input.then(|| self.weight.t().dot(&g).into_dyn());
        Ok(Grads { input: dx, params: vec![dw.into_dyn(), g.to_owned().into_dyn()] })
    }

    fn with_params(&self, params: &[Tensor]) -> Result<Arc<dyn Backward>, LayerError> {
        let err =
            || LayerError(format!("dense takes a weight {:?} and a bias ({})", self.weight.dim(), self.bias.len()));
        let [w, b] = params else { return Err(err()) };
        let weight: Array2<f32> = w.clone().into_dimensionality::<Ix2>().map_err(|_| err())?;
        let bias = b.clone().into_dimensionality::<Ix1>().map_err(|_| err())?;
        if weight.dim() != self.weight.dim() || bias.len() != self.bias.len() {
            return Err(err());
        }
        Ok(Arc::new(Dense { weight, bias }))
    }
}

#[cfg(test)]
mod tests {
    use super::super::gradcheck::{assert_gradients, random_tensor};
    use super::*;
    use crate::engine::rng::Rng;
    use crate::engine::space::Space;

    #[test]
    fn dense_gradients_match_finite_differences() {
        let mut rng = Rng::new(5);
        for (o, i) in [(1, 1), (3, 7), (10, 4)] {
            let layer = Dense {
                weight: random_tensor(&[o, i], &mut rng).into_dimensionality().unwrap(),
                bias: random_tensor(&[o], &mut rng).into_dimensionality().unwrap(),
            };
            let x = Signal::new(random_tensor(&[i], &mut rng), Space::Invariant);
            assert_gradients(&layer, &x, &mut rng);
        }
    }
}

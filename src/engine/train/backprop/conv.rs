//! Backward pass of the 2-D convolution `y[o] = b[o] + Σ_c w[o, c] ⋆ x[c]`
//! ("same" size, cross-correlation, circular or zero padding):
//!
//! - `∂L/∂b[o] = Σ_p dy[o, p]`;
//! - `∂L/∂w[o, c, u, v] = Σ_p dy[o, p] · x[c, p + (u, v) − K/2]`, read through
//!   the same padding (one matrix product with the im2col matrix of `x`);
//! - `∂L/∂x = Σ_o dy[o] ⋆ flip(w[o, c])`: the transposed convolution, which for
//!   a "same" convolution with odd `K` is again a "same" correlation with the
//!   same padding, the filters flipped in both axes and `in`/`out` swapped
//!   (substitute `q = p + u − K/2` in the sum: a pixel `q` outside the image
//!   is zero, or the wrapped one, on both sides of the identity).

use super::{Backward, Grads};
use crate::engine::kernels::conv2d::{conv2d, im2col, Padding};
use crate::engine::layers::conv2d::Conv2d;
use crate::engine::layers::{expect_grid, LayerError};
use crate::engine::space::{Signal, Tensor};
use ndarray::{Array1, Array3, Array4, ArrayView3, ArrayView4, Axis, Ix1, Ix3, Ix4};
use std::sync::Arc;

/// `(∂L/∂x, ∂L/∂w, ∂L/∂b)` of a convolution with input `x: (C, H, W)`,
/// filters `w: (O, C, K, K)` and output gradient `dy: (O, H, W)`. The input
/// gradient is only computed when `input` is true.
pub fn conv2d_backward(
    x: ArrayView3<f32>,
    w: ArrayView4<f32>,
    dy: ArrayView3<f32>,
    pad: Padding,
    input: bool,
) -> (Option<Array3<f32>>, Array4<f32>, Array1<f32>) {
    let (c, h, wd) = x.dim();
    let (o, _, k, _) = w.dim();
    let dy = dy.as_standard_layout();
    let dy_mat = dy.view().into_shape_with_order((o, h * wd)).expect("standard layout reshapes");
    let db = dy_mat.sum_axis(Axis(1));
    let cols = im2col(x, k, pad);
    let dw = dy_mat.dot(&cols.t()).into_shape_with_order((o, c, k, k)).expect("(O, C·K·K) reshapes to (O, C, K, K)");
    let dx = input.then(|| {
        let flipped = Array4::from_shape_fn((c, o, k, k), |(ci, oo, u, v)| w[(oo, ci, k - 1 - u, k - 1 - v)]);
        conv2d(dy.view(), flipped.view(), Array1::zeros(c).view(), pad)
    });
    (dx, dw, db)
}

/// The parameters `(weight, bias)` as a 4-D and a 1-D array, checked against the expected shapes.
pub(super) fn weight_and_bias(
    params: &[Tensor],
    shape: (usize, usize, usize, usize),
    what: &str,
) -> Result<(Array4<f32>, Array1<f32>), LayerError> {
    let err = || LayerError(format!("{what} takes a weight {shape:?} and a bias ({})", shape.0));
    let [w, b] = params else { return Err(err()) };
    let w = w.clone().into_dimensionality::<Ix4>().map_err(|_| err())?;
    let b = b.clone().into_dimensionality::<Ix1>().map_err(|_| err())?;
    if w.dim() != shape || b.len() != shape.0 {
        return Err(err());
    }
    Ok((w, b))
}

/// The output gradient as `(channels, H, W)`.
pub(super) fn as_planes(dy: &Tensor, channels: usize, h: usize, w: usize) -> Result<Array3<f32>, LayerError> {
    dy.as_standard_layout()
        .into_owned()
        .into_shape_with_order((channels, h, w))
        .map_err(|_| LayerError(format!("the output gradient is not {channels} planes of {h}×{w}")))
        .map(|a| a.into_dimensionality::<Ix3>().expect("three axes"))
}

impl Backward for Conv2d {
    fn backward(&self, x: &Signal, _y: &Signal, dy: &Tensor, input: bool) -> Result<Grads, LayerError> {
        let (_, v) = expect_grid(x, "conv2d")?;
        let (_, h, w) = v.dim();
        let dy = as_planes(dy, self.out_channels(), h, w)?;
        let (dx, dw, db) = conv2d_backward(v, self.weight.view(), dy.view(), self.padding, input);
        Ok(Grads { input: dx.map(|a| a.into_dyn()), params: vec![dw.into_dyn(), db.into_dyn()] })
    }

    fn with_params(&self, params: &[Tensor]) -> Result<Arc<dyn Backward>, LayerError> {
        let (w, b) = weight_and_bias(params, self.weight.dim(), "conv2d")?;
        Ok(Arc::new(Conv2d::new(w, b, self.padding)))
    }
}

#[cfg(test)]
mod tests {
    use super::super::gradcheck::{assert_gradients, distinct_input, random_tensor};
    use super::*;
    use crate::engine::rng::Rng;

    #[test]
    fn conv2d_gradients_match_finite_differences_for_both_paddings() {
        for pad in [Padding::Circular, Padding::Zero] {
            for (c, o, h, w, k) in [(1, 2, 5, 5, 3), (2, 3, 4, 6, 3), (2, 1, 6, 5, 5), (1, 1, 3, 3, 5)] {
                let mut rng = Rng::new(11);
                let layer = Conv2d::new(
                    random_tensor(&[o, c, k, k], &mut rng).into_dimensionality().unwrap(),
                    random_tensor(&[o], &mut rng).into_dimensionality().unwrap(),
                    pad,
                );
                let x = Signal::image(random_tensor(&[c, h, w], &mut rng).into_dimensionality().unwrap());
                assert_gradients(&layer, &x, &mut rng);
            }
        }
    }

    /// Forgetting to flip the filters in the input gradient (a correlation
    /// where the transpose needs a convolution) is caught.
    #[test]
    fn an_unflipped_filter_in_the_input_gradient_is_caught() {
        use super::super::gradcheck::{check_values, probe_loss};
        let mut rng = Rng::new(19);
        let layer = Conv2d::new(
            random_tensor(&[1, 1, 3, 3], &mut rng).into_dimensionality().unwrap(),
            Array1::zeros(1),
            Padding::Circular,
        );
        let x: Array3<f32> = distinct_input(&[1, 5, 5], &mut rng).into_dimensionality().unwrap();
        let probe: Array3<f32> = random_tensor(&[1, 5, 5], &mut rng).into_dimensionality().unwrap();
        let mut loss = |v: &[f32]| {
            let x = Array3::from_shape_vec((1, 5, 5), v.to_vec()).unwrap();
            probe_loss(
                &conv2d(x.view(), layer.weight.view(), layer.bias.view(), Padding::Circular).into_dyn(),
                &probe.clone().into_dyn(),
            )
        };
        let point: Vec<f32> = x.iter().copied().collect();
        let (right, _, _) = conv2d_backward(x.view(), layer.weight.view(), probe.view(), Padding::Circular, true);
        let right: Vec<f32> = right.unwrap().iter().copied().collect();
        assert_eq!(check_values("x", &mut loss, &point, &right), Ok(()));
        let wt = layer.weight.clone().permuted_axes([1, 0, 2, 3]).as_standard_layout().into_owned();
        let wrong = conv2d(probe.view(), wt.view(), Array1::zeros(1).view(), Padding::Circular);
        let wrong: Vec<f32> = wrong.iter().copied().collect();
        assert!(check_values("x", &mut loss, &point, &wrong).is_err());
    }

    #[test]
    fn literal_input_gradient() {
        // numpy: x = zeros((1,3,3)); w = arange(9.).reshape(1,1,3,3); dy = zeros((1,3,3)); dy[0,1,1] = 1
        // zero padding: dx[0] = w[0,0] (the centre output reads each pixel through w[u,v] at u,v = pixel offset + 1)
        let w = Array4::from_shape_fn((1, 1, 3, 3), |(_, _, u, v)| (3 * u + v) as f32);
        let mut dy = Array3::<f32>::zeros((1, 3, 3));
        dy[(0, 1, 1)] = 1.0;
        let x = Array3::<f32>::zeros((1, 3, 3));
        let (dx, _, db) = conv2d_backward(x.view(), w.view(), dy.view(), Padding::Zero, true);
        let dx = dx.unwrap();
        assert_eq!(dx.iter().copied().collect::<Vec<_>>(), (0..9).map(|v| v as f32).collect::<Vec<_>>());
        assert_eq!(db[0], 1.0);
    }
}

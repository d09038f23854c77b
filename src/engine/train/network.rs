//! A network being trained: a list of differentiable layers
//! ([`Backward`]), the softmax cross-entropy loss on its class scores, and
//! the chain rule through all of it.
//!
//! For scores `z` and label `y`, `L = −log softmax(z)_y` and
//! `∂L/∂z = softmax(z) − e_y`; each layer, from the last to the first, turns
//! the gradient of its output into those of its parameters and its input.

use super::backprop::Backward;
use crate::engine::layers::{Layer, LayerError};
use crate::engine::model::Model;
use crate::engine::models::image::trained::Piece;
use crate::engine::space::{Signal, Tensor};
use std::sync::Arc;

/// Layers with their parameters, in order.
#[derive(Clone, Debug)]
pub struct Network {
    pub layers: Vec<Arc<dyn Backward>>,
}

/// What one sample gave: its loss, its class scores, and `∂L/∂θ` for every
/// parameter of every layer (in the order of [`Network::params`]).
#[derive(Clone, Debug)]
pub struct SampleGrads {
    pub loss: f32,
    pub scores: Vec<f32>,
    pub grads: Vec<Tensor>,
}

/// The differentiable layer of a trained network's piece.
pub fn trainable(piece: Piece) -> Arc<dyn Backward> {
    use crate::engine::layers::{activation::Activation, flatten::Flatten, global_pool::GlobalPool};
    match piece {
        Piece::Conv(l) => Arc::new(l),
        Piece::Lift(l) => Arc::new(l),
        Piece::GroupConv(l) => Arc::new(l),
        Piece::Relu => Arc::new(Activation::Relu),
        Piece::Pool(l) => Arc::new(l),
        Piece::Orient(l) => Arc::new(l),
        Piece::GlobalAverage => Arc::new(GlobalPool { max: false }),
        Piece::Flatten => Arc::new(Flatten),
        Piece::Dense(l) => Arc::new(l),
    }
}

impl Network {
    pub fn from_pieces(pieces: Vec<Piece>) -> Self {
        Network { layers: pieces.into_iter().map(trainable).collect() }
    }

    /// Every layer's parameters, layer by layer, in [`Layer::params`] order.
    pub fn params(&self) -> Vec<Tensor> {
        self.layers.iter().flat_map(|l| l.params().into_iter().map(|p| p.value)).collect()
    }

    /// The same network with new parameter values (shaped like [`Network::params`]).
    pub fn with_params(&self, params: &[Tensor]) -> Result<Network, LayerError> {
        let mut rest = params;
        let mut layers = Vec::with_capacity(self.layers.len());
        for l in &self.layers {
            let n = l.params().len();
            if rest.len() < n {
                return Err(LayerError("too few parameters for the network".into()));
            }
            let (mine, others) = rest.split_at(n);
            layers.push(if n == 0 { l.clone() } else { l.with_params(mine)? });
            rest = others;
        }
        if !rest.is_empty() {
            return Err(LayerError("too many parameters for the network".into()));
        }
        Ok(Network { layers })
    }

    /// The network as a lab model.
    pub fn model(&self, name: &str) -> Model {
        Model::new(name, self.layers.iter().map(|l| l.clone() as Arc<dyn Layer>).collect())
    }

    /// Loss, scores and parameter gradients of one labelled sample.
    pub fn sample_grads(&self, x: &Signal, label: usize) -> Result<SampleGrads, LayerError> {
        let mut trace: Vec<Signal> = Vec::with_capacity(self.layers.len() + 1);
        trace.push(x.clone());
        for l in &self.layers {
            let y = l.forward(trace.last().expect("the input is there"))?;
            trace.push(y);
        }
        let out = trace.last().expect("at least the input");
        let scores: Vec<f32> = out.data.iter().copied().collect();
        let (loss, dz) = cross_entropy(&scores, label);
        let mut dy = Tensor::from_shape_vec(out.data.shape().to_vec(), dz).map_err(|e| LayerError(e.to_string()))?;
        let mut grads: Vec<Vec<Tensor>> = Vec::with_capacity(self.layers.len());
        for (k, l) in self.layers.iter().enumerate().rev() {
            let g = l.backward(&trace[k], &trace[k + 1], &dy, k > 0)?;
            grads.push(g.params);
            match g.input {
                Some(dx) => dy = dx,
                None => break,
            }
        }
        Ok(SampleGrads { loss, scores, grads: grads.into_iter().rev().flatten().collect() })
    }
}

/// `(−log softmax(z)_y, softmax(z) − e_y)`, computed stably in f64.
pub fn cross_entropy(z: &[f32], label: usize) -> (f32, Vec<f32>) {
    let m = z.iter().copied().fold(f32::NEG_INFINITY, f32::max) as f64;
    let e: Vec<f64> = z.iter().map(|&v| (v as f64 - m).exp()).collect();
    let sum: f64 = e.iter().sum();
    let loss = -(e.get(label).copied().unwrap_or(0.0) / sum).max(1e-30).ln();
    let dz = e.iter().enumerate().map(|(k, v)| (v / sum - if k == label { 1.0 } else { 0.0 }) as f32).collect();
    (loss as f32, dz)
}

#[cfg(test)]
mod tests {
    use super::super::backprop::gradcheck::{check_values, random_tensor};
    use super::*;
    use crate::engine::kernels::conv2d::Padding;
    use crate::engine::layers::orient_pool::OrientReduce;
    use crate::engine::layers::pool::PoolMode;
    use crate::engine::models::image::trained::{pieces, Spec};
    use crate::engine::models::image::{ImageArch, ImageModelConfig};
    use crate::engine::rng::Rng;

    #[test]
    fn cross_entropy_literal() {
        // numpy: z = [1, 2, 3]; p = exp(z - 3) / sum -> [0.09003057, 0.24472847, 0.66524096]; -log p[0] = 2.40760596
        let (l, dz) = cross_entropy(&[1.0, 2.0, 3.0], 0);
        assert!((l - 2.407_606).abs() < 1e-5);
        assert!((dz[0] + 0.909_969_4).abs() < 1e-6 && (dz[2] - 0.665_241).abs() < 1e-6);
    }

    /// The chain rule through every preset's whole layer list: the gradient
    /// of the cross-entropy with respect to every parameter of a small
    /// network, against finite differences. ReLU becomes tanh and the
    /// poolings average, so the network is smooth and no step can cross a
    /// kink (the kinked layers are checked one by one in `backprop`).
    #[test]
    fn whole_network_gradients_match_finite_differences() {
        let mut rng = Rng::new(23);
        for arch in ImageArch::ALL {
            for padding in [Padding::Circular, Padding::Zero] {
                let spec = Spec { arch, channels: [2, 2], kernels: [3, 3] };
                let cfg = ImageModelConfig {
                    arch,
                    padding,
                    pool: PoolMode::Mean,
                    orient: OrientReduce::Mean,
                    input_size: 6,
                    ..ImageModelConfig::default()
                };
                let params: Vec<Tensor> = spec.shapes(6).iter().map(|s| random_tensor(s, &mut rng)).collect();
                let smooth = |p: Piece| match p {
                    Piece::Relu => Arc::new(crate::engine::layers::activation::Activation::Tanh) as Arc<dyn Backward>,
                    p => trainable(p),
                };
                let net =
                    Network { layers: pieces(&spec, &params, 6, &cfg).unwrap().into_iter().map(smooth).collect() };
                let x = Signal::image(random_tensor(&[1, 6, 6], &mut rng).into_dimensionality().unwrap());
                let g = net.sample_grads(&x, 1).unwrap();
                assert_eq!(g.grads.len(), params.len());
                for (k, p) in params.iter().enumerate() {
                    // Every 7th entry (and at most 30): the sums are the same for all of them.
                    let picks: Vec<usize> = (0..p.len()).step_by(7).take(30).collect();
                    let all: Vec<f32> = p.iter().copied().collect();
                    let mut loss = |v: &[f32]| {
                        let mut entries = all.clone();
                        picks.iter().zip(v).for_each(|(&i, &x)| entries[i] = x);
                        let mut ps = params.clone();
                        ps[k] = Tensor::from_shape_vec(p.shape().to_vec(), entries).unwrap();
                        let scores = net.with_params(&ps).unwrap().model("m").forward(&x).unwrap().data;
                        cross_entropy(&scores.iter().copied().collect::<Vec<_>>(), 1).0 as f64
                    };
                    let point: Vec<f32> = picks.iter().map(|&i| all[i]).collect();
                    let analytic: Vec<f32> =
                        picks.iter().map(|&i| g.grads[k].iter().nth(i).copied().unwrap()).collect();
                    if let Err(m) =
                        check_values(&format!("{} {padding:?} param {k}", arch.name()), &mut loss, &point, &analytic)
                    {
                        panic!("{m}");
                    }
                }
            }
        }
    }
}

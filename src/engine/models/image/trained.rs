//! The trained digit classifiers behind `filters=trained`: the same layer
//! list as each image preset (one stride-2 pooling, the same kinds in the
//! same order), with weights learned on the project's generated digits
//! (`engine::train::digits`, retrained by `cargo run --release --example
//! train_digits`) and committed as `trained_digits.bin` (format:
//! [`super::digit_weights`]). Ten classes, labelled "0" to "9".
//!
//! The weights do not depend on the seed: `seed` only changes random
//! filters. The lab's padding, local pooling and orientation pooling are
//! honoured (the networks were trained with circular padding, max pooling
//! and max orientation pooling; the README gives their accuracy with the
//! others). The group CNNs tie their weights as every group CNN of the lab
//! does, so they stay exactly invariant whatever was learned. At an input
//! side other than the training one, `cnn-flatten`'s dense layer keeps the
//! weights of the positions that exist (the lab's 63×63 is the 64×64
//! canvas without its last row and column).

use super::digit_weights::{self, Record};
use super::{ImageArch, ImageModelConfig};
use crate::engine::layers::activation::Activation;
use crate::engine::layers::conv2d::Conv2d;
use crate::engine::layers::dense::Dense;
use crate::engine::layers::flatten::Flatten;
use crate::engine::layers::global_pool::GlobalPool;
use crate::engine::layers::group_conv::GroupConv;
use crate::engine::layers::lift_conv::LiftConv;
use crate::engine::layers::orient_pool::OrientPool;
use crate::engine::layers::pool::Pool;
use crate::engine::layers::Layer;
use crate::engine::model::Model;
use crate::engine::space::Tensor;
use crate::engine::train::digits::DIGIT_LABELS;
use ndarray::{Array2, Ix1, Ix2, Ix4, Ix5};
use std::sync::{Arc, OnceLock};

/// The committed weights of all four presets.
static WEIGHTS: &[u8] = include_bytes!("trained_digits.bin");

/// Number of classes of a trained network.
pub const CLASSES: usize = 10;

/// The sizes that make a trained variant of a preset: the channels and the
/// (odd) kernel side of its two convolutions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Spec {
    pub arch: ImageArch,
    pub channels: [usize; 2],
    pub kernels: [usize; 2],
}

impl Spec {
    /// Shapes of conv 1 weight and bias, conv 2 weight and bias, dense
    /// weight and bias, for inputs of side `input_size`.
    pub fn shapes(&self, input_size: usize) -> Vec<Vec<usize>> {
        let ([c1, c2], [k1, k2]) = (self.channels, self.kernels);
        let g = self.arch.group().order();
        let second = match self.arch {
            ImageArch::CnnGap | ImageArch::CnnFlatten => vec![c2, c1, k2, k2],
            ImageArch::P4Cnn | ImageArch::P4mCnn => vec![c2, c1, g, k2, k2],
        };
        let side = input_size / 2;
        let features = if self.arch == ImageArch::CnnFlatten { c2 * side * side } else { c2 };
        vec![vec![c1, 1, k1, k1], vec![c1], second, vec![c2], vec![CLASSES, features], vec![CLASSES]]
    }
}

/// A trained network: its sizes, parameters and what was measured on it.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainedNet {
    pub spec: Spec,
    /// The input side it was trained at.
    pub input_size: usize,
    /// Parameters in the order of [`Spec::shapes`].
    pub params: Vec<Tensor>,
    /// Held-out accuracy of the f32 weights and of the committed int8 ones,
    /// measured by the trainer on `held_out` test digits.
    pub float_accuracy: f32,
    pub int8_accuracy: f32,
    pub held_out: usize,
}

impl TrainedNet {
    /// The file record of this network (its weights are quantised on encoding).
    pub fn record(&self) -> Record {
        let arch = ImageArch::ALL.iter().position(|&a| a == self.spec.arch).unwrap_or(0) as u8;
        let per_10k = |a: f32| (a * 10_000.0).round().clamp(0.0, 10_000.0) as u16;
        Record {
            arch,
            channels: self.spec.channels.map(|c| c as u8),
            kernels: self.spec.kernels.map(|k| k as u8),
            input_size: self.input_size as u8,
            float_accuracy: per_10k(self.float_accuracy),
            int8_accuracy: per_10k(self.int8_accuracy),
            held_out: self.held_out as u16,
            tensors: self.params.clone(),
        }
    }

    fn from_record(r: Record) -> Result<Self, String> {
        Ok(TrainedNet {
            spec: spec_of(&r)?,
            input_size: r.input_size as usize,
            params: r.tensors,
            float_accuracy: r.float_accuracy as f32 / 10_000.0,
            int8_accuracy: r.int8_accuracy as f32 / 10_000.0,
            held_out: r.held_out as usize,
        })
    }
}

fn spec_of(r: &Record) -> Result<Spec, String> {
    let arch = *ImageArch::ALL.get(r.arch as usize).ok_or("an unknown architecture in the weight file")?;
    let spec = Spec { arch, channels: r.channels.map(usize::from), kernels: r.kernels.map(usize::from) };
    if spec.kernels.iter().any(|k| k % 2 == 0) || spec.channels.contains(&0) {
        return Err("the weight file has an even kernel or no channels".into());
    }
    Ok(spec)
}

/// Decode a weight file (e.g. one the trainer just wrote).
pub fn decode(bytes: &[u8]) -> Result<Vec<TrainedNet>, String> {
    let records = digit_weights::decode(bytes, |r| Ok(spec_of(r)?.shapes(r.input_size as usize)))?;
    records.into_iter().map(TrainedNet::from_record).collect()
}

/// Encode networks as a weight file.
pub fn encode(nets: &[TrainedNet]) -> Vec<u8> {
    digit_weights::encode(&nets.iter().map(TrainedNet::record).collect::<Vec<_>>())
}

/// The committed networks, decoded once.
pub fn committed() -> &'static [TrainedNet] {
    static NETS: OnceLock<Vec<TrainedNet>> = OnceLock::new();
    // A broken file is caught by the tests; a build with one shows random filters.
    NETS.get_or_init(|| decode(WEIGHTS).unwrap_or_default())
}

/// The committed network of `arch`.
pub fn committed_net(arch: ImageArch) -> Option<&'static TrainedNet> {
    committed().iter().find(|n| n.spec.arch == arch)
}

/// One layer of a trained network, as its concrete type (the trainer
/// differentiates them; the lab only needs them as [`Layer`]s).
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    Conv(Conv2d),
    Lift(LiftConv),
    GroupConv(GroupConv),
    Relu,
    Pool(Pool),
    Orient(OrientPool),
    GlobalAverage,
    Flatten,
    Dense(Dense),
}

impl Piece {
    pub fn layer(self) -> Arc<dyn Layer> {
        match self {
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
}

/// The layers of a network of `spec` with parameters `params` (trained at
/// side `trained_size`) in the lab's settings `cfg` (padding, pooling,
/// orientation pooling, input side); `None` if the parameters do not fit.
pub fn pieces(spec: &Spec, params: &[Tensor], trained_size: usize, cfg: &ImageModelConfig) -> Option<Vec<Piece>> {
    let shapes = spec.shapes(trained_size);
    if params.len() != shapes.len() || params.iter().zip(&shapes).any(|(p, s)| p.shape() != s.as_slice()) {
        return None;
    }
    let w4 = |k: usize| params[k].clone().into_dimensionality::<Ix4>().ok();
    let b1 = |k: usize| params[k].clone().into_dimensionality::<Ix1>().ok();
    let pool = Pool { mode: cfg.pool, size: 2, stride: 2 };
    let group = spec.arch.group();
    let mut out = match spec.arch {
        ImageArch::CnnGap | ImageArch::CnnFlatten => vec![
            Piece::Conv(Conv2d::new(w4(0)?, b1(1)?, cfg.padding)),
            Piece::Relu,
            Piece::Pool(pool),
            Piece::Conv(Conv2d::new(w4(2)?, b1(3)?, cfg.padding)),
            Piece::Relu,
        ],
        ImageArch::P4Cnn | ImageArch::P4mCnn => {
            let w5 = params[2].clone().into_dimensionality::<Ix5>().ok()?;
            vec![
                Piece::Lift(LiftConv::new(group, w4(0)?, b1(1)?, cfg.padding)),
                Piece::Relu,
                Piece::Pool(pool),
                Piece::GroupConv(GroupConv::new(group, w5, b1(3)?, cfg.padding)),
                Piece::Relu,
                Piece::Orient(OrientPool { reduce: cfg.orient }),
            ]
        }
    };
    let dense = params[4].clone().into_dimensionality::<Ix2>().ok()?;
    let weight = match spec.arch {
        ImageArch::CnnFlatten => {
            out.push(Piece::Flatten);
            flatten_weight(&dense, spec.channels[1], trained_size / 2, cfg.input_size / 2)?
        }
        _ => {
            out.push(Piece::GlobalAverage);
            dense
        }
    };
    out.push(Piece::Dense(Dense { weight, bias: b1(5)? }));
    Some(out)
}

/// The dense weight of a flattened `(c, from, from)` map moved to `(c, to, to)`:
/// the positions both have keep their weights, new ones get 0.
fn flatten_weight(w: &Array2<f32>, c: usize, from: usize, to: usize) -> Option<Array2<f32>> {
    if from == to {
        return Some(w.clone());
    }
    let w4 = w.view().into_shape_with_order((w.nrows(), c, from, from)).ok()?;
    let out = ndarray::Array4::from_shape_fn((w.nrows(), c, to, to), |(o, ch, i, j)| {
        if i < from && j < from {
            w4[(o, ch, i, j)]
        } else {
            0.0
        }
    });
    out.into_shape_with_order((w.nrows(), c * to * to)).ok()
}

/// The trained model of `cfg.arch` in the lab's settings, or `None` when the
/// committed file has no network for it.
pub fn build(cfg: &ImageModelConfig) -> Option<Model> {
    let net = committed_net(cfg.arch)?;
    let layers = pieces(&net.spec, &net.params, net.input_size, cfg)?.into_iter().map(Piece::layer).collect();
    Some(Model::new(cfg.arch.name(), layers))
}

/// The names of the class scores of the model `cfg` builds: "0".."9" for the
/// trained digit classifiers, "class 1".."class n" for untrained heads.
pub fn class_labels(cfg: &ImageModelConfig) -> Vec<String> {
    if cfg.filters == crate::engine::models::filters::FilterSource::Trained && committed_net(cfg.arch).is_some() {
        DIGIT_LABELS.iter().map(|s| s.to_string()).collect()
    } else {
        (1..=cfg.classes).map(|i| format!("class {i}")).collect()
    }
}

/// The softmax of class scores, `exp(z − max z) / Σ`.
pub fn softmax(scores: &[f32]) -> Vec<f32> {
    let m = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let e: Vec<f64> = scores.iter().map(|&z| ((z - m) as f64).exp()).collect();
    let sum: f64 = e.iter().sum();
    e.iter().map(|v| (v / sum) as f32).collect()
}

/// The predicted class (the first highest score) and its softmax probability;
/// `None` for no scores or scores that are not numbers.
pub fn predict(scores: &[f32]) -> Option<(usize, f32)> {
    if scores.is_empty() || scores.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let p = softmax(scores);
    let best = (0..p.len()).fold(0, |b, k| if scores[k] > scores[b] { k } else { b });
    Some((best, p[best]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predict_picks_the_highest_score_with_its_softmax_probability() {
        // numpy: e = np.exp([1, 3, 2] - 3.0); e / e.sum() -> [0.09003057, 0.66524096, 0.24472847]
        let (k, p) = predict(&[1.0, 3.0, 2.0]).unwrap();
        assert_eq!(k, 1);
        assert!((p - 0.665_240_96).abs() < 1e-6);
        assert_eq!(predict(&[]), None);
        assert_eq!(predict(&[1.0, f32::NAN]), None);
        assert_eq!(predict(&[2.0, 2.0]).map(|(k, _)| k), Some(0));
    }

    #[test]
    fn a_flatten_head_keeps_the_positions_both_sizes_have() {
        let w = Array2::from_shape_fn((2, 3 * 4 * 4), |(o, f)| (o * 100 + f) as f32);
        let cropped = flatten_weight(&w, 3, 4, 3).unwrap();
        assert_eq!(cropped.dim(), (2, 27));
        // Channel 1, row 2, column 1: index 1·16 + 2·4 + 1 = 25 before, 1·9 + 2·3 + 1 = 16 after.
        assert_eq!(cropped[(1, 16)], 125.0);
        assert_eq!(flatten_weight(&w, 3, 4, 4).unwrap(), w);
    }
}

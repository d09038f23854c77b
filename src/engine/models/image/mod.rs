//! The image lab's architecture presets, each spelling out the blueprint:
//! equivariant linear layers (convolutions), pointwise nonlinearities, local
//! pooling (scale separation), then an invariant global pooling (`cnn-gap`) or
//! a position-dependent flatten + dense (`cnn-flatten`), and a linear head.
//! The group CNNs `p4cnn` and `p4mcnn` (lifting and group convolutions,
//! orientation pooling) are built in [`gcnn`].

pub mod digit_weights;
pub mod gcnn;
pub mod trained;

use super::filters::{conv_filters, FilterSource};
use crate::engine::grid_group::GridGroup;
use crate::engine::kernels::conv2d::Padding;
use crate::engine::layers::activation::Activation;
use crate::engine::layers::conv2d::Conv2d;
use crate::engine::layers::dense::Dense;
use crate::engine::layers::flatten::Flatten;
use crate::engine::layers::global_pool::GlobalPool;
use crate::engine::layers::orient_pool::OrientReduce;
use crate::engine::layers::pool::{Pool, PoolMode};
use crate::engine::layers::Layer;
use crate::engine::model::Model;
use crate::engine::rng::Rng;
use ndarray::{Array1, Array2};
use std::sync::Arc;

/// Which architecture.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImageArch {
    /// conv, relu, pool, conv, relu, global average pooling, dense head.
    CnnGap,
    /// conv, relu, pool, conv, relu, flatten, dense head.
    CnnFlatten,
    /// lift to p4, relu, pool, p4 group conv, relu, orientation pool, global
    /// average pool, dense head: invariant to rot90 and cyclic shifts.
    P4Cnn,
    /// The same on p4m (rotations and flips): invariant to all 8 symmetries
    /// of the square. Its default has half the channels of `p4cnn` (see
    /// [`ImageModelConfig::for_arch`]).
    P4mCnn,
}

impl ImageArch {
    pub const ALL: [ImageArch; 4] = [ImageArch::CnnGap, ImageArch::CnnFlatten, ImageArch::P4Cnn, ImageArch::P4mCnn];

    pub fn name(self) -> &'static str {
        match self {
            ImageArch::CnnGap => "cnn-gap",
            ImageArch::CnnFlatten => "cnn-flatten",
            ImageArch::P4Cnn => "p4cnn",
            ImageArch::P4mCnn => "p4mcnn",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        ImageArch::ALL.into_iter().find(|a| a.name() == s)
    }

    pub fn summary(self) -> &'static str {
        match self {
            ImageArch::CnnGap => {
                "conv → ReLU → pool → conv → ReLU → global average pool → dense: an invariant classifier"
            }
            ImageArch::CnnFlatten => "conv → ReLU → pool → conv → ReLU → flatten → dense: position matters at the end",
            ImageArch::P4Cnn => {
                "lift to p4 → ReLU → pool → p4 group conv → ReLU → orientation pool → global average pool → dense: invariant to rot90 and shifts"
            }
            ImageArch::P4mCnn => {
                "lift to p4m → ReLU → pool → p4m group conv → ReLU → orientation pool → global average pool → dense: invariant to rot90, flips and shifts"
            }
        }
    }

    /// The point group the architecture is built on (trivial for plain CNNs).
    pub fn group(self) -> GridGroup {
        match self {
            ImageArch::CnnGap | ImageArch::CnnFlatten => GridGroup::Trivial,
            ImageArch::P4Cnn => GridGroup::C4,
            ImageArch::P4mCnn => GridGroup::D4,
        }
    }

    /// Default feature channels. A group CNN computes `channels × |G|` maps
    /// per layer, so `p4mcnn` (|G| = 8) defaults to 4 channels: 32 maps per
    /// layer and the same cost as `p4cnn` with 8 channels × 4 orientations.
    pub fn default_channels(self) -> usize {
        match self {
            ImageArch::P4mCnn => 4,
            _ => 8,
        }
    }
}

/// Everything that determines an image model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ImageModelConfig {
    pub arch: ImageArch,
    pub padding: Padding,
    pub filters: FilterSource,
    pub pool: PoolMode,
    pub seed: u64,
    /// Feature channels of both convolutions.
    pub channels: usize,
    /// Side of the (square) input image.
    pub input_size: usize,
    /// Number of class scores of the head.
    pub classes: usize,
    /// Orientation pooling of the group CNNs (ignored by plain CNNs).
    pub orient: OrientReduce,
}

impl ImageModelConfig {
    /// The default configuration of an architecture (its default channels).
    pub fn for_arch(arch: ImageArch) -> Self {
        ImageModelConfig { arch, channels: arch.default_channels(), ..Default::default() }
    }
}

impl Default for ImageModelConfig {
    fn default() -> Self {
        ImageModelConfig {
            arch: ImageArch::CnnGap,
            padding: Padding::Circular,
            filters: FilterSource::Random,
            pool: PoolMode::Max,
            seed: 1,
            channels: 8,
            input_size: 64,
            classes: 4,
            orient: OrientReduce::Max,
        }
    }
}

/// Build the model for a configuration (deterministic in the seed). With
/// `FilterSource::Trained` the committed digit classifier of the preset
/// ([`trained`]): its own channels and kernels, 10 classes, the same
/// for every seed.
pub fn build(cfg: &ImageModelConfig) -> Model {
    if cfg.filters == FilterSource::Trained {
        if let Some(model) = trained::build(cfg) {
            return model;
        }
    }
    match cfg.arch {
        ImageArch::CnnGap | ImageArch::CnnFlatten => build_cnn(cfg),
        ImageArch::P4Cnn | ImageArch::P4mCnn => gcnn::build(cfg),
    }
}

fn build_cnn(cfg: &ImageModelConfig) -> Model {
    let mut rng = Rng::new(cfg.seed);
    let c = cfg.channels.max(1);
    let conv = |rng: &mut Rng, inp: usize, layer: usize| -> Arc<dyn Layer> {
        let w = conv_filters(cfg.filters, c, inp, 3, rng, layer);
        Arc::new(Conv2d::new(w, Array1::zeros(c), cfg.padding))
    };
    let pool = Pool { mode: cfg.pool, size: 2, stride: 2 };
    let mut layers: Vec<Arc<dyn Layer>> = vec![
        conv(&mut rng, 1, 0),
        Arc::new(Activation::Relu),
        Arc::new(pool),
        conv(&mut rng, c, 1),
        Arc::new(Activation::Relu),
    ];
    let features = match cfg.arch {
        ImageArch::CnnGap => {
            layers.push(Arc::new(GlobalPool { max: false }));
            c
        }
        // CnnFlatten: `build_cnn` only sees the plain CNNs.
        _ => {
            layers.push(Arc::new(Flatten));
            let side = cfg.input_size / 2;
            c * side * side
        }
    };
    layers.push(dense_head(&mut rng, features, cfg.classes));
    Model::new(cfg.arch.name(), layers)
}

/// The linear classification head: `classes` scores from `features` inputs.
pub(super) fn dense_head(rng: &mut Rng, features: usize, classes: usize) -> Arc<dyn Layer> {
    let w = rng.weights(classes * features, features);
    let b = rng.weights(classes, features);
    Arc::new(Dense {
        weight: Array2::from_shape_vec((classes, features), w).expect("length matches shape"),
        bias: Array1::from(b) * 0.1,
    })
}

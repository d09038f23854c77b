//! The image lab's architecture presets, each spelling out the blueprint:
//! equivariant linear layers (convolutions), pointwise nonlinearities, local
//! pooling (scale separation), then an invariant global pooling (`cnn-gap`) or
//! a position-dependent flatten + dense (`cnn-flatten`), and a linear head.

use super::filters::{conv_filters, FilterSource};
use crate::engine::kernels::conv2d::Padding;
use crate::engine::layers::activation::Activation;
use crate::engine::layers::conv2d::Conv2d;
use crate::engine::layers::dense::Dense;
use crate::engine::layers::flatten::Flatten;
use crate::engine::layers::global_pool::GlobalPool;
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
}

impl ImageArch {
    pub const ALL: [ImageArch; 2] = [ImageArch::CnnGap, ImageArch::CnnFlatten];

    pub fn name(self) -> &'static str {
        match self {
            ImageArch::CnnGap => "cnn-gap",
            ImageArch::CnnFlatten => "cnn-flatten",
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
        }
    }
}

/// Build the model for a configuration (deterministic in the seed).
pub fn build(cfg: &ImageModelConfig) -> Model {
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
        ImageArch::CnnFlatten => {
            layers.push(Arc::new(Flatten));
            let side = cfg.input_size / 2;
            c * side * side
        }
    };
    let w = rng.weights(cfg.classes * features, features);
    let b = rng.weights(cfg.classes, features);
    layers.push(Arc::new(Dense {
        weight: Array2::from_shape_vec((cfg.classes, features), w).expect("length matches shape"),
        bias: Array1::from(b) * 0.1,
    }));
    Model::new(cfg.arch.name(), layers)
}

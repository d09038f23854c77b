//! Shared helpers for the claim tests: random inputs and one-layer models.
#![allow(dead_code)]

use ndarray::Array3;
use proptest::prelude::*;
use std::sync::Arc;
use symmetry_lab::engine::check::LayerCheck;
use symmetry_lab::engine::layers::Layer;
use symmetry_lab::engine::model::Model;
use symmetry_lab::engine::pipelines::run;
use symmetry_lab::engine::rng::Rng;
use symmetry_lab::engine::space::Signal;
use symmetry_lab::engine::transform::Transform;

/// A random `(c, n, n)` image with values in `[-1, 1)`.
pub fn random_image(c: usize, n: usize, seed: u64) -> Signal {
    let mut rng = Rng::new(seed);
    Signal::image(Array3::from_shape_fn((c, n, n), |_| rng.symmetric(1.0)))
}

/// Strategy: a seed and an even side length.
pub fn seed_and_even_size() -> impl Strategy<Value = (u64, usize)> {
    (any::<u64>(), (3usize..9).prop_map(|h| 2 * h))
}

/// Run `layers` on `x` and `g·x` and return the per-layer checks.
pub fn checks(layers: Vec<Arc<dyn Layer>>, x: &Signal, g: &Transform) -> Vec<LayerCheck> {
    let model = Model::new("test", layers);
    run(&model, x, g).expect("the test transformation acts on the input").checks
}

pub fn last(checks: &[LayerCheck]) -> &LayerCheck {
    checks.last().expect("at least one layer")
}

pub const EXACT: f64 = 1e-4;

//! The group CNN presets `p4cnn` and `p4mcnn`, one builder for any grid group:
//!
//! lift → ReLU → local pool 2 → group conv → ReLU → orientation pool →
//! global average pool → dense head.
//!
//! Every stage is equivariant to the point group (and, with circular
//! padding, to cyclic shifts by a multiple of the pooling stride); the
//! orientation pool turns the group maps into ordinary maps that rotate with
//! the input, and the global pooling makes them invariant. For exact rot90
//! equivariance after the stride-2 pooling the input side must be even (see
//! [`crate::engine::stride_parity`]).

use super::{dense_head, ImageModelConfig};
use crate::engine::grid_group::GridGroup;
use crate::engine::layers::activation::Activation;
use crate::engine::layers::global_pool::GlobalPool;
use crate::engine::layers::group_conv::GroupConv;
use crate::engine::layers::lift_conv::LiftConv;
use crate::engine::layers::orient_pool::OrientPool;
use crate::engine::layers::pool::Pool;
use crate::engine::layers::Layer;
use crate::engine::model::Model;
use crate::engine::models::filters::hand_made_bank;
use crate::engine::models::filters::{conv_filters, symmetrize, FilterSource};
use crate::engine::rng::Rng;
use ndarray::{Array1, Array5};
use std::sync::Arc;

/// Build the group CNN of `cfg.arch` (deterministic in the seed).
pub fn build(cfg: &ImageModelConfig) -> Model {
    let group = cfg.arch.group();
    let mut rng = Rng::new(cfg.seed);
    let c = cfg.channels.max(1);
    let lift = LiftConv::new(group, conv_filters(cfg.filters, c, 1, 3, &mut rng, 0), Array1::zeros(c), cfg.padding);
    let psi = group_filters(cfg.filters, c, c, group, 3, &mut rng);
    let gconv = GroupConv::new(group, psi, Array1::zeros(c), cfg.padding);
    let layers: Vec<Arc<dyn Layer>> = vec![
        Arc::new(lift),
        Arc::new(Activation::Relu),
        Arc::new(Pool { mode: cfg.pool, size: 2, stride: 2 }),
        Arc::new(gconv),
        Arc::new(Activation::Relu),
        Arc::new(OrientPool { reduce: cfg.orient }),
        Arc::new(GlobalPool { max: false }),
        dense_head(&mut rng, c, cfg.classes),
    ];
    Model::new(cfg.arch.name(), layers)
}

/// Base filters `(out, in, |G|, k, k)` of a group convolution.
///
/// - `Random` (and `Trained`, whose filters come whole from
///   [`super::trained`] when it has the preset): He-uniform over the
///   `in·|G|·k²` inputs of each output.
/// - `Symmetric`: random, each plane averaged over D4 (so every copy of a
///   plane is the plane itself; only the orientation slots move).
/// - `HandMade`: output channel `o` blurs its own input channel, orientation
///   by orientation (plane `e` only): readable, like the hand-made CNN.
pub fn group_filters(
    source: FilterSource,
    out: usize,
    inp: usize,
    group: GridGroup,
    k: usize,
    rng: &mut Rng,
) -> Array5<f32> {
    let g = group.order();
    match source {
        FilterSource::Random | FilterSource::Symmetric | FilterSource::Trained => {
            let v = rng.weights(out * inp * g * k * k, inp * g * k * k);
            let mut w = Array5::from_shape_vec((out, inp, g, k, k), v).expect("length matches shape");
            if source == FilterSource::Symmetric {
                for mut o in w.outer_iter_mut() {
                    for mut i in o.outer_iter_mut() {
                        for mut plane in i.outer_iter_mut() {
                            let s = symmetrize(&plane.to_owned(), GridGroup::D4);
                            plane.assign(&(s * 2.0));
                        }
                    }
                }
            }
            w
        }
        FilterSource::HandMade => {
            let gauss = hand_made_bank().swap_remove(6).1;
            let off = (k - gauss.dim().0) / 2;
            Array5::from_shape_fn((out, inp, g, k, k), |(o, i, s, u, v)| {
                let inside = u >= off && v >= off && u - off < 3 && v - off < 3;
                if i == o % inp && s == 0 && inside {
                    gauss[(u - off, v - off)]
                } else {
                    0.0
                }
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::models::image::{build as build_image, ImageArch};

    #[test]
    fn presets_have_the_documented_layers() {
        for arch in [ImageArch::P4Cnn, ImageArch::P4mCnn] {
            let m = build_image(&ImageModelConfig::for_arch(arch));
            let kinds: Vec<&str> = m.layers.iter().map(|l| l.kind()).collect();
            let suffix = arch.group().wallpaper_name();
            let lift = format!("lift_{suffix}");
            let gconv = format!("gconv_{suffix}");
            assert_eq!(
                kinds,
                vec![lift.as_str(), "relu", "maxpool", gconv.as_str(), "relu", "orient_pool", "gap", "dense"]
            );
            assert_eq!(m.name, arch.name());
        }
    }

    #[test]
    fn hand_made_group_filters_pick_the_identity_plane() {
        let w = group_filters(FilterSource::HandMade, 2, 2, GridGroup::C4, 3, &mut Rng::new(1));
        assert!(w[(1, 1, 0, 1, 1)] > 0.0);
        assert_eq!(w[(1, 1, 1, 1, 1)], 0.0);
        assert_eq!(w[(1, 0, 0, 1, 1)], 0.0);
    }
}

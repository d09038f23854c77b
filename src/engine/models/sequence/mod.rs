//! The sequence lab's model presets: one recurrent cell (its state
//! trajectory is layer 0) and its final state (layer 1).
//!
//! - `rnn`: the plain tanh RNN. Exactly delay-invariant at the end when its
//!   step keeps `h0` (S1); cannot follow a time warp (S2).
//! - `gated-rnn`: the leaky RNN. Follows a warp by `A` once its gate is
//!   slowed by `A`, `α → 1 − (1 − α)^{1/A} ≈ α/A` (S2).
//! - `lstm`: the same through the forget and input gates' biases.
//!
//! For S2 the check compares `Φ_{θ'}(g·x)` with `ρ(g)·Φ_θ(x)`, where `θ'` is
//! the model with its gates rescaled by the warp factor of `g`
//! ([`models_for`], [`check`]): the symmetry acts on the weights as well as on
//! the signal, which is what "the gate makes warping learnable" means.

pub mod recurrent_weights;

use crate::engine::layers::final_state::FinalState;
use crate::engine::layers::Layer;
use crate::engine::model::Model;
use crate::engine::pipelines::{run_with, Pipelines};
use crate::engine::space::Signal;
use crate::engine::transform::{Step, Transform};
use std::sync::Arc;

/// Which recurrent cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SequenceArch {
    Rnn,
    GatedRnn,
    Lstm,
}

impl SequenceArch {
    pub const ALL: [SequenceArch; 3] = [SequenceArch::Rnn, SequenceArch::GatedRnn, SequenceArch::Lstm];

    /// The `model=` name.
    pub fn name(self) -> &'static str {
        match self {
            SequenceArch::Rnn => "rnn",
            SequenceArch::GatedRnn => "gated-rnn",
            SequenceArch::Lstm => "lstm",
        }
    }

    /// Parse a `model=` name (`gated_rnn`, the layer kind, is accepted too).
    pub fn parse(s: &str) -> Option<Self> {
        if s == "gated_rnn" {
            return Some(SequenceArch::GatedRnn);
        }
        SequenceArch::ALL.into_iter().find(|a| a.name() == s)
    }

    pub fn summary(self) -> &'static str {
        match self {
            SequenceArch::Rnn => "h ← tanh(W x + U h + b): a fresh state every step, memory counted in steps",
            SequenceArch::GatedRnn => "h ← (1 − α) h + α tanh(W x + U h + b): the gate α sets how fast the state moves",
            SequenceArch::Lstm => "c ← f c + i g, h = o tanh(c): forget and input gates set the cell state's speed",
        }
    }

    /// Whether the cell has a gate that a time warp can rescale.
    pub fn has_gate(self) -> bool {
        self != SequenceArch::Rnn
    }
}

/// The additive bias inside the cell's tanh (for the LSTM: the candidate's
/// bias; its gate biases always set the time scale).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BiasMode {
    /// No bias: with `h0 = 0` the state rests at 0 (S1 exact).
    Off,
    /// A seeded (or, for hand-set weights, constant 0.3) bias: the padding
    /// only brings the state near a fixed point (S1 approximate).
    Random,
    /// Solved so that `h0` is a rest state, `f(0, h0) = h0`: S1 exact with a
    /// bias and a non-zero `h0`, showing which condition really matters.
    Rest,
}

/// Seeded random weights, or the hand-set ones of `recurrent_weights`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WeightSource {
    Seeded,
    Hand,
}

/// Everything that determines a sequence model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SequenceModelConfig {
    pub arch: SequenceArch,
    /// Hidden units `H`.
    pub hidden: usize,
    /// Features per input step `D`.
    pub input_dim: usize,
    pub bias: BiasMode,
    /// Every unit of the initial state (at most 0.6 in magnitude).
    pub h0: f32,
    pub seed: u64,
    pub weights: WeightSource,
    /// The gate at rest (gated RNN: α; LSTM: 1 − forget = input gate):
    /// `1/α` is the memory in steps. Ignored by the plain RNN.
    pub alpha: f32,
    /// For a time warp, slow the gates down by its factor (the S2 switch).
    pub gate_rescale: bool,
}

impl Default for SequenceModelConfig {
    fn default() -> Self {
        SequenceModelConfig {
            arch: SequenceArch::GatedRnn,
            hidden: 8,
            input_dim: 1,
            bias: BiasMode::Off,
            h0: 0.0,
            seed: 1,
            weights: WeightSource::Seeded,
            alpha: 0.05,
            gate_rescale: true,
        }
    }
}

/// Most hidden units a preset builds.
pub const MAX_HIDDEN: usize = 256;
/// Most features per input step.
pub const MAX_INPUT_DIM: usize = 16;

impl SequenceModelConfig {
    /// The configuration with every number inside its meaningful range:
    /// 1 to [`MAX_HIDDEN`] units, 1 to [`MAX_INPUT_DIM`] features, `|h0| ≤ 0.6`
    /// ([`recurrent_weights::MAX_H0`]), a gate in `[0.001, 1]`; non-finite
    /// numbers fall back to the defaults. The builders apply it.
    pub fn sanitized(&self) -> Self {
        let d = SequenceModelConfig::default();
        let h0 = if self.h0.is_finite() {
            self.h0.clamp(-recurrent_weights::MAX_H0, recurrent_weights::MAX_H0)
        } else {
            d.h0
        };
        let alpha = if self.alpha.is_finite() { self.alpha.clamp(1e-3, 1.0) } else { d.alpha };
        SequenceModelConfig {
            hidden: self.hidden.clamp(1, MAX_HIDDEN),
            input_dim: self.input_dim.clamp(1, MAX_INPUT_DIM),
            h0,
            alpha,
            ..*self
        }
    }
}

/// The cell of a configuration with its gates slowed by `a` (1: unchanged).
pub fn cell(cfg: &SequenceModelConfig, a: f32) -> Arc<dyn Layer> {
    let cfg = &cfg.sanitized();
    match cfg.arch {
        SequenceArch::Rnn => Arc::new(recurrent_weights::rnn(cfg)),
        SequenceArch::GatedRnn => Arc::new(recurrent_weights::gated_rnn(cfg).rescaled(a)),
        SequenceArch::Lstm => Arc::new(recurrent_weights::lstm(cfg).rescaled(a)),
    }
}

/// Build the model: the cell, then its final state (deterministic in the seed).
pub fn build(cfg: &SequenceModelConfig) -> Model {
    build_scaled(cfg, 1.0)
}

/// The model with its gates slowed by `a`, for inputs stretched by `a`. The
/// plain RNN has no gate and comes back unchanged.
pub fn build_scaled(cfg: &SequenceModelConfig, a: f32) -> Model {
    Model::new(cfg.arch.name(), vec![cell(cfg, a), Arc::new(FinalState)])
}

/// The total time stretch of `g`: the product of its warp factors (delays do
/// not change the speed of time).
pub fn time_scale(g: &Transform) -> f32 {
    g.steps.iter().map(|s| if let Step::Warp { factor } = s { *factor } else { 1.0 }).product()
}

/// The models for `x` and for `g·x`: the same, unless `gate_rescale` is on
/// and `g` warps time, in which case the second has its gates slowed down.
pub fn models_for(cfg: &SequenceModelConfig, g: &Transform) -> (Model, Model) {
    let model = build(cfg);
    let a = time_scale(g);
    if cfg.gate_rescale && cfg.arch.has_gate() && a != 1.0 {
        (model, build_scaled(cfg, a))
    } else {
        (model.clone(), model)
    }
}

/// Run both pipelines and the per-layer checks (the lab's main call).
pub fn check(cfg: &SequenceModelConfig, x: &Signal, g: &Transform) -> Result<Pipelines, String> {
    let (model_x, model_gx) = models_for(cfg, g);
    run_with(&model_x, &model_gx, x, g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for a in SequenceArch::ALL {
            assert_eq!(SequenceArch::parse(a.name()), Some(a));
        }
        assert_eq!(SequenceArch::parse("gated_rnn"), Some(SequenceArch::GatedRnn));
        assert_eq!(SequenceArch::parse("gru"), None);
    }

    #[test]
    fn presets_are_deterministic_and_rest_biases_keep_h0() {
        for arch in SequenceArch::ALL {
            for weights in [WeightSource::Seeded, WeightSource::Hand] {
                let cfg = SequenceModelConfig { arch, weights, bias: BiasMode::Rest, h0: 0.4, ..Default::default() };
                let (a, b) = (build(&cfg), build(&cfg));
                assert_eq!(a.layers[0].params(), b.layers[0].params());
                let drift = match arch {
                    SequenceArch::Rnn => recurrent_weights::rnn(&cfg).rest_drift(),
                    SequenceArch::GatedRnn => recurrent_weights::gated_rnn(&cfg).rest_drift(),
                    SequenceArch::Lstm => recurrent_weights::lstm(&cfg).rest_drift(),
                };
                assert!(drift < 1e-5, "{arch:?} {weights:?}: drift {drift}");
            }
        }
        let random = SequenceModelConfig { arch: SequenceArch::Rnn, bias: BiasMode::Random, ..Default::default() };
        assert!(recurrent_weights::rnn(&random).rest_drift() > 1e-2);
    }

    #[test]
    fn extreme_settings_build_finite_models() {
        for arch in SequenceArch::ALL {
            for (hidden, alpha, h0) in [(0, 1.0, 0.0), (3, f32::NAN, f32::INFINITY), (2, 0.0, -5.0)] {
                let cfg = SequenceModelConfig { arch, hidden, alpha, h0, bias: BiasMode::Rest, ..Default::default() };
                let m = build(&cfg);
                assert!(m.layers[0].params().iter().all(|p| p.value.iter().all(|v| v.is_finite())), "{arch:?} {cfg:?}");
                let x = Signal::sequence(ndarray::Array2::ones((5, 1)));
                let y = m.forward(&x).unwrap();
                assert!(y.data.iter().all(|v| v.is_finite()) && !y.data.is_empty());
            }
        }
    }

    #[test]
    fn warp_factor_of_a_word() {
        let g = Transform { steps: vec![Step::Delay { k: 3 }, Step::Warp { factor: 2.0 }, Step::Warp { factor: 1.5 }] };
        assert_eq!(time_scale(&g), 3.0);
        let cfg = SequenceModelConfig::default();
        let (m, mg) = models_for(&cfg, &g);
        assert_ne!(m.layers[0].params(), mg.layers[0].params());
        let (m, mg) = models_for(&SequenceModelConfig { gate_rescale: false, ..cfg }, &g);
        assert_eq!(m.layers[0].params(), mg.layers[0].params());
    }
}

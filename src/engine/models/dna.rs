//! The DNA lab's architecture presets:
//!
//! - `conv`: conv1d → ReLU → conv1d → ReLU → global pool → dense. Shift
//!   equivariant (circular padding) then invariant, but not RC-equivariant
//!   (claim D3): its score changes when the other strand is read.
//! - `rc-conv`: rc_conv1d → ReLU → rc_conv1d → ReLU → strand_pool → global
//!   pool → dense. Every filter comes with its reverse complement (D4), the
//!   strand pooling takes the max over each pair and the global pooling
//!   forgets positions, so the score is exactly RC-invariant (D5).
//!
//! Filters are random from the seed, or the first filter is a motif
//! detector built from a consensus (see [`super::motif`]); then the second
//! layer passes each channel through unchanged and the head reads the pooled
//! channels directly, so score 0 is the motif detector's pooled activation.

use super::motif::Motif;
use crate::engine::kernels::conv1d::Padding;
use crate::engine::layers::activation::Activation;
use crate::engine::layers::conv1d::Conv1d;
use crate::engine::layers::dense::Dense;
use crate::engine::layers::global_pool::GlobalPool;
use crate::engine::layers::rc_conv1d::{pair_pairing, RcConv1d};
use crate::engine::layers::strand_pool::StrandPool;
use crate::engine::layers::Layer;
use crate::engine::model::Model;
use crate::engine::nucleotide::ONE_HOT_PAIRING;
use crate::engine::rng::Rng;
use ndarray::{Array1, Array2, Array3};
use std::sync::Arc;

/// Which architecture.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DnaArch {
    /// Plain convolutions: not RC-equivariant.
    Conv,
    /// Filter pairs (w, RC(w)), strand pooling: an RC-invariant score.
    RcConv,
}

impl DnaArch {
    pub const ALL: [DnaArch; 2] = [DnaArch::Conv, DnaArch::RcConv];

    /// The `model=` name.
    pub fn name(self) -> &'static str {
        match self {
            DnaArch::Conv => "conv",
            DnaArch::RcConv => "rc-conv",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        DnaArch::ALL.into_iter().find(|a| a.name() == s)
    }

    pub fn summary(self) -> &'static str {
        match self {
            DnaArch::Conv => "conv1d → ReLU → conv1d → ReLU → global pool → dense: reads one strand only",
            DnaArch::RcConv => {
                "RC conv1d → ReLU → RC conv1d → ReLU → strand pool → global pool → dense: the same score for both strands"
            }
        }
    }
}

/// Everything that determines a DNA model.
#[derive(Clone, Debug, PartialEq)]
pub struct DnaModelConfig {
    pub arch: DnaArch,
    pub padding: Padding,
    pub seed: u64,
    /// Filters per layer: output channels for `conv`, filter pairs for `rc-conv`
    /// (which then has twice as many channels).
    pub filters: usize,
    /// Filter width (made odd); the first layer widens to hold the motif.
    pub kernel: usize,
    /// A motif detector as the first filter, or all filters random.
    pub motif: Option<Motif>,
    /// Global max pooling (`gmp`: "is the motif anywhere?") instead of average (`gap`).
    pub global_max: bool,
    /// Number of scores of the head.
    pub classes: usize,
}

impl Default for DnaModelConfig {
    fn default() -> Self {
        DnaModelConfig {
            arch: DnaArch::RcConv,
            padding: Padding::Circular,
            seed: 1,
            filters: 4,
            kernel: 9,
            motif: None,
            global_max: false,
            classes: 1,
        }
    }
}

fn random3(rng: &mut Rng, f: usize, c: usize, k: usize) -> Array3<f32> {
    Array3::from_shape_vec((f, c, k), rng.weights(f * c * k, c * k)).expect("length matches shape")
}

/// First-layer filters `(f, 4, k0)`, biases, and `k0`: random, with the motif as filter 0.
fn first_layer(cfg: &DnaModelConfig, rng: &mut Rng, f: usize) -> (Array3<f32>, Array1<f32>, usize) {
    let k0 = cfg.motif.as_ref().map_or(0, Motif::odd_width).max(cfg.kernel | 1);
    let mut w = random3(rng, f, 4, k0);
    let mut b = Array1::zeros(f);
    if let Some(m) = &cfg.motif {
        w.index_axis_mut(ndarray::Axis(0), 0).assign(&m.filter(k0));
        b[0] = m.bias;
    }
    (w, b, k0)
}

/// Second-layer filters `(f, c, k)`: random, or (with a motif) the pass-through
/// of input channel `src(o)` at the centre tap.
fn second_layer(cfg: &DnaModelConfig, rng: &mut Rng, f: usize, c: usize, src: impl Fn(usize) -> usize) -> Array3<f32> {
    let k = cfg.kernel | 1;
    if cfg.motif.is_none() {
        return random3(rng, f, c, k);
    }
    let mut w = Array3::zeros((f, c, k));
    for o in 0..f {
        w[(o, src(o) % c, k / 2)] = 1.0;
    }
    w
}

/// Build the model for a configuration (deterministic in the seed).
pub fn build(cfg: &DnaModelConfig) -> Model {
    let mut rng = Rng::new(cfg.seed);
    let f = cfg.filters.max(1);
    let (w0, b0, _) = first_layer(cfg, &mut rng, f);
    let mut layers: Vec<Arc<dyn Layer>> = Vec::new();
    match cfg.arch {
        DnaArch::Conv => {
            layers.push(Arc::new(Conv1d::new(w0, b0, cfg.padding)));
            layers.push(Arc::new(Activation::Relu));
            let w1 = second_layer(cfg, &mut rng, f, f, |o| o);
            layers.push(Arc::new(Conv1d::new(w1, Array1::zeros(f), cfg.padding)));
            layers.push(Arc::new(Activation::Relu));
        }
        DnaArch::RcConv => {
            layers.push(Arc::new(RcConv1d::new(w0, b0, cfg.padding, ONE_HOT_PAIRING.to_vec())));
            layers.push(Arc::new(Activation::Relu));
            // Base filter j reads channel 2j (its own forward copy); its RC partner then reads 2j+1.
            let w1 = second_layer(cfg, &mut rng, f, 2 * f, |o| 2 * o);
            layers.push(Arc::new(RcConv1d::new(w1, Array1::zeros(f), cfg.padding, pair_pairing(f))));
            layers.push(Arc::new(Activation::Relu));
            layers.push(Arc::new(StrandPool));
        }
    }
    layers.push(Arc::new(GlobalPool { max: cfg.global_max }));
    layers.push(Arc::new(head(cfg, &mut rng, f)));
    Model::new(cfg.arch.name(), layers)
}

/// Names of the first layer's output channels, for the activation tracks:
/// `conv` has one channel per filter; `rc-conv` has each filter then its
/// reverse complement (the same motif read on the other strand).
pub fn first_layer_channel_names(cfg: &DnaModelConfig) -> Vec<String> {
    let f = cfg.filters.max(1);
    let name = |j: usize| match (&cfg.motif, j) {
        (Some(m), 0) => format!("motif {}", m.consensus),
        _ => format!("filter {j}"),
    };
    match cfg.arch {
        DnaArch::Conv => (0..f).map(name).collect(),
        DnaArch::RcConv => {
            (0..f).flat_map(|j| [format!("{} (+ strand)", name(j)), format!("{} (− strand)", name(j))]).collect()
        }
    }
}

/// The dense head on the `f` pooled features: random, or (with a motif)
/// score `r` = pooled feature `r`, so score 0 is the motif detector.
fn head(cfg: &DnaModelConfig, rng: &mut Rng, f: usize) -> Dense {
    let classes = cfg.classes.max(1);
    if cfg.motif.is_some() {
        let weight = Array2::from_shape_fn((classes, f), |(r, c)| if r == c { 1.0 } else { 0.0 });
        return Dense { weight, bias: Array1::zeros(classes) };
    }
    let w = rng.weights(classes * f, f);
    let b = rng.weights(classes, f);
    Dense {
        weight: Array2::from_shape_vec((classes, f), w).expect("length matches shape"),
        bias: Array1::from(b) * 0.1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::nucleotide::{encode, reverse_complement};

    fn score(m: &Model, seq: &str) -> f32 {
        m.forward(&encode(seq).unwrap()).unwrap().data[[0]]
    }

    #[test]
    fn tata_detector_fires_on_both_strands_with_rc_conv_only() {
        let motif = Some(Motif::parse("TATAAA").unwrap());
        let seq = "GGGGCTATAAAAGGGGGTGGGGGCGCGTTCGTCC";
        let rc = reverse_complement(seq);
        let cfg = DnaModelConfig { motif: motif.clone(), global_max: true, ..Default::default() };
        let m = build(&cfg);
        let (s, s_rc) = (score(&m, seq), score(&m, &rc));
        assert!((s - 1.0).abs() < 1e-4 && (s_rc - 1.0).abs() < 1e-4, "{s} {s_rc}");
        assert_eq!(score(&m, "GGGGCCCCGGGGCCCCGGGG"), 0.0);
        let plain = build(&DnaModelConfig { arch: DnaArch::Conv, ..cfg });
        assert!((score(&plain, seq) - 1.0).abs() < 1e-4);
        assert_eq!(score(&plain, &rc), 0.0, "the plain model reads one strand only");
    }

    #[test]
    fn presets_build_and_run() {
        for arch in DnaArch::ALL {
            assert_eq!(DnaArch::parse(arch.name()), Some(arch));
            let m = build(&DnaModelConfig { arch, classes: 3, ..Default::default() });
            let y = m.forward(&encode("ACGTNACGTRYACGGT").unwrap()).unwrap();
            assert_eq!(y.data.shape(), &[3]);
            let names = first_layer_channel_names(&DnaModelConfig { arch, ..Default::default() });
            assert_eq!(names.len(), m.layers[0].forward(&encode("ACGT").unwrap()).unwrap().data.shape()[0]);
        }
    }
}

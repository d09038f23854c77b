//! Weights of the sequence lab's cells: seeded random ones and hand-set
//! ones, each with a bias that is off, random, or solved so that the initial
//! state is a rest state (`f(0, h0) = h0`, the condition of claim S1).
//!
//! Seeded: input weights uniform in `[−1, 1]`, recurrent matrices 0.95 times
//! a random orthogonal matrix, so that every step is a contraction (tanh only
//! shrinks further): the zero-input dynamics has one attracting fixed point,
//! which the left padding approaches geometrically (the decay of S1's
//! error), yet the memory is as long as such a net allows. The LSTM gets the
//! chrono initialisation of Tallec & Ollivier: the forget and input gates at
//! rest are `1 − α` and `α`, a slow leaky integrator in its cell state.
//!
//! Hand-set: the simplest cell that shows each idea. The plain RNN is a shift
//! register (unit 0 reads the input, unit `j` copies unit `j − 1` through a
//! tanh): its memory is exactly `H` steps. The gated RNN and the LSTM are
//! banks of leaky integrators of `tanh(x)` with gates `α · 2^{−j/2}`, time
//! constants spread over a factor of `2^{H/2}`.

use super::{BiasMode, SequenceModelConfig, WeightSource};
use crate::engine::layers::gated_rnn::GatedRnn;
use crate::engine::layers::lstm::Lstm;
use crate::engine::layers::rnn::Rnn;
use crate::engine::rng::Rng;
use ndarray::{Array1, Array2};

/// Largest magnitude of `h0`: keeps `atanh` in the solved rest biases finite
/// for every cell (tanh states live in `(−1, 1)`).
pub const MAX_H0: f32 = 0.6;
/// Spectral norm of the seeded recurrent matrices.
const RECURRENT_NORM: f32 = 0.95;
/// The LSTM's output gate at rest when the bias is solved for a rest state.
const OUTPUT_AT_REST: f32 = 0.95;

/// `logit(p)`, with `p` kept inside `(0, 1)` so a gate bias stays finite
/// (a gate of exactly 1 has an infinite bias, which no export could hold).
fn logit(p: f32) -> f32 {
    let p = p.clamp(1e-6, 1.0 - 1e-6);
    (p / (1.0 - p)).ln()
}

fn uniform(rng: &mut Rng, rows: usize, cols: usize, a: f32) -> Array2<f32> {
    Array2::from_shape_fn((rows, cols), |_| rng.symmetric(a))
}

/// `scale` times a random orthogonal matrix (Gram–Schmidt on uniform rows):
/// every singular value is `scale`, so a state keeps its size through `U`
/// and the memory is as long as a contraction by `scale` allows.
fn orthogonal(rng: &mut Rng, n: usize, scale: f32) -> Array2<f32> {
    let mut q = uniform(rng, n, n, 1.0);
    for i in 0..n {
        for j in 0..i {
            let proj = q.row(i).dot(&q.row(j));
            let qj = q.row(j).to_owned();
            q.row_mut(i).scaled_add(-proj, &qj);
        }
        let norm = q.row(i).dot(&q.row(i)).sqrt();
        // A (measure-zero) dependent row becomes a unit vector.
        if norm > 1e-6 {
            q.row_mut(i).mapv_inplace(|v| v / norm);
        } else {
            q.row_mut(i).fill(0.0);
            q[[i, i]] = 1.0;
        }
    }
    q * scale
}

/// The gates of unit `j`: `α` for seeded cells, `α · 2^{−j/2}` for hand-set ones.
fn gates(cfg: &SequenceModelConfig) -> Array1<f32> {
    let a = cfg.alpha;
    match cfg.weights {
        WeightSource::Seeded => Array1::from_elem(cfg.hidden, a),
        WeightSource::Hand => Array1::from_shape_fn(cfg.hidden, |j| a * 2f32.powf(-(j as f32) / 2.0)),
    }
}

fn initial(cfg: &SequenceModelConfig) -> Array1<f32> {
    Array1::from_elem(cfg.hidden, cfg.h0)
}

/// The bias of a tanh step `tanh(W x + U h + b)` (plain or gated RNN).
fn tanh_bias(cfg: &SequenceModelConfig, rng: &mut Rng, u: &Array2<f32>, h0: &Array1<f32>) -> Array1<f32> {
    match (cfg.bias, cfg.weights) {
        (BiasMode::Off, _) => Array1::zeros(cfg.hidden),
        (BiasMode::Random, WeightSource::Seeded) => Array1::from_shape_fn(cfg.hidden, |_| rng.symmetric(0.5)),
        (BiasMode::Random, WeightSource::Hand) => Array1::from_elem(cfg.hidden, 0.3),
        // tanh(U h0 + b) = h0: then the gated step keeps h0 too, whatever α.
        (BiasMode::Rest, _) => h0.mapv(f32::atanh) - u.dot(h0),
    }
}

/// The plain tanh RNN of a configuration.
pub fn rnn(cfg: &SequenceModelConfig) -> Rnn {
    let cfg = &cfg.sanitized();
    let (h, d) = (cfg.hidden, cfg.input_dim);
    let mut rng = Rng::new(cfg.seed);
    let (w, u) = match cfg.weights {
        WeightSource::Seeded => (uniform(&mut rng, h, d, 1.0), orthogonal(&mut rng, h, RECURRENT_NORM)),
        WeightSource::Hand => (
            Array2::from_shape_fn((h, d), |(j, _)| if j == 0 { 1.0 } else { 0.0 }),
            Array2::from_shape_fn((h, h), |(j, k)| if k + 1 == j { 1.0 } else { 0.0 }),
        ),
    };
    let h0 = initial(cfg);
    let b = tanh_bias(cfg, &mut rng, &u, &h0);
    Rnn { w, u, b, h0 }
}

/// The gated (leaky) RNN of a configuration.
pub fn gated_rnn(cfg: &SequenceModelConfig) -> GatedRnn {
    let cfg = &cfg.sanitized();
    let (h, d) = (cfg.hidden, cfg.input_dim);
    let mut rng = Rng::new(cfg.seed);
    let (w, u) = match cfg.weights {
        WeightSource::Seeded => (uniform(&mut rng, h, d, 1.0), orthogonal(&mut rng, h, RECURRENT_NORM)),
        WeightSource::Hand => (Array2::ones((h, d)), Array2::zeros((h, h))),
    };
    let h0 = initial(cfg);
    let b = tanh_bias(cfg, &mut rng, &u, &h0);
    GatedRnn { w, u, b, alpha: gates(cfg), h0 }
}

/// The LSTM of a configuration (row blocks i, f, g, o).
pub fn lstm(cfg: &SequenceModelConfig) -> Lstm {
    let cfg = &cfg.sanitized();
    let (h, d) = (cfg.hidden, cfg.input_dim);
    let mut rng = Rng::new(cfg.seed);
    let (mut w, mut u) = (Array2::zeros((4 * h, d)), Array2::zeros((4 * h, h)));
    match cfg.weights {
        WeightSource::Seeded => {
            // Gates lean only a little on x and h (slow, chrono-like); the candidate fully.
            for (block, (wa, norm)) in
                [(0.3, 0.3), (0.3, 0.3), (1.0, RECURRENT_NORM), (0.3, 0.3)].into_iter().enumerate()
            {
                let rows = block * h..(block + 1) * h;
                w.slice_axis_mut(ndarray::Axis(0), rows.clone().into()).assign(&uniform(&mut rng, h, d, wa));
                let ub = orthogonal(&mut rng, h, norm);
                u.slice_axis_mut(ndarray::Axis(0), rows.into()).assign(&ub);
            }
        }
        WeightSource::Hand => w.slice_axis_mut(ndarray::Axis(0), (2 * h..3 * h).into()).fill(1.0),
    }
    let alpha = gates(cfg);
    let mut b = Array1::zeros(4 * h);
    for j in 0..h {
        b[j] = logit(alpha[j]);
        b[h + j] = logit(1.0 - alpha[j]);
    }
    let h0 = initial(cfg);
    let mut c0 = Array1::zeros(h);
    match cfg.bias {
        BiasMode::Off => {}
        BiasMode::Random => {
            for j in 0..h {
                b[2 * h + j] = if cfg.weights == WeightSource::Hand { 0.3 } else { rng.symmetric(0.5) };
            }
        }
        BiasMode::Rest => {
            // At rest (x = 0, h = h0): o = 0.95, c0 = atanh(h0 / o) so that
            // h0 = o tanh(c0); i = 1 − f so that c ← f c + i g keeps c0 iff g = c0.
            let rest = u.dot(&h0);
            for j in 0..h {
                b[3 * h + j] = logit(OUTPUT_AT_REST) - rest[3 * h + j];
                c0[j] = (h0[j] / OUTPUT_AT_REST).atanh();
                let f = 1.0 / (1.0 + (-(b[h + j] + rest[h + j])).exp());
                b[j] = logit(1.0 - f) - rest[j];
                b[2 * h + j] = c0[j].atanh() - rest[2 * h + j];
            }
        }
    }
    if cfg.weights == WeightSource::Hand && cfg.bias != BiasMode::Rest {
        for j in 0..h {
            b[3 * h + j] = logit(OUTPUT_AT_REST);
        }
    }
    Lstm { w, u, b, h0, c0 }
}

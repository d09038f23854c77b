//! Gated (leaky) RNN: `h_t = (1 − α) ⊙ h_{t−1} + α ⊙ tanh(W x_t + U h_{t−1} + b)`
//! from `h_{−1} = h0`, with a gate `α ∈ (0, 1]` per unit; the output is the
//! state trajectory `(T, H)`.
//!
//! Warp (claim S2). The step is the Euler step, of length one, of the
//! continuous-time system `dh/dτ = α (tanh(W x + U h + b) − h)`. If the input
//! is stretched, `x'(s) = x(s/A)`, then `h'(s) = h(s/A)` solves the same
//! system with the gate `α/A`: a slower gate absorbs the warp (Tallec &
//! Ollivier 2018, "Can recurrent neural networks warp time?").
//! [`GatedRnn::rescaled`] uses the discrete-time form of that rule,
//! `α' = 1 − (1 − α)^{1/A}`: `A` steps of `α'` forget exactly as much as one
//! step of `α`, so a leaky integrator (`U = 0`) fed a held input follows a
//! whole warp exactly; for small `α` it is `α/A`, and it never exceeds 1 even
//! when time is compressed (`A < 1`). With `U ≠ 0` the state moves inside a
//! held step, so the match is approximate, to first order in `α`. Without the
//! rescaling the state forgets `A` times too fast in warped time.
//!
//! Delay (claim S1): as for the plain RNN, exact when `f(0, h0) = h0`
//! (`tanh(U h0 + b) = h0`), and approaching the fixed point otherwise (more
//! slowly, by the factor the gate leaks per step).

use super::recurrent::{add_matvec, check_shapes, expect_time, project, rows, trajectory};
use super::{Geometry, Layer, LayerError, Param};
use crate::engine::space::Signal;
use ndarray::{Array1, Array2};

/// A leaky RNN cell unrolled over the whole input.
#[derive(Clone, Debug, PartialEq)]
pub struct GatedRnn {
    /// Input weights `(H, D)`.
    pub w: Array2<f32>,
    /// Recurrent weights `(H, H)`.
    pub u: Array2<f32>,
    /// Bias `(H)`.
    pub b: Array1<f32>,
    /// The gate of every unit `(H)`, in `(0, 1]`: the share of the state
    /// renewed per step (1 is the plain RNN, `1/α` the memory in steps).
    pub alpha: Array1<f32>,
    /// Initial state `(H)`.
    pub h0: Array1<f32>,
}

impl GatedRnn {
    /// `max |f(0, h0) − h0|`: zero when a delay is exactly absorbed (S1).
    pub fn rest_drift(&self) -> f32 {
        let target = (self.u.dot(&self.h0) + &self.b).mapv(f32::tanh);
        let next = &self.h0 + &(&self.alpha * &(&target - &self.h0));
        (&next - &self.h0).iter().fold(0.0, |m, v| m.max(v.abs()))
    }

    /// The cell for an input stretched by `a`: every gate
    /// `α → 1 − (1 − α)^{1/a}` (≈ `α/a` for slow gates; see the module doc).
    pub fn rescaled(&self, a: f32) -> GatedRnn {
        GatedRnn { alpha: self.alpha.mapv(|al| rescale_gate(al, a)), ..self.clone() }
    }
}

/// The gate that forgets over `a` steps what `gate` forgets in one:
/// `1 − (1 − gate)^{1/a}`. A gate of 1 (no memory) stays 1.
pub fn rescale_gate(gate: f32, a: f32) -> f32 {
    if !(a.is_finite() && a > 0.0) || a == 1.0 {
        return gate;
    }
    let keep = (1.0 - gate as f64).clamp(0.0, 1.0);
    (1.0 - keep.powf(1.0 / a as f64)) as f32
}

impl Layer for GatedRnn {
    fn kind(&self) -> &'static str {
        "gated_rnn"
    }

    fn label(&self) -> String {
        let lo = self.alpha.iter().copied().fold(f32::INFINITY, f32::min);
        let hi = self.alpha.iter().copied().fold(0.0, f32::max);
        let gate =
            if hi - lo < 1e-6 { format!("α {}", short(hi)) } else { format!("α {}–{}", short(lo), short(hi)) };
        format!("gated RNN {}→{}, {gate}", self.w.ncols(), self.u.ncols())
    }

    fn forward(&self, x: &Signal) -> Result<Signal, LayerError> {
        let h_dim = check_shapes("gated_rnn", 1, &self.w, &self.u, &self.b, &[&self.h0, &self.alpha])?;
        let v = expect_time(x, "gated_rnn", self.w.ncols())?;
        let p = project(v, &self.w, &self.b);
        let u = rows(&self.u);
        let alpha = self.alpha.to_vec();
        let mut h = self.h0.to_vec();
        let mut states = Vec::with_capacity(p.len());
        let mut pre = vec![0f32; h_dim];
        for pre_x in p.as_slice().unwrap_or(&[]).chunks_exact(h_dim.max(1)) {
            pre.copy_from_slice(pre_x);
            add_matvec(&mut pre, &u, &h);
            for ((hi, &z), a) in h.iter_mut().zip(&pre).zip(&alpha) {
                *hi = (1.0 - a) * *hi + a * z.tanh();
            }
            states.extend_from_slice(&h);
        }
        trajectory(states, &self.h0)
    }

    fn geometry(&self) -> Geometry {
        Geometry::Global
    }

    fn params(&self) -> Vec<Param> {
        vec![
            Param { name: "W".into(), value: self.w.clone().into_dyn() },
            Param { name: "U".into(), value: self.u.clone().into_dyn() },
            Param { name: "b".into(), value: self.b.clone().into_dyn() },
            Param { name: "alpha".into(), value: self.alpha.clone().into_dyn() },
            Param { name: "h0".into(), value: self.h0.clone().into_dyn() },
        ]
    }
}

/// A gate value for a label: at most three significant digits.
fn short(v: f32) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::layers::rnn::tests::small;

    #[test]
    fn literal_values() {
        // numpy (as in rnn.rs), alpha = [.5, .25]:
        // for t in range(3): h = (1 - alpha) * h + alpha * np.tanh(W @ x[t] + U @ h + b); print(h)
        let (w, u, b, h0, x) = small();
        let cell = GatedRnn { w, u, b, alpha: Array1::from(vec![0.5, 0.25]), h0 };
        let y = cell.forward(&x).unwrap();
        let want = [0.3909032, 0.0550128, 0.3326897, 0.072405, 0.0430604, 0.1426649];
        for (a, b) in y.data.iter().zip(want) {
            assert!((a - b).abs() < 1e-6, "{a} vs {b}");
        }
        assert_eq!(cell.label(), "gated RNN 1→2, α 0.25–0.5");
    }

    #[test]
    fn a_gate_of_one_is_the_plain_rnn_and_stays_one() {
        let (w, u, b, h0, x) = small();
        let plain = crate::engine::layers::rnn::Rnn { w: w.clone(), u: u.clone(), b: b.clone(), h0: h0.clone() };
        let gated = GatedRnn { w, u, b, alpha: Array1::from(vec![1.0, 1.0]), h0 };
        assert_eq!(gated.forward(&x).unwrap().data, plain.forward(&x).unwrap().data);
        assert_eq!(gated.rescaled(0.5).alpha.to_vec(), vec![1.0, 1.0]);
        assert_eq!(gated.rescaled(4.0).alpha.to_vec(), vec![1.0, 1.0]);
        // Four steps of the rescaled gate keep what one step of the old one keeps.
        let slow = rescale_gate(0.1, 4.0);
        assert!(((1.0 - slow).powi(4) - 0.9).abs() < 1e-6 && (slow - 0.025).abs() < 2e-3);
        assert!(rescale_gate(0.5, 0.25) < 1.0);
    }
}

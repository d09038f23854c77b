//! LSTM (Hochreiter & Schmidhuber 1997), gates in the order input, forget,
//! candidate, output (as in PyTorch):
//! `z = W x_t + U h_{t−1} + b`, `i = σ(z_i)`, `f = σ(z_f)`, `g = tanh(z_g)`,
//! `o = σ(z_o)`, `c_t = f ⊙ c_{t−1} + i ⊙ g`, `h_t = o ⊙ tanh(c_t)`, from
//! `(h0, c0)`. The output is the trajectory of `h` `(T, H)`.
//!
//! Warp (claim S2). The cell state is a leaky integrator: it keeps `f` of
//! itself and takes in `i` of the candidate per step. Stretching time by `A`
//! is absorbed by slowing both down ([`Lstm::rescaled`]), which Tallec &
//! Ollivier (2018) do through the biases, `b_f → b_f + ln A` and
//! `b_i → b_i − ln A` (in the sigmoid's tails that divides the leak `1 − f`
//! and the intake `i` by `A`). We use the discrete-time form at the gates'
//! resting values, as for the leaky RNN: `f' = f^{1/A}` (A steps keep what
//! one step kept) and `i' = i (1 − f')/(1 − f)` (A steps of a held candidate
//! add what one step added); both are set through the biases `b_f`, `b_i`.
//! The output gate and the candidate are instantaneous functions of `x` and
//! `h`, so they follow the warp by themselves. It is approximate for the same
//! reasons as the leaky RNN, and because the gates also lean on `x` and `h`;
//! it is as good as the gates are slow (forget gate near 1: the chrono
//! initialisation of the presets).
//!
//! Delay (claim S1): exact when one zero-input step keeps `(h0, c0)`; with
//! `h0 = c0 = 0` that needs only `b_g = 0` (the gates' own biases may be
//! anything, since they multiply a zero cell state and a zero candidate).

use super::recurrent::{add_matvec, check_shapes, expect_time, project, rows, trajectory};
use super::{Geometry, Layer, LayerError, Param};
use crate::engine::space::Signal;
use ndarray::{Array1, Array2};

/// An LSTM cell unrolled over the whole input.
#[derive(Clone, Debug, PartialEq)]
pub struct Lstm {
    /// Input weights `(4H, D)`, row blocks i, f, g, o.
    pub w: Array2<f32>,
    /// Recurrent weights `(4H, H)`, row blocks i, f, g, o.
    pub u: Array2<f32>,
    /// Biases `(4H)`, blocks i, f, g, o.
    pub b: Array1<f32>,
    /// Initial hidden state `(H)`.
    pub h0: Array1<f32>,
    /// Initial cell state `(H)`.
    pub c0: Array1<f32>,
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

impl Lstm {
    pub fn hidden(&self) -> usize {
        self.u.ncols()
    }

    /// The hidden and cell trajectories `(T, H)` each, row-major.
    fn unroll(&self, x: &Signal) -> Result<(Vec<f32>, Vec<f32>), LayerError> {
        let h_dim = check_shapes("lstm", 4, &self.w, &self.u, &self.b, &[&self.h0, &self.c0])?;
        let v = expect_time(x, "lstm", self.w.ncols())?;
        let p = project(v, &self.w, &self.b);
        let u = rows(&self.u);
        let (mut h, mut c) = (self.h0.to_vec(), self.c0.to_vec());
        let (mut hs, mut cs) = (Vec::with_capacity(p.len() / 4), Vec::with_capacity(p.len() / 4));
        let mut z = vec![0f32; 4 * h_dim];
        for pre_x in p.as_slice().unwrap_or(&[]).chunks_exact((4 * h_dim).max(1)) {
            z.copy_from_slice(pre_x);
            add_matvec(&mut z, &u, &h);
            let (zi, rest) = z.split_at(h_dim);
            let (zf, rest) = rest.split_at(h_dim);
            let (zg, zo) = rest.split_at(h_dim);
            for j in 0..h_dim {
                c[j] = sigmoid(zf[j]) * c[j] + sigmoid(zi[j]) * zg[j].tanh();
                h[j] = sigmoid(zo[j]) * c[j].tanh();
            }
            hs.extend_from_slice(&h);
            cs.extend_from_slice(&c);
        }
        Ok((hs, cs))
    }

    /// The cell-state trajectory `(T, H)` (the hidden trajectory is `forward`).
    pub fn cell_states(&self, x: &Signal) -> Result<Array2<f32>, LayerError> {
        let (_, cs) = self.unroll(x)?;
        let h = self.hidden().max(1);
        Array2::from_shape_vec((cs.len() / h, self.hidden()), cs).map_err(|e| LayerError(e.to_string()))
    }

    /// `max |f(0, (h0, c0)) − (h0, c0)|`: zero when a delay is exactly absorbed (S1).
    pub fn rest_drift(&self) -> f32 {
        let x = Signal::sequence(Array2::zeros((1, self.w.ncols())));
        match self.unroll(&x) {
            Ok((h1, c1)) => h1
                .iter()
                .zip(self.h0.iter())
                .chain(c1.iter().zip(self.c0.iter()))
                .fold(0.0, |m, (a, b)| m.max((a - b).abs())),
            Err(_) => f32::INFINITY,
        }
    }

    /// The cell for an input stretched by `a`: at rest (bias only), the
    /// forget gate `f → f^{1/a}` and the input gate `i → i (1 − f')/(1 − f)`
    /// (see the module doc).
    pub fn rescaled(&self, a: f32) -> Lstm {
        if !(a.is_finite() && a > 0.0) || a == 1.0 {
            return self.clone();
        }
        let h = self.hidden();
        let mut b = self.b.clone();
        for j in 0..h {
            let f = sigmoid(b[h + j]) as f64;
            let f_new = f.powf(1.0 / a as f64);
            let i_new = sigmoid(b[j]) as f64 * (1.0 - f_new) / (1.0 - f).max(1e-12);
            b[h + j] = logit64(f_new) as f32;
            b[j] = logit64(i_new) as f32;
        }
        Lstm { b, ..self.clone() }
    }
}

/// `logit(p)` in f64, with `p` kept inside `(0, 1)` so the bias stays finite.
fn logit64(p: f64) -> f64 {
    let p = p.clamp(1e-9, 1.0 - 1e-9);
    (p / (1.0 - p)).ln()
}

impl Layer for Lstm {
    fn kind(&self) -> &'static str {
        "lstm"
    }

    fn label(&self) -> String {
        format!("LSTM {}→{}", self.w.ncols(), self.hidden())
    }

    fn forward(&self, x: &Signal) -> Result<Signal, LayerError> {
        let (hs, _) = self.unroll(x)?;
        trajectory(hs, &self.h0)
    }

    fn geometry(&self) -> Geometry {
        Geometry::Global
    }

    fn params(&self) -> Vec<Param> {
        vec![
            Param { name: "W".into(), value: self.w.clone().into_dyn() },
            Param { name: "U".into(), value: self.u.clone().into_dyn() },
            Param { name: "b".into(), value: self.b.clone().into_dyn() },
            Param { name: "h0".into(), value: self.h0.clone().into_dyn() },
            Param { name: "c0".into(), value: self.c0.clone().into_dyn() },
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::arr2;

    fn small() -> Lstm {
        Lstm {
            w: arr2(&[[0.5], [-0.5], [1.0], [0.25], [0.0], [0.5], [-1.0], [0.5]]),
            u: arr2(&[
                [0.1, -0.2],
                [0.3, 0.0],
                [0.0, 0.5],
                [-0.5, 0.25],
                [0.2, 0.2],
                [-0.1, 0.4],
                [0.5, -0.5],
                [0.0, 0.1],
            ]),
            b: Array1::from(vec![0.0, 0.1, 2.0, 1.0, 0.0, -0.2, 0.3, 0.0]),
            h0: Array1::from(vec![0.1, -0.1]),
            c0: Array1::from(vec![0.2, 0.0]),
        }
    }

    #[test]
    fn literal_values() {
        // numpy: sig = lambda z: 1/(1+np.exp(-z)); x, W, U, b, h, c as in small()
        // for t in range(3):
        //     z = W @ x[t] + U @ h + b
        //     i, f, g, o = sig(z[0:2]), sig(z[2:4]), np.tanh(z[4:6]), sig(z[6:8])
        //     c = f * c + i * g; h = o * np.tanh(c); print(h, c)
        let cell = small();
        let x = Signal::sequence(arr2(&[[1.0], [0.0], [-0.5]]));
        let h = cell.forward(&x).unwrap();
        let c = cell.cell_states(&x).unwrap();
        let want_h = [0.0665447, 0.0618412, 0.1028487, -0.0113136, 0.1084626, -0.1167693];
        let want_c = [0.1900527, 0.1000593, 0.1808067, -0.0225613, 0.1557411, -0.2734949];
        for (a, b) in h.data.iter().zip(want_h).chain(c.iter().zip(want_c)) {
            assert!((a - b).abs() < 1e-6, "{a} vs {b}");
        }
    }

    #[test]
    fn rescaling_keeps_what_one_step_kept_and_added() {
        let cell = small();
        let slow = cell.rescaled(4.0);
        for j in 0..2 {
            let (f, f2) = (sigmoid(cell.b[2 + j]), sigmoid(slow.b[2 + j]));
            let (i, i2) = (sigmoid(cell.b[j]), sigmoid(slow.b[j]));
            assert!((f2.powi(4) - f).abs() < 1e-5, "forget {f} -> {f2}");
            // Four steps of a held candidate g add i2 (1 + f2 + f2² + f2³) g = i g.
            assert!((i2 * (1.0 + f2 + f2 * f2 + f2 * f2 * f2) - i).abs() < 1e-5, "input {i} -> {i2}");
        }
        assert_eq!(cell.rescaled(1.0), cell);
    }
}

//! Plain tanh RNN (Elman): `h_t = tanh(W x_t + U h_{t−1} + b)` from
//! `h_{−1} = h0`; the output is the state trajectory `(T, H)` on
//! [`Space::Trajectory`](crate::engine::space::Space::Trajectory).
//!
//! Delay (claim S1). If the step keeps the rest state, `f(0, h0) =
//! tanh(U h0 + b) = h0` (for instance `b = 0`, `h0 = 0`), then `k` zero inputs
//! leave the state at `h0`: the delayed input gives the trajectory delayed by
//! `k` rows of `h0`, exactly, and the final state does not move. Otherwise the
//! zero padding drives the state towards the fixed point `h*` of
//! `h ↦ tanh(U h + b)`; when `U` is a contraction it gets there geometrically
//! fast, so the error of the final state shrinks with the padding length.
//!
//! Warp (claim S2). Every step replaces the state by a fresh `tanh(...)`: the
//! memory is measured in steps, not in time, and there is no gate that could
//! be slowed down when the input is stretched by `A`. The trajectory does not
//! follow the warped input.

use super::recurrent::{add_matvec, check_shapes, expect_time, project, rows, trajectory};
use super::{Geometry, Layer, LayerError, Param};
use crate::engine::space::Signal;
use ndarray::{Array1, Array2};

/// A tanh RNN cell unrolled over the whole input.
#[derive(Clone, Debug, PartialEq)]
pub struct Rnn {
    /// Input weights `(H, D)`.
    pub w: Array2<f32>,
    /// Recurrent weights `(H, H)`.
    pub u: Array2<f32>,
    /// Bias `(H)`.
    pub b: Array1<f32>,
    /// Initial state `(H)`.
    pub h0: Array1<f32>,
}

impl Rnn {
    /// `max |f(0, h0) − h0|`: zero when a delay is exactly absorbed (S1).
    pub fn rest_drift(&self) -> f32 {
        let next = (self.u.dot(&self.h0) + &self.b).mapv(f32::tanh);
        (&next - &self.h0).iter().fold(0.0, |m, v| m.max(v.abs()))
    }
}

impl Layer for Rnn {
    fn kind(&self) -> &'static str {
        "rnn"
    }

    fn label(&self) -> String {
        format!("tanh RNN {}→{}", self.w.ncols(), self.u.ncols())
    }

    fn forward(&self, x: &Signal) -> Result<Signal, LayerError> {
        let h_dim = check_shapes("rnn", 1, &self.w, &self.u, &self.b, &[&self.h0])?;
        let v = expect_time(x, "rnn", self.w.ncols())?;
        let p = project(v, &self.w, &self.b);
        let u = rows(&self.u);
        let mut h = self.h0.to_vec();
        let mut states = Vec::with_capacity(p.len());
        let mut pre = vec![0f32; h_dim];
        for pre_x in p.as_slice().unwrap_or(&[]).chunks_exact(h_dim.max(1)) {
            pre.copy_from_slice(pre_x);
            add_matvec(&mut pre, &u, &h);
            for (hi, &z) in h.iter_mut().zip(&pre) {
                *hi = z.tanh();
            }
            states.extend_from_slice(&h);
        }
        trajectory(states, &self.h0)
    }

    fn geometry(&self) -> Geometry {
        // A state depends on every earlier input (causal, unbounded memory).
        Geometry::Global
    }

    fn params(&self) -> Vec<Param> {
        vec![
            Param { name: "W".into(), value: self.w.clone().into_dyn() },
            Param { name: "U".into(), value: self.u.clone().into_dyn() },
            Param { name: "b".into(), value: self.b.clone().into_dyn() },
            Param { name: "h0".into(), value: self.h0.clone().into_dyn() },
        ]
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::engine::rng::Rng;
    use crate::engine::space::Space;
    use ndarray::arr2;

    pub(crate) fn small() -> (Array2<f32>, Array2<f32>, Array1<f32>, Array1<f32>, Signal) {
        let w = arr2(&[[1.0], [-0.5]]);
        let u = arr2(&[[0.5, -0.25], [0.25, 0.5]]);
        let x = Signal::sequence(arr2(&[[1.0], [0.0], [-0.5]]));
        (w, u, Array1::from(vec![0.1, 0.0]), Array1::from(vec![0.0, 0.2]), x)
    }

    #[test]
    fn literal_values() {
        // numpy: x = [[1],[0],[-.5]]; W = [[1],[-.5]]; U = [[.5,-.25],[.25,.5]];
        // b = [.1, 0]; h = [0, .2]
        // for t in range(3): h = np.tanh(W @ x[t] + U @ h + b); print(h)
        let (w, u, b, h0, x) = small();
        let y = Rnn { w, u, b, h0 }.forward(&x).unwrap();
        let want = [0.7818064, -0.379949, 0.5269335, 0.0054771, -0.1370349, 0.3665848];
        for (a, b) in y.data.iter().zip(want) {
            assert!((a - b).abs() < 1e-6, "{a} vs {b}");
        }
        assert_eq!(y.space, Space::Trajectory { initial: vec![0.0, 0.2] });
    }

    #[test]
    fn matches_a_naive_loop() {
        let mut rng = Rng::new(5);
        let (h, d, t) = (6, 3, 20);
        let cell = Rnn {
            w: Array2::from_shape_vec((h, d), rng.weights(h * d, d)).unwrap(),
            u: Array2::from_shape_vec((h, h), rng.weights(h * h, h)).unwrap() * 0.5,
            b: Array1::from(rng.weights(h, h)),
            h0: Array1::from(rng.weights(h, h)) * 0.3,
        };
        let x = Array2::from_shape_vec((t, d), rng.weights(t * d, 1)).unwrap();
        let fast = cell.forward(&Signal::sequence(x.clone())).unwrap();
        let mut state = cell.h0.clone();
        for (k, row) in x.rows().into_iter().enumerate() {
            state = (cell.w.dot(&row) + cell.u.dot(&state) + &cell.b).mapv(f32::tanh);
            for j in 0..h {
                assert!((fast.data[[k, j]] - state[j]).abs() < 1e-5);
            }
        }
    }
}

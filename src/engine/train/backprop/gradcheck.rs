//! The gradient checker: central finite differences
//! `∂L/∂θ_i ≈ (L(θ + ε e_i) − L(θ − ε e_i)) / 2ε` compared with a backward
//! pass, entry by entry.
//!
//! For a layer the loss is `L = Σ probe ⊙ f(x; θ)` with a fixed random
//! `probe`, so `∂L/∂y = probe` and every entry of `∂L/∂x` and `∂L/∂θ` is
//! checked. The layers compute in f32; `L` is summed in f64 and the step is
//! `ε = 10⁻²` (relative to inputs of size about 1), so the numeric side
//! carries a rounding error of about `10⁻⁷ · Σ|y| / ε` and no truncation
//! error for the piecewise-linear layers: the tolerance
//! `|a − n| ≤ 2·10⁻³ + 10⁻² · max(|a|, |n|)` is that, with room, and a wrong
//! gradient (a filter not flipped, a copy not mapped back) misses it by
//! orders of magnitude (see the negative tests).
//!
//! Kinks (a max switching, ReLU crossing 0) would make a difference quotient
//! meaningless, so the inputs of [`distinct_input`] are a shuffled ladder of
//! values `0.05` apart, none within `0.025` of 0: a step of `ε` cannot reorder
//! them or change a sign, and the check decides nothing by luck.

use super::Backward;
use crate::engine::rng::Rng;
use crate::engine::space::{Signal, Tensor};
use std::fmt;

/// The finite-difference step.
pub const EPS: f32 = 1e-2;
/// Absolute part of the tolerance.
pub const ATOL: f64 = 2e-3;
/// Relative part of the tolerance.
pub const RTOL: f64 = 1e-2;
/// Spacing of the ladder of [`distinct_input`].
pub const SPACING: f32 = 0.05;

/// The first entry where the analytic and the numeric gradient disagree.
#[derive(Clone, Debug, PartialEq)]
pub struct Mismatch {
    /// Which gradient (`input`, `param 0`, ...).
    pub what: String,
    pub index: usize,
    pub analytic: f64,
    pub numeric: f64,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}]: analytic {} vs numeric {}", self.what, self.index, self.analytic, self.numeric)
    }
}

/// Whether two derivatives agree within the tolerance.
pub fn close(analytic: f64, numeric: f64) -> bool {
    (analytic - numeric).abs() <= ATOL + RTOL * analytic.abs().max(numeric.abs())
}

/// Compare `analytic` with central differences of `loss` around `point`.
pub fn check_values(
    what: &str,
    loss: &mut dyn FnMut(&[f32]) -> f64,
    point: &[f32],
    analytic: &[f32],
) -> Result<(), Mismatch> {
    assert_eq!(point.len(), analytic.len(), "one derivative per entry");
    let mut p = point.to_vec();
    for i in 0..p.len() {
        let x = point[i];
        let (up, down) = (x + EPS, x - EPS);
        p[i] = up;
        let lu = loss(&p);
        p[i] = down;
        let ld = loss(&p);
        p[i] = x;
        // The step actually taken in f32.
        let numeric = (lu - ld) / (up as f64 - down as f64);
        let a = analytic[i] as f64;
        if !close(a, numeric) {
            return Err(Mismatch { what: what.into(), index: i, analytic: a, numeric });
        }
    }
    Ok(())
}

/// `Σ probe ⊙ y` in f64.
pub fn probe_loss(y: &Tensor, probe: &Tensor) -> f64 {
    y.iter().zip(probe.iter()).map(|(&a, &b)| a as f64 * b as f64).sum()
}

/// Check every gradient of `layer` at `x` with the loss `Σ probe ⊙ f(x)`.
pub fn check_layer(layer: &dyn Backward, x: &Signal, probe: &Tensor) -> Result<(), Mismatch> {
    let y = layer.forward(x).map_err(|e| mismatch_of(&e.0))?;
    assert_eq!(y.data.shape(), probe.shape(), "the probe has the output's shape");
    let grads = layer.backward(x, &y, probe, true).map_err(|e| mismatch_of(&e.0))?;
    let dx = grads.input.as_ref().ok_or_else(|| mismatch_of("no input gradient"))?;
    let shape = x.data.shape().to_vec();
    let mut loss_x = |v: &[f32]| {
        let data = Tensor::from_shape_vec(shape.clone(), v.to_vec()).expect("same length");
        let y = layer.forward(&Signal::new(data, x.space.clone())).expect("the layer ran once");
        probe_loss(&y.data, probe)
    };
    let xs: Vec<f32> = x.data.iter().copied().collect();
    check_values("input", &mut loss_x, &xs, &dx.iter().copied().collect::<Vec<_>>())?;
    let params: Vec<Tensor> = layer.params().into_iter().map(|p| p.value).collect();
    assert_eq!(params.len(), grads.params.len(), "one gradient per parameter");
    for (k, (p, g)) in params.iter().zip(&grads.params).enumerate() {
        assert_eq!(p.shape(), g.shape(), "param {k}: the gradient has the parameter's shape");
        let mut loss_p = |v: &[f32]| {
            let mut ps = params.clone();
            ps[k] = Tensor::from_shape_vec(p.shape().to_vec(), v.to_vec()).expect("same length");
            let l = layer.with_params(&ps).expect("same shapes");
            probe_loss(&l.forward(x).expect("the layer ran once").data, probe)
        };
        let pv: Vec<f32> = p.iter().copied().collect();
        check_values(&format!("param {k}"), &mut loss_p, &pv, &g.iter().copied().collect::<Vec<_>>())?;
    }
    Ok(())
}

fn mismatch_of(msg: &str) -> Mismatch {
    Mismatch { what: msg.into(), index: 0, analytic: f64::NAN, numeric: f64::NAN }
}

/// Uniform values in `[-1, 1)`.
pub fn random_tensor(shape: &[usize], rng: &mut Rng) -> Tensor {
    Tensor::from_shape_fn(shape.to_vec(), |_| rng.symmetric(1.0))
}

/// A shuffled ladder `(k − ⌊n/2⌋ + 1/2) · SPACING`, `k = 0..n`: all entries
/// differ by at least [`SPACING`] and none is within `SPACING / 2` of 0.
pub fn distinct_input(shape: &[usize], rng: &mut Rng) -> Tensor {
    let n: usize = shape.iter().product();
    let order = rng.permutation(n);
    let v: Vec<f32> = order.iter().map(|&k| ((k as f32 - (n / 2) as f32) + 0.5) * SPACING).collect();
    Tensor::from_shape_vec(shape.to_vec(), v).expect("length matches shape")
}

/// Check `layer` at `x` with a random probe; panics with the mismatch.
pub fn assert_gradients(layer: &dyn Backward, x: &Signal, rng: &mut Rng) {
    let y = layer.forward(x).expect("the layer runs on x");
    let probe = random_tensor(y.data.shape(), rng);
    if let Err(m) = check_layer(layer, x, &probe) {
        panic!("{}: {m}", layer.label());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checker_accepts_a_right_gradient_and_catches_a_wrong_one() {
        // L(v) = Σ v_i³ has gradient 3 v_i².
        let point = [0.5f32, -1.0, 2.0];
        let mut loss = |v: &[f32]| v.iter().map(|&x| (x as f64).powi(3)).sum::<f64>();
        let right: Vec<f32> = point.iter().map(|x| 3.0 * x * x).collect();
        assert_eq!(check_values("cube", &mut loss, &point, &right), Ok(()));
        let wrong: Vec<f32> = point.iter().map(|x| 2.0 * x * x).collect();
        let m = check_values("cube", &mut loss, &point, &wrong).unwrap_err();
        assert_eq!(m.index, 0);
    }

    #[test]
    fn the_ladder_is_distinct_and_away_from_zero() {
        for shape in [vec![3, 4, 5], vec![1, 1, 3], vec![1]] {
            let t = distinct_input(&shape, &mut Rng::new(1));
            let mut v: Vec<f32> = t.iter().copied().collect();
            v.sort_by(f32::total_cmp);
            assert!(v.windows(2).all(|w| w[1] - w[0] >= SPACING * 0.999), "{shape:?}");
            assert!(v.iter().all(|x| x.abs() >= SPACING / 2.0 * 0.999), "{shape:?}: {v:?}");
        }
    }
}

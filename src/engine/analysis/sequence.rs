//! The sequence lab's two charts.
//!
//! - S1, [`delay_sweep`]: the input is left-padded by `P` zeros and delayed
//!   by `k` more; the invariance error of the final state as a function of
//!   `P`. Zero when the cell keeps its rest state; otherwise it falls as the
//!   padding brings both runs to the same fixed point before the signal starts.
//! - S2, [`warp_sweep`] / [`warp_curves`]: the error of the state trajectory
//!   (on the warped time axis) and of the final state as a function of the
//!   warp factor `A`, for each model with and without the gate rescaled.

use crate::engine::models::sequence::{build, build_scaled, SequenceArch, SequenceModelConfig};
use crate::engine::pipelines::{run_with, Pipelines};
use crate::engine::space::Signal;
use crate::engine::transform::{Step, Transform};

/// One point of the S1 chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PaddingPoint {
    /// Zeros of left padding before the delay.
    pub padding: usize,
    /// `‖h_T(delay(k) x_P) − h_T(x_P)‖ / ‖h_T(x_P)‖`.
    pub final_error: f64,
    /// The trajectory's equivariance error (`ρ(delay)` prepends `h0`).
    pub trajectory_error: f64,
}

/// One point of the S2 chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WarpPoint {
    pub factor: f32,
    /// `‖Φ_{θ'}(warp x) − warp(Φ_θ(x))‖ / ‖warp(Φ_θ(x))‖` on the states.
    pub trajectory_error: f64,
    /// The same for the final state (`ρ` trivial).
    pub final_error: f64,
}

/// One curve of the S2 chart.
#[derive(Clone, Debug, PartialEq)]
pub struct WarpCurve {
    pub arch: SequenceArch,
    /// Whether the gates were slowed by the warp factor.
    pub rescaled: bool,
    pub points: Vec<WarpPoint>,
}

fn errors(report: &Pipelines) -> (f64, f64) {
    let traj = report.checks.first().and_then(|c| c.equivariance_error).unwrap_or(f64::INFINITY);
    let fin = report.checks.last().map(|c| c.invariance_error).unwrap_or(f64::INFINITY);
    (traj, fin)
}

/// S1: for each padding `P`, check `delay(k)` on `x` left-padded by `P`.
pub fn delay_sweep(
    cfg: &SequenceModelConfig,
    x: &Signal,
    k: usize,
    paddings: &[usize],
) -> Result<Vec<PaddingPoint>, String> {
    let model = build(cfg);
    let g = Transform::single(Step::Delay { k });
    paddings
        .iter()
        .map(|&padding| {
            let padded = Step::Delay { k: padding }.act(x).map_err(|e| e.0)?;
            let (trajectory_error, final_error) = errors(&run_with(&model, &model, &padded, &g)?);
            Ok(PaddingPoint { padding, final_error, trajectory_error })
        })
        .collect()
}

/// `n` warp factors spaced evenly in log scale over `[0.25, 8]`; with
/// `n = 5m + 1` they include the powers of two (and 1).
pub fn warp_factors(n: usize) -> Vec<f32> {
    match n {
        0 => vec![],
        1 => vec![1.0],
        _ => (0..n).map(|i| 2f32.powf(-2.0 + 5.0 * i as f32 / (n - 1) as f32)).collect(),
    }
}

/// S2: for each factor `A`, check `warp(A)`, with the gates of the model for
/// `warp(A)·x` slowed by `A` when `cfg.gate_rescale` is on.
pub fn warp_sweep(cfg: &SequenceModelConfig, x: &Signal, factors: &[f32]) -> Result<Vec<WarpPoint>, String> {
    let model = build(cfg);
    factors
        .iter()
        .map(|&factor| {
            let g = Transform::single(Step::Warp { factor });
            let scaled =
                if cfg.gate_rescale && cfg.arch.has_gate() { build_scaled(cfg, factor) } else { model.clone() };
            let (trajectory_error, final_error) = errors(&run_with(&model, &scaled, x, &g)?);
            Ok(WarpPoint { factor, trajectory_error, final_error })
        })
        .collect()
}

/// S2 for every model: the plain RNN once (it has no gate to rescale), the
/// gated RNN and the LSTM each with and without the rescaled gate. Every
/// other setting comes from `cfg`.
pub fn warp_curves(cfg: &SequenceModelConfig, x: &Signal, factors: &[f32]) -> Result<Vec<WarpCurve>, String> {
    let mut curves = Vec::new();
    for arch in SequenceArch::ALL {
        let modes: &[bool] = if arch.has_gate() { &[true, false] } else { &[false] };
        for &rescaled in modes {
            let c = SequenceModelConfig { arch, gate_rescale: rescaled, ..*cfg };
            curves.push(WarpCurve { arch, rescaled, points: warp_sweep(&c, x, factors)? });
        }
    }
    Ok(curves)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factors_cover_the_range_with_powers_of_two() {
        let f = warp_factors(21);
        assert_eq!(f.len(), 21);
        assert!((f[0] - 0.25).abs() < 1e-6 && (f[20] - 8.0).abs() < 1e-5 && (f[8] - 1.0).abs() < 1e-6);
    }
}

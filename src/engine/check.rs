//! The generic equivariance check of the design, shared by every lab and by
//! the tests:
//!
//! `err_k = ‖Φ_k(g·x) − ρ_k(g)·Φ_k(x)‖ / max(‖ρ_k(g)·Φ_k(x)‖, 1e-12)`
//!
//! where `Φ_k` is the network up to and including layer `k` and `ρ_k(g)` the
//! action of `g` on that layer's output (its [`Space`](crate::engine::space::Space)).
//! The invariance error is the same with `ρ_k` trivial. The check is
//! cumulative on purpose: it shows where a symmetry is kept, lost, or
//! restored by global pooling.

use crate::engine::model::Model;
use crate::engine::space::{Signal, Tensor};
use crate::engine::transform::Transform;
use std::fmt;

/// Below this relative error a property holds exactly (in f32).
pub const EXACT: f64 = 1e-4;
/// Below this it holds approximately.
pub const APPROXIMATE: f64 = 5e-2;

/// What a layer's output does under the transformation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    Invariant,
    Equivariant,
    Approximate,
    Neither,
}

impl Verdict {
    /// The rule of the design: invariant, else equivariant, else approximate
    /// (the smaller error below 5e-2), else neither.
    pub fn from_errors(invariance: f64, equivariance: Option<f64>) -> Verdict {
        let eq = equivariance.unwrap_or(f64::INFINITY);
        if invariance < EXACT {
            Verdict::Invariant
        } else if eq < EXACT {
            Verdict::Equivariant
        } else if invariance.min(eq) < APPROXIMATE {
            Verdict::Approximate
        } else {
            Verdict::Neither
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Invariant => "invariant",
            Verdict::Equivariant => "equivariant",
            Verdict::Approximate => "approximate",
            Verdict::Neither => "neither",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `‖a − b‖ / max(‖b‖, 1e-12)` in f64; 0 when both are zero; infinite when
/// the shapes differ (the outputs cannot even be compared entry by entry).
pub fn relative_error(a: &Tensor, b: &Tensor) -> f64 {
    if a.shape() != b.shape() {
        return f64::INFINITY;
    }
    let (mut diff, mut norm) = (0f64, 0f64);
    let mut add = |x: f32, y: f32| {
        let d = x as f64 - y as f64;
        diff += d * d;
        norm += y as f64 * y as f64;
    };
    // Contiguous arrays (the usual case) zip as slices: iterating an `ArrayD`
    // element by element is ten times slower and was most of a recompute.
    match (a.as_slice(), b.as_slice()) {
        (Some(sa), Some(sb)) => sa.iter().zip(sb).for_each(|(&x, &y)| add(x, y)),
        _ => a.iter().zip(b.iter()).for_each(|(&x, &y)| add(x, y)),
    }
    if diff == 0.0 {
        0.0
    } else {
        diff.sqrt() / norm.sqrt().max(1e-12)
    }
}

/// The check of one layer.
#[derive(Clone, Debug)]
pub struct LayerCheck {
    pub index: usize,
    pub kind: &'static str,
    pub label: String,
    /// `‖Φ_k(g·x) − Φ_k(x)‖ / ‖Φ_k(x)‖`
    pub invariance_error: f64,
    /// `None` when `g` has no action on this layer's output.
    pub equivariance_error: Option<f64>,
    /// `ρ_k(g)·Φ_k(x)`, or why it does not exist.
    pub moved: Result<Signal, String>,
    pub verdict: Verdict,
}

/// Compare the traces of `x` and `g·x` layer by layer.
pub fn compare(model: &Model, trace_x: &[Signal], trace_gx: &[Signal], g: &Transform) -> Vec<LayerCheck> {
    model
        .layers
        .iter()
        .zip(trace_x.iter().zip(trace_gx.iter()))
        .enumerate()
        .map(|(index, (layer, (fx, fgx)))| {
            let invariance_error = relative_error(&fgx.data, &fx.data);
            let moved = g.act(fx).map_err(|e| e.0);
            let equivariance_error = moved.as_ref().ok().map(|m| relative_error(&fgx.data, &m.data));
            LayerCheck {
                index,
                kind: layer.kind(),
                label: layer.label(),
                invariance_error,
                equivariance_error,
                moved,
                verdict: Verdict::from_errors(invariance_error, equivariance_error),
            }
        })
        .collect()
}

/// Both pipelines and the per-layer checks.
#[derive(Clone, Debug)]
pub struct Report {
    pub gx: Signal,
    pub trace_x: Vec<Signal>,
    pub trace_gx: Vec<Signal>,
    pub checks: Vec<LayerCheck>,
}

/// Run the model on `x` and on `g·x`, and check every layer.
pub fn run(model: &Model, x: &Signal, g: &Transform) -> Result<Report, String> {
    let gx = g.act(x).map_err(|e| e.0)?;
    let trace_x = model.trace(x).map_err(|e| e.0)?;
    let trace_gx = model.trace(&gx).map_err(|e| e.0)?;
    let checks = compare(model, &trace_x, &trace_gx, g);
    Ok(Report { gx, trace_x, trace_gx, checks })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdict_rules() {
        assert_eq!(Verdict::from_errors(0.0, Some(0.0)), Verdict::Invariant);
        assert_eq!(Verdict::from_errors(0.3, Some(1e-6)), Verdict::Equivariant);
        assert_eq!(Verdict::from_errors(0.3, Some(0.01)), Verdict::Approximate);
        assert_eq!(Verdict::from_errors(0.01, None), Verdict::Approximate);
        assert_eq!(Verdict::from_errors(0.3, None), Verdict::Neither);
        assert_eq!(Verdict::from_errors(0.3, Some(0.2)), Verdict::Neither);
    }

    #[test]
    fn relative_error_edges() {
        let z = Tensor::zeros(vec![3]);
        assert_eq!(relative_error(&z, &z), 0.0);
        assert!(relative_error(&Tensor::zeros(vec![2]), &z).is_infinite());
    }
}

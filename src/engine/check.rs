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

use crate::engine::action::StrandMap;
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
    ErrorSums::of(a, b).error()
}

/// The two sums behind a relative error `‖a − b‖ / ‖b‖`: `diff = Σ (a − b)²`
/// and `norm = Σ b²`. Kept per layer so that an edit of a few positions can
/// move them by the difference of those positions alone (the DNA lab,
/// `engine::strand_pipelines`) instead of summing every position again.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ErrorSums {
    pub diff: f64,
    pub norm: f64,
}

impl ErrorSums {
    /// The sums over two whole tensors; `diff` is infinite when the shapes differ.
    pub fn of(a: &Tensor, b: &Tensor) -> ErrorSums {
        if a.shape() != b.shape() {
            return ErrorSums { diff: f64::INFINITY, norm: 0.0 };
        }
        // Contiguous arrays (the usual case) as plain slices: iterating an
        // n-dimensional array element by element is several times slower, and
        // the check runs this on every layer of a 100 kb strand.
        let (diff, norm) = match (a.as_slice(), b.as_slice()) {
            (Some(sa), Some(sb)) => squared_sums(sa, sb),
            _ => {
                let (sa, sb) = (a.iter().copied().collect::<Vec<_>>(), b.iter().copied().collect::<Vec<_>>());
                squared_sums(&sa, &sb)
            }
        };
        ErrorSums { diff, norm }
    }

    /// The sums over two slices of the same length.
    pub fn of_slices(a: &[f32], b: &[f32]) -> ErrorSums {
        let (diff, norm) = squared_sums(a, b);
        ErrorSums { diff, norm }
    }

    /// `sqrt(diff) / max(sqrt(norm), 1e-12)`; exactly 0 when `diff` is 0.
    pub fn error(self) -> f64 {
        if self.diff == 0.0 {
            0.0
        } else {
            self.diff.sqrt() / self.norm.sqrt().max(1e-12)
        }
    }

    /// These sums after the entries summed in `before` were replaced by
    /// those summed in `after` (never below zero: rounding of the
    /// subtraction cannot make a sum of squares negative).
    pub fn replaced(self, before: ErrorSums, after: ErrorSums) -> ErrorSums {
        let diff = if self.diff == before.diff { after.diff } else { (self.diff - before.diff + after.diff).max(0.0) };
        let norm = if self.norm == before.norm { after.norm } else { (self.norm - before.norm + after.norm).max(0.0) };
        ErrorSums { diff, norm }
    }
}

impl std::ops::Add for ErrorSums {
    type Output = ErrorSums;

    fn add(self, other: ErrorSums) -> ErrorSums {
        ErrorSums { diff: self.diff + other.diff, norm: self.norm + other.norm }
    }
}

/// Lanes of [`squared_sums`]: independent partial sums, so the compiler can
/// keep them in SIMD registers (one running sum would be a chain of
/// dependent additions, which it may not reorder).
const LANES: usize = 8;
/// Entries summed in f32 before the partial sums move into f64: f32 SIMD
/// lanes are twice as wide as f64 ones (wasm has no wider vectors), and 32
/// squares per lane cost at most a few parts in a million of the error's
/// own value (exact zeros stay exact).
const BLOCK: usize = 32 * LANES;

/// `(Σ (a − b)², Σ b²)` over two slices of the same length: f32 within
/// blocks of [`BLOCK`] entries, f64 across blocks.
pub fn squared_sums(a: &[f32], b: &[f32]) -> (f64, f64) {
    let (mut diff, mut norm) = (0f64, 0f64);
    for (ba, bb) in a.chunks(BLOCK).zip(b.chunks(BLOCK)) {
        let (mut d, mut n) = ([0f32; LANES], [0f32; LANES]);
        let (ca, ra) = ba.as_chunks::<LANES>();
        let (cb, rb) = bb.as_chunks::<LANES>();
        for (x, y) in ca.iter().zip(cb) {
            for k in 0..LANES {
                let e = x[k] - y[k];
                d[k] += e * e;
                n[k] += y[k] * y[k];
            }
        }
        for (k, (&x, &y)) in ra.iter().zip(rb).enumerate() {
            d[k] += (x - y) * (x - y);
            n[k] += y * y;
        }
        diff += d.iter().map(|&v| v as f64).sum::<f64>();
        norm += n.iter().map(|&v| v as f64).sum::<f64>();
    }
    (diff, norm)
}

/// `ρ_k(g)·Φ_k(x)` as a check keeps it.
#[derive(Clone, Debug)]
pub enum Moved {
    /// Computed whole.
    Kept(Signal),
    /// Not stored: on the DNA lab's strand layers ρ(g) is an index map, read
    /// where it is needed (the window on screen, the positions an edit
    /// changed) instead of copying every entry of a 100 kb layer.
    Mapped(StrandMap),
    /// `g` has no action on this layer's output, and why.
    NoAction(String),
}

impl Moved {
    fn of(moved: Result<Signal, String>) -> Moved {
        match moved {
            Ok(m) => Moved::Kept(m),
            Err(e) => Moved::NoAction(e),
        }
    }

    /// The whole of `ρ_k(g)·Φ_k(x)`, when it was kept.
    pub fn kept(&self) -> Option<&Signal> {
        match self {
            Moved::Kept(m) => Some(m),
            _ => None,
        }
    }

    /// Why `g` has no action here, if it has none.
    pub fn no_action(&self) -> Option<&str> {
        match self {
            Moved::NoAction(e) => Some(e),
            _ => None,
        }
    }

    /// `ρ_k(g)·Φ_k(x)` on positions `range` of a `(C, L)` strand layer whose
    /// output on x is `fx`: cut from the kept whole, or read through the map.
    pub fn on_strand(&self, fx: &Signal, range: std::ops::Range<usize>) -> Option<Signal> {
        match self {
            Moved::Kept(m) if m.data.ndim() == 2 => {
                let l = m.data.shape()[1];
                let range = range.start.min(l)..range.end.min(l);
                let cut = m.data.slice_axis(ndarray::Axis(1), ndarray::Slice::from(range)).to_owned();
                Some(Signal::new(cut, m.space.clone()))
            }
            Moved::Mapped(map) => map.window(fx, range).ok(),
            Moved::Kept(_) | Moved::NoAction(_) => None,
        }
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
    /// `ρ_k(g)·Φ_k(x)`, or how to read it, or why it does not exist.
    pub moved: Moved,
    pub verdict: Verdict,
    /// The sums behind the invariance error (`Φ_k(g·x)` against `Φ_k(x)`).
    pub invariance_sums: ErrorSums,
    /// The sums behind the equivariance error, when `g` acts here.
    pub equivariance_sums: Option<ErrorSums>,
}

impl LayerCheck {
    /// The check of layer `index` from its sums.
    pub fn from_sums(
        index: usize,
        layer: &dyn crate::engine::layers::Layer,
        invariance_sums: ErrorSums,
        equivariance_sums: Option<ErrorSums>,
        moved: Moved,
    ) -> LayerCheck {
        let invariance_error = invariance_sums.error();
        let equivariance_error = equivariance_sums.map(ErrorSums::error);
        LayerCheck {
            index,
            kind: layer.kind(),
            label: layer.label(),
            invariance_error,
            equivariance_error,
            moved,
            verdict: Verdict::from_errors(invariance_error, equivariance_error),
            invariance_sums,
            equivariance_sums,
        }
    }

    /// Check layer `index` whose outputs on `x` and `g·x` are `fx` and `fgx`.
    /// On a strand layer, when `g` is a word of rc and shifts, ρ(g)·Φ(x) is
    /// an index map ([`StrandMap`]): its sums are read through the map and
    /// it is not stored (a 100 kb layer would be copied for every check).
    pub fn of(
        index: usize,
        layer: &dyn crate::engine::layers::Layer,
        fx: &Signal,
        fgx: &Signal,
        g: &Transform,
    ) -> Self {
        let invariance = ErrorSums::of(&fgx.data, &fx.data);
        if let (Some(map), [_, l]) = (StrandMap::of(g), fx.data.shape()) {
            let mut sums = ErrorSums::default();
            let whole = 0..*l;
            if map
                .visit_pairs(&fgx.data, fx, std::slice::from_ref(&whole), |a, b| {
                    sums = sums + ErrorSums::of_slices(a, b)
                })
                .is_ok()
            {
                return LayerCheck::from_sums(index, layer, invariance, Some(sums), Moved::Mapped(map));
            }
        }
        let moved = g.act(fx).map_err(|e| e.0);
        let equivariance_sums = moved.as_ref().ok().map(|m| ErrorSums::of(&fgx.data, &m.data));
        LayerCheck::from_sums(index, layer, invariance, equivariance_sums, Moved::of(moved))
    }
}

/// Compare the traces of `x` and `g·x` layer by layer.
pub fn compare(model: &Model, trace_x: &[Signal], trace_gx: &[Signal], g: &Transform) -> Vec<LayerCheck> {
    model
        .layers
        .iter()
        .zip(trace_x.iter().zip(trace_gx.iter()))
        .enumerate()
        .map(|(index, (layer, (fx, fgx)))| LayerCheck::of(index, layer.as_ref(), fx, fgx, g))
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
    run_with(model, model, x, g)
}

/// The check when `g` also acts on the weights: compare `Φ_{θ'}(g·x)` (model
/// `model_gx`, e.g. a gated RNN whose gate was slowed down by the warp factor,
/// claim S2) with `ρ(g)·Φ_θ(x)` (model `model_x`). Both models must have the
/// same layers with the same output spaces; labels are taken from `model_x`.
pub fn run_with(model_x: &Model, model_gx: &Model, x: &Signal, g: &Transform) -> Result<Report, String> {
    if model_x.layers.len() != model_gx.layers.len() {
        return Err(format!(
            "the two models differ in depth ({} and {} layers)",
            model_x.layers.len(),
            model_gx.layers.len()
        ));
    }
    let gx = g.act(x).map_err(|e| e.0)?;
    let trace_x = model_x.trace(x).map_err(|e| e.0)?;
    let trace_gx = model_gx.trace(&gx).map_err(|e| e.0)?;
    let checks = compare(model_x, &trace_x, &trace_gx, g);
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

    #[test]
    fn squared_sums_match_a_plain_loop_on_every_length_and_layout() {
        let mut rng = crate::engine::rng::Rng::new(3);
        for n in [0, 1, 7, 8, 9, 17, 100, 257, 5000] {
            let (a, b) = (rng.weights(n, 1), rng.weights(n, 1));
            let want = a
                .iter()
                .zip(&b)
                .fold((0f64, 0f64), |(d, m), (&x, &y)| (d + (x as f64 - y as f64).powi(2), m + (y as f64).powi(2)));
            let got = squared_sums(&a, &b);
            assert!((got.0 - want.0).abs() <= 1e-6 * want.0.max(1e-30), "{n}: {got:?} {want:?}");
            assert!((got.1 - want.1).abs() <= 1e-6 * want.1.max(1e-30), "{n}: {got:?} {want:?}");
        }
        // A transposed view (not contiguous) gives the same error as its copy.
        let a = Tensor::from_shape_vec(vec![3, 5], rng.weights(15, 1)).unwrap();
        let b = Tensor::from_shape_vec(vec![3, 5], rng.weights(15, 1)).unwrap();
        let (at, bt) = (a.t().to_owned(), b.t().to_owned());
        assert!(at.as_slice().is_none(), "the transposed copy keeps its strides");
        let e = relative_error(&at, &bt);
        let standard = relative_error(&at.as_standard_layout().to_owned(), &bt.as_standard_layout().to_owned());
        assert!((standard - e).abs() < 1e-12);
        assert!(e > 0.1);
    }
}

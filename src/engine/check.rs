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
    /// The rule of the design: invariant if the invariance error is below
    /// [`EXACT`], else equivariant if the equivariance error is, else
    /// approximate if the smaller of the two is below [`APPROXIMATE`] AND
    /// below a tenth of the baseline error (the layer's change under a
    /// scramble that is no symmetry: a layer that hardly reacts even to that
    /// is insensitive, not approximately invariant), else neither.
    pub fn from_errors(invariance: f64, equivariance: Option<f64>, baseline: f64) -> Verdict {
        let eq = equivariance.unwrap_or(f64::INFINITY);
        let smaller = invariance.min(eq);
        if invariance < EXACT {
            Verdict::Invariant
        } else if eq < EXACT {
            Verdict::Equivariant
        } else if smaller < APPROXIMATE && smaller < baseline / 10.0 {
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

/// Where a layer's error arises, from its local error: the words beside a
/// verdict that is not exact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The layer keeps the symmetry (its verdict is exact).
    Exact,
    /// The layer itself breaks it: applied to ρ(g) of its exactly moved
    /// input, its output is not ρ(g) of its output.
    Here,
    /// The layer would keep it, but its input already differs: the symmetry
    /// was lost at an earlier layer.
    Earlier,
    /// g has no action on this layer's input or output, so the layer's own
    /// part cannot be told apart.
    Unknown,
}

impl Origin {
    /// From a layer's verdict and local error.
    pub fn of(verdict: Verdict, local_error: Option<f64>) -> Origin {
        match (verdict, local_error) {
            (Verdict::Invariant | Verdict::Equivariant, _) => Origin::Exact,
            (_, Some(local)) if local < EXACT => Origin::Earlier,
            (_, Some(_)) => Origin::Here,
            (_, None) => Origin::Unknown,
        }
    }
}

/// True when an error is small only because the layer barely reacts to
/// where things are: the smaller error is below [`APPROXIMATE`] but not below
/// a tenth of the baseline (and not above twice the baseline either, see
/// [`is_small_but_above_scramble`]), so the verdict is `neither`, not
/// `approximate`.
pub fn is_insensitive(verdict: Verdict, invariance: f64, equivariance: Option<f64>, baseline: f64) -> bool {
    let smaller = invariance.min(equivariance.unwrap_or(f64::INFINITY));
    verdict == Verdict::Neither && smaller < APPROXIMATE && smaller <= ABOVE_SCRAMBLE * baseline
}

/// How many times the baseline an error must be to count as larger than the
/// scramble's change (equal changes differ by rounding).
pub const ABOVE_SCRAMBLE: f64 = 2.0;

/// True when an error is small in absolute terms yet larger (more than
/// [`ABOVE_SCRAMBLE`] times) than the layer's change under the scramble: g changes the layer more than
/// rearranging the input's quarters does, so the small number is a real
/// failure, not a near-success (`neither`).
pub fn is_small_but_above_scramble(
    verdict: Verdict,
    invariance: f64,
    equivariance: Option<f64>,
    baseline: f64,
) -> bool {
    let smaller = invariance.min(equivariance.unwrap_or(f64::INFINITY));
    verdict == Verdict::Neither && smaller < APPROXIMATE && smaller > ABOVE_SCRAMBLE * baseline
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
    /// `‖Φ_k(s·x) − Φ_k(x)‖ / ‖Φ_k(x)‖` for the fixed scramble `s`
    /// ([`crate::engine::scramble`]): how much this layer reacts to where
    /// things are at all.
    pub baseline_error: f64,
    /// `‖φ_k(ρ_{k−1}(g)Φ_{k−1}(x)) − ρ_k(g)Φ_k(x)‖ / ‖ρ_k(g)Φ_k(x)‖`: the
    /// layer's own error, on an input moved exactly; `None` where g has no
    /// action on its input or its output.
    pub local_error: Option<f64>,
    /// The sums behind the local error.
    pub local_sums: Option<ErrorSums>,
    /// `ρ_k(g)·Φ_k(x)`, or how to read it, or why it does not exist.
    pub moved: Moved,
    pub verdict: Verdict,
    /// The sums behind the invariance error (`Φ_k(g·x)` against `Φ_k(x)`).
    pub invariance_sums: ErrorSums,
    /// The sums behind the equivariance error, when `g` acts here.
    pub equivariance_sums: Option<ErrorSums>,
    /// The sums behind the baseline error (`Φ_k(s·x)` against `Φ_k(x)`).
    pub baseline_sums: ErrorSums,
}

impl LayerCheck {
    /// The check of layer `index` from its sums (the local error is set
    /// apart, by [`compare`], since it needs the layer below).
    pub fn from_sums(
        index: usize,
        layer: &dyn crate::engine::layers::Layer,
        invariance_sums: ErrorSums,
        equivariance_sums: Option<ErrorSums>,
        baseline_sums: ErrorSums,
        moved: Moved,
    ) -> LayerCheck {
        let invariance_error = invariance_sums.error();
        let equivariance_error = equivariance_sums.map(ErrorSums::error);
        let baseline_error = baseline_sums.error();
        LayerCheck {
            index,
            kind: layer.kind(),
            label: layer.label(),
            invariance_error,
            equivariance_error,
            baseline_error,
            local_error: None,
            local_sums: None,
            moved,
            verdict: Verdict::from_errors(invariance_error, equivariance_error, baseline_error),
            invariance_sums,
            equivariance_sums,
            baseline_sums,
        }
    }

    /// Check layer `index` whose outputs on `x`, `g·x` and the scrambled
    /// `s·x` are `fx`, `fgx` and `fsx`. On a strand layer, when `g` is a
    /// word of rc and shifts, ρ(g)·Φ(x) is an index map ([`StrandMap`]): its
    /// sums are read through the map and it is not stored (a 100 kb layer
    /// would be copied for every check). The local error is left `None`:
    /// [`compare`] fills it in.
    pub fn of(
        index: usize,
        layer: &dyn crate::engine::layers::Layer,
        (fx, fgx, fsx): (&Signal, &Signal, &Signal),
        g: &Transform,
    ) -> Self {
        let invariance = ErrorSums::of(&fgx.data, &fx.data);
        let baseline = ErrorSums::of(&fsx.data, &fx.data);
        if let (Some(map), [_, l]) = (StrandMap::of(g), fx.data.shape()) {
            let mut sums = ErrorSums::default();
            let whole = 0..*l;
            if map
                .visit_pairs(&fgx.data, fx, std::slice::from_ref(&whole), |a, b| {
                    sums = sums + ErrorSums::of_slices(a, b)
                })
                .is_ok()
            {
                return LayerCheck::from_sums(index, layer, invariance, Some(sums), baseline, Moved::Mapped(map));
            }
        }
        let moved = g.act(fx).map_err(|e| e.0);
        let equivariance_sums = moved.as_ref().ok().map(|m| ErrorSums::of(&fgx.data, &m.data));
        LayerCheck::from_sums(index, layer, invariance, equivariance_sums, baseline, Moved::of(moved))
    }

    /// Where the error of this layer arises (see [`Origin`]).
    pub fn origin(&self) -> Origin {
        Origin::of(self.verdict, self.local_error)
    }

    /// See [`is_insensitive`].
    pub fn insensitive(&self) -> bool {
        is_insensitive(self.verdict, self.invariance_error, self.equivariance_error, self.baseline_error)
    }

    /// See [`is_small_but_above_scramble`].
    pub fn above_scramble(&self) -> bool {
        is_small_but_above_scramble(self.verdict, self.invariance_error, self.equivariance_error, self.baseline_error)
    }

    /// Set the sums of the local error (and the error).
    pub fn set_local(&mut self, sums: Option<ErrorSums>) {
        self.local_sums = sums;
        self.local_error = sums.map(ErrorSums::error);
    }
}

/// The three traces a check compares, each `Φ_k` of one input for every
/// layer k: of x, of g·x, and of the scrambled s·x (the baseline).
#[derive(Clone, Copy, Debug)]
pub struct Traces<'a> {
    pub x: &'a [Signal],
    pub gx: &'a [Signal],
    pub sx: &'a [Signal],
}

/// `ρ(g)Φ(x)` of a check, whole: kept, or read through the strand map.
fn moved_whole(check: &LayerCheck, fx: &Signal) -> Option<Signal> {
    match &check.moved {
        Moved::Kept(m) => Some(m.clone()),
        Moved::Mapped(map) => map.window(fx, 0..fx.data.shape().get(1).copied().unwrap_or(0)).ok(),
        Moved::NoAction(_) => None,
    }
}

/// The sums of the local error of layer `k` of `model_gx` (the model the
/// g·x pipeline runs): the layer applied to ρ(g) of the layer below's output
/// on x, against ρ(g) of its own output on x; `checks[..=k]` must be done.
/// Layer 0's moved input is g·x itself, so its local error is its
/// equivariance error; so is any layer's whose input on the g·x pipeline is
/// already exactly (entry for entry) ρ(g) of its input on x.
pub fn local_sums(model_gx: &Model, k: usize, checks: &[LayerCheck], traces: Traces) -> Option<ErrorSums> {
    let here = checks.get(k)?;
    let Some(j) = k.checked_sub(1) else { return here.equivariance_sums };
    let below = checks.get(j)?;
    let moved_out = moved_whole(here, &traces.x[k])?;
    let moved_in = moved_whole(below, &traces.x[j])?;
    if moved_in.data == traces.gx[j].data {
        return here.equivariance_sums;
    }
    let out = model_gx.layers.get(k)?.forward(&moved_in).ok()?;
    Some(ErrorSums::of(&out.data, &moved_out.data))
}

/// Fill in the local errors of `checks`, in order.
pub fn add_local_errors(model_gx: &Model, checks: &mut [LayerCheck], traces: Traces) {
    for k in 0..checks.len() {
        let sums = local_sums(model_gx, k, checks, traces);
        checks[k].set_local(sums);
    }
}

/// Compare the traces of `x`, `g·x` and `s·x` layer by layer; the local
/// errors run the layers of `model_gx` (the model the g·x pipeline ran:
/// `model_x` itself unless g also acts on the weights).
pub fn compare(model_x: &Model, model_gx: &Model, traces: Traces, g: &Transform) -> Vec<LayerCheck> {
    let mut checks: Vec<LayerCheck> = model_x
        .layers
        .iter()
        .zip(traces.x.iter().zip(traces.gx).zip(traces.sx))
        .enumerate()
        .map(|(index, (layer, ((fx, fgx), fsx)))| LayerCheck::of(index, layer.as_ref(), (fx, fgx, fsx), g))
        .collect();
    add_local_errors(model_gx, &mut checks, traces);
    checks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdict_rules() {
        // Exact: the baseline plays no part.
        assert_eq!(Verdict::from_errors(0.0, Some(0.0), 0.0), Verdict::Invariant);
        assert_eq!(Verdict::from_errors(0.3, Some(1e-6), 0.0), Verdict::Equivariant);
        // Small against 5e-2 AND against a tenth of the baseline: approximate.
        assert_eq!(Verdict::from_errors(0.3, Some(0.01), 0.5), Verdict::Approximate);
        assert_eq!(Verdict::from_errors(0.01, None, 0.5), Verdict::Approximate);
        // Small, but the layer barely reacts even to a scramble: neither.
        assert_eq!(Verdict::from_errors(0.3, Some(0.01), 0.08), Verdict::Neither);
        assert_eq!(Verdict::from_errors(0.02, None, 0.2), Verdict::Neither);
        assert_eq!(Verdict::from_errors(0.02, None, 0.0), Verdict::Neither);
        // Large: neither, whatever the baseline.
        assert_eq!(Verdict::from_errors(0.3, None, 10.0), Verdict::Neither);
        assert_eq!(Verdict::from_errors(0.3, Some(0.2), 10.0), Verdict::Neither);
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

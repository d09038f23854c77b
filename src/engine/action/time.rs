//! Delays and time warps acting on input sequences `(T, D)` ([`Space::Time`])
//! and on recurrent state trajectories `(T, H)` ([`Space::Trajectory`]).
//!
//! Time convention, shared with the recurrent layers: row `t` belongs to the
//! step that ends at the instant `t + 1`, and instant 0 is "before the
//! sequence". An input row is *held* over its step `(t, t + 1]` (the RNN sees
//! one constant value per step); a state row is the value *at* its instant,
//! and the state at instant 0 is the trajectory's `initial` (h0).
//!
//! - `delay(k)` prepends `k` rows of the rest value: zeros for an input (left
//!   padding), `initial` for a trajectory. A recurrent step with
//!   f(0, h0) = h0 maps the delayed input to exactly the delayed trajectory,
//!   so its final state does not move (claim S1).
//! - `warp(A)` stretches time by `A`: the output has `round(A·T)` rows and row
//!   `n` covers the original interval `(n/A, (n+1)/A]`.
//!   *Inputs*: row `n` is the average of the held input over that interval
//!   (area resampling). For a whole `A` every row is repeated `A` times
//!   (sample-and-hold); for `A < 1` blocks of `1/A` rows are averaged; the
//!   summed input, which a slow gate integrates, scales exactly by `A`.
//!   *States*: row `n` is the state at the instant `(n+1)/A`, linearly
//!   interpolated between neighbouring instants.
//!   Why two rules rather than one interpolation: interpolating the input
//!   linearly would move every sample by half a step and turn a spike or a
//!   note onset into a ramp, which a slowly gated RNN integrates into an error
//!   of the size of the signal; holding is exactly what a discrete step assumes.
//!   Past the last row both rules hold the last value.
//!
//! Neither is a group. Delays only add steps (a monoid of translations).
//! Warps are a monoid of rescalings: `warp(A); warp(B)` equals `warp(A·B)`
//! when `A` is a whole number (and approximately otherwise), and `warp(1/A)`
//! undoes `warp(A)` when `A` is a whole number, never the other way round
//! (averaging loses detail). See `Step::inverse`.

use super::{not_here, NoAction};
use crate::engine::space::{Signal, Space, Tensor};
use crate::engine::transform::Step;
use ndarray::{ArrayView2, Ix2};

/// Longest sequence a delay or a warp may produce, in time steps. A `g=` of
/// many `delay(100000)` or `warp(8)` steps would otherwise grow without bound
/// (64 × `warp(8)` asks for 8⁶⁴ steps).
pub const MAX_TIME_STEPS: usize = 200_000;
/// Most numbers (steps × features) in a delayed or warped signal: 64 MB of
/// `f32`, so a long delay of a wide state trajectory is refused too.
pub const MAX_TIME_VALUES: usize = 1 << 24;

pub(super) fn act(step: &Step, x: &Signal) -> Result<Signal, NoAction> {
    let v = x
        .data
        .view()
        .into_dimensionality::<Ix2>()
        .map_err(|_| NoAction(format!("{step} acts on sequences of shape (T, D)")))?;
    let d = v.ncols();
    let initial = match &x.space {
        Space::Trajectory { initial } if initial.len() != d => {
            return Err(NoAction(format!("the initial state has {} entries but the states have {d}", initial.len())))
        }
        Space::Trajectory { initial } => Some(initial.as_slice()),
        _ => None,
    };
    let data = match step {
        Step::Delay { k } => {
            check_output_len(step, v.nrows() as f64 + *k as f64, d)?;
            delay(v, *k, initial)
        }
        Step::Warp { factor } => {
            if !(factor.is_finite() && *factor > 0.0) {
                return Err(NoAction(format!("{step}: the stretch factor must be positive")));
            }
            let a = *factor as f64;
            check_output_len(step, (v.nrows() as f64 * a).round(), d)?;
            let n = warped_len(v.nrows(), a);
            match initial {
                None => warp_held(v, a, n),
                Some(h0) => warp_states(v, h0, a, n),
            }
        }
        _ => return Err(not_here(step, "time series")),
    };
    Tensor::from_shape_vec(vec![data.len() / d.max(1), d], data)
        .map(|data| Signal::new(data, x.space.clone()))
        .map_err(|e| NoAction(e.to_string()))
}

/// Refuse, before allocating, an output of `rows` steps of `d` values beyond
/// [`MAX_TIME_STEPS`] or [`MAX_TIME_VALUES`]. `rows` is a float so that a
/// huge product cannot wrap around.
fn check_output_len(step: &Step, rows: f64, d: usize) -> Result<(), NoAction> {
    if rows > MAX_TIME_STEPS as f64 || rows * d as f64 > MAX_TIME_VALUES as f64 {
        let long = if rows < 1e15 { format!("{} steps long", rows as u64) } else { format!("{rows:.1e} steps long") };
        return Err(NoAction(format!(
            "{step} would make this sequence {long} ({d} value{} per step); the lab handles at most {MAX_TIME_STEPS} steps and {MAX_TIME_VALUES} values",
            if d == 1 { "" } else { "s" }
        )));
    }
    Ok(())
}

/// `round(A·T)` rows, the length of `warp(A)` of a `T`-row sequence.
pub fn warped_len(t: usize, a: f64) -> usize {
    (t as f64 * a).round() as usize
}

/// `k` rest rows (zeros, or the initial state), then the sequence.
fn delay(v: ArrayView2<f32>, k: usize, initial: Option<&[f32]>) -> Vec<f32> {
    let d = v.ncols();
    let mut out = Vec::with_capacity((v.nrows() + k) * d);
    for _ in 0..k {
        match initial {
            Some(h0) => out.extend_from_slice(h0),
            None => out.extend(std::iter::repeat_n(0.0, d)),
        }
    }
    out.extend(v.iter().copied());
    out
}

/// Area resampling of a held input: row `n` averages the held signal over
/// `(n/A, (n+1)/A]`.
fn warp_held(v: ArrayView2<f32>, a: f64, n_out: usize) -> Vec<f32> {
    let (t_len, d) = v.dim();
    let mut out = vec![0f32; n_out * d];
    if t_len == 0 {
        return out;
    }
    for (n, row) in out.chunks_mut(d.max(1)).enumerate() {
        let (lo, hi) = (n as f64 / a, (n + 1) as f64 / a);
        let mut t = lo.floor();
        while t < hi {
            // Share of the interval held at row t, as a fraction of the row.
            let w = ((hi.min(t + 1.0) - lo.max(t)) * a) as f32;
            if w > 1e-9 {
                let src = v.row((t as usize).min(t_len - 1));
                for (o, &s) in row.iter_mut().zip(src.iter()) {
                    *o += w * s;
                }
            }
            t += 1.0;
        }
    }
    out
}

/// States at the instants `(n+1)/A`, linearly interpolated; instant 0 is `h0`.
fn warp_states(v: ArrayView2<f32>, h0: &[f32], a: f64, n_out: usize) -> Vec<f32> {
    let t_len = v.nrows();
    let d = h0.len();
    let std = v.as_standard_layout();
    let rows = std.as_slice().unwrap_or(&[]);
    // The state at instant i: h0, then row i − 1; held after the last row.
    let state = |i: usize| -> &[f32] {
        match i.min(t_len) {
            0 => h0,
            j => &rows[(j - 1) * d..j * d],
        }
    };
    let mut out = Vec::with_capacity(n_out * d);
    for n in 0..n_out {
        let u = ((n + 1) as f64 / a).min(t_len as f64);
        let i = u.floor() as usize;
        let f = (u - i as f64) as f32;
        if f == 0.0 {
            out.extend_from_slice(state(i));
        } else {
            out.extend(state(i).iter().zip(state(i + 1)).map(|(&p, &q)| p * (1.0 - f) + q * f));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::transform::Transform;
    use ndarray::Array2;

    fn seq(v: &[f32]) -> Signal {
        Signal::sequence(Array2::from_shape_vec((v.len(), 1), v.to_vec()).unwrap())
    }

    fn col(s: &Signal) -> Vec<f32> {
        s.data.iter().copied().collect()
    }

    fn warp(a: f32) -> Step {
        Step::Warp { factor: a }
    }

    #[test]
    fn held_inputs_repeat_for_whole_factors_and_average_for_fractions() {
        let x = seq(&[1.0, 2.0, 3.0, 4.0]);
        assert_eq!(col(&warp(2.0).act(&x).unwrap()), vec![1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 4.0, 4.0]);
        assert_eq!(col(&warp(0.5).act(&x).unwrap()), vec![1.5, 3.5]);
        // warp(1.5): rows cover (0,2/3], (2/3,4/3], ...: the second mixes rows 0 and 1.
        let y = col(&warp(1.5).act(&x).unwrap());
        assert_eq!(y.len(), 6);
        assert!((y[1] - (0.5 * 1.0 + 0.5 * 2.0)).abs() < 1e-6, "{y:?}");
        // The summed input scales by A.
        assert!((y.iter().sum::<f32>() - 1.5 * 10.0).abs() < 1e-5);
    }

    #[test]
    fn states_interpolate_from_the_initial_state() {
        let h = Signal::new(
            Array2::from_shape_vec((2, 1), vec![2.0, 4.0]).unwrap().into_dyn(),
            Space::Trajectory { initial: vec![1.0] },
        );
        // Instants 1/2, 1, 3/2, 2 between h0 = 1 (instant 0), 2, 4.
        assert_eq!(col(&warp(2.0).act(&h).unwrap()), vec![1.5, 2.0, 3.0, 4.0]);
        assert_eq!(col(&Step::Delay { k: 2 }.act(&h).unwrap()), vec![1.0, 1.0, 2.0, 4.0]);
        assert_eq!(col(&Step::Delay { k: 1 }.act(&seq(&[5.0])).unwrap()), vec![0.0, 5.0]);
    }

    #[test]
    fn outputs_beyond_the_limits_are_refused_before_allocating() {
        // Found by the transform_expr fuzz target: delay(100000);warp(8);warp(8)
        // and longer words of warps grew the sequence without bound.
        let x = seq(&[1.0; 5]);
        let g =
            crate::io::transform_expr::parse(&["warp(8)"; 64].join(";"), crate::io::transform_expr::Domain::Sequence)
                .unwrap();
        let e = g.act(&x).unwrap_err();
        assert!(e.0.contains("at most 200000 steps"), "{e}");
        let e = Transform { steps: vec![Step::Delay { k: 100_000 }, warp(8.0)] }.act(&x).unwrap_err();
        assert!(e.0.starts_with("warp(8) would make this sequence 800040 steps long"), "{e}");
        assert_eq!(Step::Delay { k: MAX_TIME_STEPS - 5 }.act(&x).unwrap().shape(), &[MAX_TIME_STEPS, 1]);
        assert!(Step::Delay { k: MAX_TIME_STEPS - 4 }.act(&x).is_err());
        assert!(Step::Delay { k: usize::MAX }.act(&x).is_err());
        // A wide state trajectory hits the value limit first.
        let h = Signal::new(Array2::zeros((10, 256)).into_dyn(), Space::Trajectory { initial: vec![0.0; 256] });
        let e = Step::Delay { k: 100_000 }.act(&h).unwrap_err();
        assert!(e.0.contains("(256 values per step)") && e.0.contains("16777216 values"), "{e}");
    }

    #[test]
    fn whole_warps_compose_and_are_undone_by_their_reciprocal() {
        let x = seq(&[0.3, -1.0, 2.0, 0.5, 0.0, 1.25, -0.75]);
        let h = Signal::new(x.data.clone(), Space::Trajectory { initial: vec![0.2] });
        for s in [x, h] {
            for (a, b) in [(2.0, 1.5), (3.0, 0.25), (4.0, 0.5)] {
                let two = Transform { steps: vec![warp(a), warp(b)] }.act(&s).unwrap();
                let one = warp(a * b).act(&s).unwrap();
                let err = crate::engine::check::relative_error(&two.data, &one.data);
                assert!(err < 1e-6, "warp({a});warp({b}) vs warp({}) on {:?}: {err}", a * b, s.space);
            }
            let back = Transform { steps: vec![warp(3.0), warp(1.0 / 3.0)] }.act(&s).unwrap();
            assert!(crate::engine::check::relative_error(&back.data, &s.data) < 1e-6);
            // The other way round loses detail.
            let lossy = Transform { steps: vec![warp(0.5), warp(2.0)] }.act(&s).unwrap();
            assert!(crate::engine::check::relative_error(&lossy.data, &s.data) > 0.1);
        }
    }
}

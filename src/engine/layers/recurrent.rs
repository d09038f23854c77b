//! What the recurrent cells (`rnn`, `gated_rnn`, `lstm`) share: checking the
//! input sequence, the input projection of all steps at once, the small
//! matrix-vector product of the recurrence, and wrapping the states as a
//! [`Space::Trajectory`].
//!
//! Cost: the input projection is one `(T, D) · (D, n)` matrix product; the
//! recurrence is `T` products with the `(n, H)` recurrent matrix, written as
//! plain loops over contiguous rows because `H` is small (tens of units) and
//! `ndarray`'s `dot` has a per-call overhead that would dominate.

use super::LayerError;
use crate::engine::space::{Signal, Space};
use ndarray::{Array1, Array2, ArrayView2, Ix2};

/// The `(T, D)` view of an input sequence with `d_in` features, or a clear error.
pub(crate) fn expect_time<'a>(x: &'a Signal, layer: &str, d_in: usize) -> Result<ArrayView2<'a, f32>, LayerError> {
    if x.space != Space::Time {
        return Err(LayerError(format!("{layer} expects an input sequence, got a {}", x.space.describe())));
    }
    let v = x
        .data
        .view()
        .into_dimensionality::<Ix2>()
        .map_err(|_| LayerError(format!("{layer} expects a (T, D) sequence")))?;
    if v.ncols() != d_in {
        return Err(LayerError(format!("{layer} expects {d_in} features per step, got {}", v.ncols())));
    }
    Ok(v)
}

/// `X Wᵀ + b` for all steps at once: row `t` is `W x_t + b`, shape `(T, n)`.
pub(crate) fn project(x: ArrayView2<f32>, w: &Array2<f32>, b: &Array1<f32>) -> Array2<f32> {
    let mut p = x.dot(&w.t());
    p += b;
    p.as_standard_layout().into_owned()
}

/// `y += U h` with `U` of shape `(y.len(), h.len())` in standard layout.
/// Eight independent partial sums per row let the compiler use SIMD (one
/// running sum would serialise every addition).
pub(crate) fn add_matvec(y: &mut [f32], u: &[f32], h: &[f32]) {
    let n = h.len();
    if n == 0 {
        return;
    }
    let (h8, h_tail) = h.split_at(n - n % 8);
    for (yi, row) in y.iter_mut().zip(u.chunks_exact(n)) {
        let (r8, r_tail) = row.split_at(n - n % 8);
        let mut lanes = [0f32; 8];
        for (rc, hc) in r8.chunks_exact(8).zip(h8.chunks_exact(8)) {
            for k in 0..8 {
                lanes[k] += rc[k] * hc[k];
            }
        }
        let tail: f32 = r_tail.iter().zip(h_tail).map(|(a, b)| a * b).sum();
        *yi += lanes.iter().sum::<f32>() + tail;
    }
}

/// A matrix as a contiguous row-major slice (copying only if it is not).
pub(crate) fn rows(m: &Array2<f32>) -> std::borrow::Cow<'_, [f32]> {
    match m.as_slice() {
        Some(s) => std::borrow::Cow::Borrowed(s),
        None => std::borrow::Cow::Owned(m.iter().copied().collect()),
    }
}

/// Check that a cell's weights have consistent shapes: `w` is `(gates·H, D)`,
/// `u` is `(gates·H, H)`, `b` and the initial states have the right lengths.
pub(crate) fn check_shapes(
    layer: &str,
    gates: usize,
    w: &Array2<f32>,
    u: &Array2<f32>,
    b: &Array1<f32>,
    states: &[&Array1<f32>],
) -> Result<usize, LayerError> {
    let h = u.ncols();
    let n = gates * h;
    let ok = w.nrows() == n && u.nrows() == n && b.len() == n && states.iter().all(|s| s.len() == h);
    if ok {
        Ok(h)
    } else {
        Err(LayerError(format!(
            "{layer}: inconsistent weights (W {:?}, U {:?}, b {}, {} hidden units)",
            w.dim(),
            u.dim(),
            b.len(),
            h
        )))
    }
}

/// The states `(T, H)` (row-major in `states`) as a trajectory starting at `h0`.
pub(crate) fn trajectory(states: Vec<f32>, h0: &Array1<f32>) -> Result<Signal, LayerError> {
    let h = h0.len();
    let t = states.len().checked_div(h).unwrap_or(0);
    let data = Array2::from_shape_vec((t, h), states).map_err(|e| LayerError(e.to_string()))?;
    Ok(Signal::new(data.into_dyn(), Space::Trajectory { initial: h0.to_vec() }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matvec_matches_ndarray() {
        // 4 columns (tail only) and 19 (two blocks of 8 and a tail).
        for n in [4, 19] {
            let u = Array2::from_shape_fn((3, n), |(i, j)| ((i * 7 + j * 3) % 5) as f32 - 2.0);
            let h = Array1::from_shape_fn(n, |j| j as f32 * 0.25 - 2.0);
            let mut y = vec![1.0; 3];
            add_matvec(&mut y, &rows(&u), h.as_slice().unwrap());
            let want = u.dot(&h) + 1.0;
            for (a, b) in y.iter().zip(want.iter()) {
                assert!((a - b).abs() < 1e-5, "{a} vs {b}");
            }
        }
    }
}

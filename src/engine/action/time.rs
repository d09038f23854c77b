//! Delays and time warps acting on sequences `(T, D)`.
//!
//! `delay(k)` prepends `k` zero steps (the sequence is left-padded, so the
//! signal arrives later). `warp(A)` resamples time: the output has
//! `round(A · T)` steps and `out[t] = x(t / A)` with linear interpolation
//! between neighbouring steps (clamped at the ends). Delays form a monoid and
//! warps are only approximately invertible: see `Step::inverse`.

use super::{not_here, NoAction};
use crate::engine::space::{Signal, Tensor};
use crate::engine::transform::Step;

pub(super) fn act(step: &Step, x: &Signal) -> Result<Signal, NoAction> {
    let (t, d) = (x.data.shape()[0], x.data.shape()[1]);
    if t == 0 {
        return Ok(x.clone());
    }
    let data = match step {
        Step::Delay { k } => {
            Tensor::from_shape_fn(vec![t + k, d], |ix| if ix[0] < *k { 0.0 } else { x.data[[ix[0] - k, ix[1]]] })
        }
        Step::Warp { factor } => {
            if !(factor.is_finite() && *factor > 0.0) {
                return Err(NoAction(format!("{step}: the stretch factor must be positive")));
            }
            let n = ((t as f64) * (*factor as f64)).round().max(1.0) as usize;
            Tensor::from_shape_fn(vec![n, d], |ix| {
                let s = (ix[0] as f64 / *factor as f64).min(t.saturating_sub(1) as f64);
                let i0 = s.floor() as usize;
                let i1 = (i0 + 1).min(t.saturating_sub(1));
                let f = (s - i0 as f64) as f32;
                x.data[[i0, ix[1]]] * (1.0 - f) + x.data[[i1, ix[1]]] * f
            })
        }
        _ => return Err(not_here(step, "time series")),
    };
    Ok(Signal::new(data, x.space.clone()))
}

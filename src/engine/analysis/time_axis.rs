//! The common time axis of a sequence and its transformed copy: where an
//! instant of `x` lands on the clock of `g·x` under a word of delays and
//! warps, and back. The sequence lab uses it to place `x`'s trajectory and
//! the step-through cursor on both axes.
//!
//! Instants follow `action::time`: row `t` is the step that ends at the
//! instant `t + 1`, instant 0 is "before the sequence". `delay(k)` maps the
//! instant `u` to `u + k`; `warp(A)` maps it to `A·u`. Steps apply left to
//! right, so the map of a word is the composition in that order, and its
//! inverse undoes the steps from the right. Steps of other labs do not move
//! time and are skipped.

use crate::engine::action::warped_len;
use crate::engine::transform::{Step, Transform};

/// The instant `u` of `x`'s clock on the clock of `g·x`.
pub fn forward(g: &Transform, u: f64) -> f64 {
    g.steps.iter().fold(u, |u, s| match s {
        Step::Delay { k } => u + *k as f64,
        Step::Warp { factor } => u * *factor as f64,
        _ => u,
    })
}

/// The instant `v` of `g·x`'s clock on the clock of `x` (the inverse of
/// [`forward`]; negative inside a delay, which `x` never saw).
pub fn backward(g: &Transform, v: f64) -> f64 {
    g.steps.iter().rev().fold(v, |v, s| match s {
        Step::Delay { k } => v - *k as f64,
        Step::Warp { factor } if *factor > 0.0 => v / *factor as f64,
        _ => v,
    })
}

/// How many rows `g·x` has when `x` has `t` (saturating, never panics).
pub fn length(g: &Transform, t: usize) -> usize {
    g.steps.iter().fold(t, |t, s| match s {
        Step::Delay { k } => t.saturating_add(*k),
        Step::Warp { factor } if factor.is_finite() && *factor > 0.0 => {
            let n = t as f64 * *factor as f64;
            if n >= usize::MAX as f64 {
                usize::MAX
            } else {
                warped_len(t, *factor as f64)
            }
        }
        _ => t,
    })
}

/// The total delay of `g` in steps of `x`'s clock (delays after a warp are
/// counted back onto `x`'s clock), rounded; 0 without a delay.
pub fn total_delay(g: &Transform) -> usize {
    // Instant 0 of g·x's clock sits this far before x starts.
    let d = -backward(g, 0.0);
    if d.is_finite() && d > 0.0 {
        d.round() as usize
    } else {
        0
    }
}

/// Whether `g` contains a delay / a warp.
pub fn has_delay(g: &Transform) -> bool {
    g.steps.iter().any(|s| matches!(s, Step::Delay { k } if *k > 0))
}

/// Whether `g` stretches or squeezes time (a warp other than 1).
pub fn has_warp(g: &Transform) -> bool {
    g.steps.iter().any(|s| matches!(s, Step::Warp { factor } if *factor != 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::space::Signal;
    use ndarray::Array2;

    fn word(steps: Vec<Step>) -> Transform {
        Transform { steps }
    }

    #[test]
    fn maps_compose_left_to_right_and_invert() {
        let g = word(vec![Step::Delay { k: 3 }, Step::Warp { factor: 2.0 }]);
        assert_eq!(forward(&g, 1.0), 8.0);
        assert_eq!(backward(&g, 8.0), 1.0);
        let h = word(vec![Step::Warp { factor: 2.0 }, Step::Delay { k: 3 }]);
        assert_eq!(forward(&h, 1.0), 5.0);
        for u in [0.0, 0.5, 7.25] {
            assert!((backward(&h, forward(&h, u)) - u).abs() < 1e-12);
        }
        assert_eq!(total_delay(&g), 3);
        assert_eq!(total_delay(&h), 2); // 3 steps of the stretched clock are 1.5 of x's
        assert_eq!(total_delay(&word(vec![Step::Warp { factor: 3.0 }])), 0);
    }

    #[test]
    fn length_matches_the_action() {
        let x = Signal::sequence(Array2::zeros((13, 1)));
        for g in [
            word(vec![Step::Delay { k: 4 }, Step::Warp { factor: 2.5 }]),
            word(vec![Step::Warp { factor: 0.25 }, Step::Delay { k: 1 }]),
            word(vec![Step::Warp { factor: 3.0 }, Step::Warp { factor: 0.5 }]),
            Transform::identity(),
        ] {
            assert_eq!(length(&g, 13), g.act(&x).unwrap().shape()[0], "{g}");
        }
        let huge = word(vec![Step::Delay { k: usize::MAX }, Step::Warp { factor: 8.0 }]);
        assert_eq!(length(&huge, 5), usize::MAX);
    }

    #[test]
    fn flags() {
        let g = word(vec![Step::Delay { k: 0 }, Step::Warp { factor: 1.0 }]);
        assert!(!has_delay(&g) && !has_warp(&g));
        assert!(has_warp(&word(vec![Step::Warp { factor: 0.5 }])));
    }
}

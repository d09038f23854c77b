//! Built-in input signals of the sequence lab, defined in continuous time and
//! sampled at any rate, so that "length" and "sampling" are two separate
//! knobs: a step, a spike, a sine burst and a short melody-like pattern, plus
//! a curve the user draws. One feature per step, shape `(T, 1)`.
//!
//! Sample `t` stands for the interval `(t/rate, (t+1)/rate]` (the held input
//! of `action::time`) and takes the value at its midpoint.

use crate::engine::space::Signal;
use crate::engine::transform::Step;
use ndarray::Array2;
use std::f32::consts::PI;

/// Longest sequence a preset or a drawn curve produces.
pub const MAX_STEPS: usize = 10_000;

/// A named preset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SequencePreset {
    pub name: &'static str,
    pub title: &'static str,
    /// What this input is good for teaching.
    pub note: &'static str,
}

/// All presets, in the order of the picker.
pub const PRESETS: [SequencePreset; 4] = [
    SequencePreset { name: "step", title: "Step", note: "off, then on for good: the state settles to a new level" },
    SequencePreset {
        name: "spike",
        title: "Spike",
        note: "one sample: the impulse response, how long the net remembers",
    },
    SequencePreset {
        name: "sine",
        title: "Sine burst",
        note: "three periods under a smooth window: a warp changes the frequency",
    },
    SequencePreset {
        name: "melody",
        title: "Melody",
        note: "eight notes with short rests: warping plays it slower or faster",
    },
];

/// Length and sampling of a signal: `round(duration · rate)` steps.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sampling {
    /// Length in beats (the unit the presets are drawn in).
    pub duration: f32,
    /// Steps per beat.
    pub rate: f32,
}

impl Default for Sampling {
    fn default() -> Self {
        Sampling { duration: 4.0, rate: 16.0 }
    }
}

impl Sampling {
    /// The number of steps (at least 1, at most [`MAX_STEPS`]).
    pub fn steps(&self) -> usize {
        let n = (self.duration * self.rate).round();
        if n.is_finite() && n >= 1.0 {
            (n as usize).min(MAX_STEPS)
        } else {
            1
        }
    }

    /// The midpoint of sample `t`, in beats.
    fn time(&self, t: usize) -> f32 {
        (t as f32 + 0.5) / self.rate.max(1e-6)
    }
}

/// Semitones of the melody, relative to its middle note (a descending,
/// then rising pattern: no time symmetry).
const MELODY: [f32; 8] = [0.0, 4.0, 7.0, 4.0, 5.0, 2.0, -1.0, 0.0];

/// The value of preset `name` at time `tau` of a signal lasting `d` beats.
fn value(name: &str, tau: f32, d: f32) -> Option<f32> {
    let u = tau / d; // 0..1 along the signal
    Some(match name {
        "step" => (u >= 0.25) as u8 as f32,
        "sine" => {
            let w = ((u - 0.2) / 0.6).clamp(0.0, 1.0);
            let window = (PI * w).sin().powi(2);
            window * (2.0 * PI * 3.0 * (u - 0.2) / 0.6).sin()
        }
        "melody" => {
            let pos = (u * MELODY.len() as f32).min(MELODY.len() as f32 - 1e-3);
            let note = pos.floor() as usize;
            // The last fifth of every note is silent, so onsets stay visible.
            if pos - note as f32 > 0.8 {
                0.0
            } else {
                MELODY[note.min(MELODY.len() - 1)] / 7.0
            }
        }
        "spike" => 0.0,
        _ => return None,
    })
}

/// Preset `name` sampled as `sampling` says, or `None` for an unknown name.
pub fn render(name: &str, sampling: Sampling) -> Option<Signal> {
    let n = sampling.steps();
    let d = n as f32 / sampling.rate.max(1e-6);
    let mut data = Array2::zeros((n, 1));
    for t in 0..n {
        data[[t, 0]] = value(name, sampling.time(t), d)?;
    }
    if name == "spike" {
        data[[n / 4, 0]] = 1.0;
    }
    Some(Signal::sequence(data))
}

/// A curve drawn by the user, as `(time in beats, value)` points in any
/// order, linearly interpolated at the sample midpoints and held flat beyond
/// the first and last point. Refuses no points and non-finite numbers.
pub fn from_curve(points: &[(f32, f32)], sampling: Sampling) -> Result<Signal, String> {
    if points.is_empty() {
        return Err("draw at least one point of the curve".into());
    }
    if points.iter().any(|(t, v)| !t.is_finite() || !v.is_finite()) {
        return Err("the curve has a point that is not a finite number".into());
    }
    let mut pts = points.to_vec();
    pts.sort_by(|a, b| a.0.total_cmp(&b.0));
    let n = sampling.steps();
    let data = Array2::from_shape_fn((n, 1), |(t, _)| {
        let tau = sampling.time(t);
        let k = pts.partition_point(|p| p.0 <= tau);
        match (k.checked_sub(1).and_then(|i| pts.get(i)), pts.get(k)) {
            (Some(&(t0, v0)), Some(&(t1, v1))) if t1 > t0 => v0 + (v1 - v0) * (tau - t0) / (t1 - t0),
            (Some(&(_, v)), _) | (None, Some(&(_, v))) => v,
            (None, None) => 0.0,
        }
    });
    Ok(Signal::sequence(data))
}

/// The signal after `p` zero steps of left padding (the same as `delay(p)`).
pub fn pad_left(x: &Signal, p: usize) -> Signal {
    Step::Delay { k: p }.act(x).unwrap_or_else(|_| x.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_have_the_requested_length_and_shape() {
        for p in PRESETS {
            for s in [Sampling::default(), Sampling { duration: 2.0, rate: 5.0 }] {
                let x = render(p.name, s).unwrap();
                assert_eq!(x.shape(), &[s.steps(), 1]);
                assert!(x.data.iter().all(|v| v.abs() <= 1.0 + 1e-6), "{}", p.name);
                assert!(x.data.iter().any(|v| *v != 0.0), "{}", p.name);
            }
        }
        assert!(render("noise", Sampling::default()).is_none());
        assert_eq!(Sampling { duration: f32::NAN, rate: 3.0 }.steps(), 1);
        assert_eq!(Sampling { duration: 1e9, rate: 1e9 }.steps(), MAX_STEPS);
    }

    #[test]
    fn the_spike_is_one_sample_and_padding_prepends_zeros() {
        let x = render("spike", Sampling { duration: 1.0, rate: 8.0 }).unwrap();
        assert_eq!(x.data.iter().copied().collect::<Vec<_>>(), vec![0., 0., 1., 0., 0., 0., 0., 0.]);
        let p = pad_left(&x, 3);
        assert_eq!(p.shape(), &[11, 1]);
        assert_eq!(p.data[[5, 0]], 1.0);
    }

    #[test]
    fn curves_interpolate_and_refuse_bad_points() {
        let s = Sampling { duration: 1.0, rate: 4.0 };
        let x = from_curve(&[(1.0, 1.0), (0.0, -1.0)], s).unwrap();
        let v: Vec<f32> = x.data.iter().copied().collect();
        assert_eq!(v, vec![-0.75, -0.25, 0.25, 0.75]);
        assert!(from_curve(&[], s).is_err());
        assert!(from_curve(&[(0.0, f32::NAN)], s).is_err());
        assert_eq!(from_curve(&[(0.5, 2.0), (0.5, 3.0)], s).unwrap().data.len(), 4);
    }
}

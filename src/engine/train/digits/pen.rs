//! From a skeleton to what a hand draws with a mouse or a finger: every
//! control point jittered, the runs smoothed (Catmull–Rom), the whole digit
//! slanted, sheared, stretched and sized, a slow wobble along each stroke,
//! shrunk if it would not fit, placed anywhere on the canvas where it fits,
//! and painted with one brush radius ([`crate::engine::strokes::render`],
//! the lab's brush formula).

use super::skeletons::{Skeleton, Stroke, P};
use crate::engine::rng::Rng;
use crate::engine::strokes::{self, Polyline};
use ndarray::Array2;

/// How far the random hand may go. Lengths are in units of the digit's
/// height unless they say pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hand {
    /// Standard deviation of the control-point jitter.
    pub jitter: f32,
    /// Largest slant either way, degrees.
    pub max_rotation: f32,
    /// Largest shear `x += s·y` either way.
    pub max_shear: f32,
    /// Range of the width/height stretch.
    pub aspect: (f32, f32),
    /// Range of the digit's height as a fraction of the canvas side.
    pub height: (f32, f32),
    /// Range of the brush radius in pixels (the lab's brush goes from 0.5 to 6).
    pub radius: (f32, f32),
    /// Largest wobble along a stroke, pixels.
    pub wobble: f32,
}

impl Default for Hand {
    fn default() -> Self {
        Hand {
            jitter: 0.028,
            max_rotation: 12.0,
            max_shear: 0.25,
            aspect: (0.75, 1.3),
            height: (0.36, 0.88),
            radius: (0.6, 4.8),
            wobble: 0.8,
        }
    }
}

/// A standard normal number (sum of four uniforms, scaled: light tails).
fn normal(rng: &mut Rng) -> f32 {
    ((0..4).map(|_| rng.unit()).sum::<f32>() - 2.0) * 3f32.sqrt()
}

/// Uniform in `[lo, hi)`.
fn between(rng: &mut Rng, (lo, hi): (f32, f32)) -> f32 {
    lo + (hi - lo) * rng.unit()
}

/// Draw `skeleton` on a `size × size` canvas.
pub fn draw(skeleton: &Skeleton, hand: &Hand, rng: &mut Rng, size: usize) -> Array2<f32> {
    let height = between(rng, hand.height) * size as f32;
    // A thick brush on a small digit fills its loops: at most a tenth of the height.
    let r = between(rng, hand.radius).min(0.1 * height).max(hand.radius.0);
    let lines = trace(skeleton, hand, rng, size, height, r);
    strokes::render(size, &lines, r)
}

/// The pen paths of [`draw`], in pixels, for a digit `height` pixels tall
/// painted with a brush of radius `r`.
pub fn trace(skeleton: &Skeleton, hand: &Hand, rng: &mut Rng, size: usize, height: f32, r: f32) -> Vec<Polyline> {
    let mut lines: Vec<Vec<P>> = skeleton.iter().map(|s| smooth_stroke(s, hand.jitter, rng)).collect();
    // Centre, shear, stretch, slant and size the digit.
    let (lo, hi) = bounds(lines.iter().flatten());
    let c = ((lo.0 + hi.0) / 2.0, (lo.1 + hi.1) / 2.0);
    let shear = hand.max_shear * (2.0 * rng.unit() - 1.0);
    let aspect = between(rng, hand.aspect);
    let angle = (hand.max_rotation * (2.0 * rng.unit() - 1.0)).to_radians();
    let height = height / (hi.1 - lo.1).max(1e-3);
    let (sin, cos) = angle.sin_cos();
    for p in lines.iter_mut().flatten() {
        let (x, y) = (p.0 - c.0, p.1 - c.1);
        let x = (x + shear * y) * aspect;
        *p = ((cos * x - sin * y) * height, (sin * x + cos * y) * height);
    }
    for line in &mut lines {
        wobble(line, hand.wobble, rng);
    }
    // Shrunk if the ink would not fit, then anywhere it fits.
    let (lo, hi) = bounds(lines.iter().flatten());
    let margin = r + 0.5;
    let n = size as f32;
    let room = (n - 2.0 * margin).max(1.0);
    let fit = (room / (hi.0 - lo.0).max(hi.1 - lo.1).max(1e-3)).min(1.0);
    let place = |rng: &mut Rng, lo: f32, hi: f32| margin - lo * fit + (room - (hi - lo) * fit) * rng.unit();
    let (tx, ty) = (place(rng, lo.0, hi.0), place(rng, lo.1, hi.1));
    lines.into_iter().map(|l| l.into_iter().map(|(x, y)| (x * fit + tx, y * fit + ty)).collect()).collect()
}

/// Bounding box `(min, max)` of points.
fn bounds<'a>(points: impl Iterator<Item = &'a P>) -> (P, P) {
    points.fold(((f32::INFINITY, f32::INFINITY), (f32::NEG_INFINITY, f32::NEG_INFINITY)), |(lo, hi), p| {
        ((lo.0.min(p.0), lo.1.min(p.1)), (hi.0.max(p.0), hi.1.max(p.1)))
    })
}

/// One stroke's knots jittered (a knot shared by two runs moves once), then
/// each run sampled as a Catmull–Rom curve through its knots.
fn smooth_stroke(stroke: &Stroke, jitter: f32, rng: &mut Rng) -> Vec<P> {
    let mut out: Vec<P> = Vec::new();
    let mut carry: Option<P> = None;
    for run in stroke {
        let mut knots: Vec<P> = Vec::with_capacity(run.len());
        for (k, &(x, y)) in run.iter().enumerate() {
            match (k, carry) {
                (0, Some(p)) => knots.push(p),
                _ => knots.push((x + jitter * normal(rng), y + jitter * normal(rng))),
            }
        }
        carry = knots.last().copied();
        let curve = catmull_rom(&knots, 8);
        let skip = usize::from(!out.is_empty());
        out.extend(curve.into_iter().skip(skip));
    }
    out
}

/// Points along the uniform Catmull–Rom spline through `knots`, `steps` per
/// span (ends extended by reflection); two knots give the straight line.
pub fn catmull_rom(knots: &[P], steps: usize) -> Vec<P> {
    let n = knots.len();
    if n < 3 {
        return knots.to_vec();
    }
    let at = |i: isize| -> P {
        if i < 0 {
            (2.0 * knots[0].0 - knots[1].0, 2.0 * knots[0].1 - knots[1].1)
        } else if i as usize >= n {
            (2.0 * knots[n - 1].0 - knots[n - 2].0, 2.0 * knots[n - 1].1 - knots[n - 2].1)
        } else {
            knots[i as usize]
        }
    };
    let mut out = vec![knots[0]];
    for i in 0..n as isize - 1 {
        let (p0, p1, p2, p3) = (at(i - 1), at(i), at(i + 1), at(i + 2));
        for s in 1..=steps {
            let t = s as f32 / steps as f32;
            let (t2, t3) = (t * t, t * t * t);
            let f = |a: f32, b: f32, c: f32, d: f32| {
                0.5 * (2.0 * b
                    + (c - a) * t
                    + (2.0 * a - 5.0 * b + 4.0 * c - d) * t2
                    + (3.0 * b - a - 3.0 * c + d) * t3)
            };
            out.push((f(p0.0, p1.0, p2.0, p3.0), f(p0.1, p1.1, p2.1, p3.1)));
        }
    }
    out
}

/// Move the points of a pixel path by a slow random sway along its length.
fn wobble(line: &mut [P], amplitude: f32, rng: &mut Rng) {
    let waves: Vec<(f32, f32, f32)> = (0..2)
        .map(|_| {
            let a = amplitude * rng.unit();
            let freq = std::f32::consts::TAU / (12.0 + 30.0 * rng.unit());
            (a, freq, std::f32::consts::TAU * rng.unit())
        })
        .collect();
    let mut s = 0.0;
    let mut prev = line.first().copied().unwrap_or_default();
    for p in line.iter_mut() {
        s += ((p.0 - prev.0).powi(2) + (p.1 - prev.1).powi(2)).sqrt();
        prev = *p;
        p.0 += waves[0].0 * (waves[0].1 * s + waves[0].2).sin();
        p.1 += waves[1].0 * (waves[1].1 * s + waves[1].2).sin();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catmull_rom_passes_through_its_knots() {
        let knots = [(0.0, 0.0), (1.0, 2.0), (3.0, 1.0), (4.0, 4.0)];
        let c = catmull_rom(&knots, 5);
        assert_eq!(c.len(), 16);
        for (k, p) in knots.iter().enumerate() {
            let q = c[5 * k];
            assert!((q.0 - p.0).abs() < 1e-5 && (q.1 - p.1).abs() < 1e-5, "{k}: {q:?}");
        }
        assert_eq!(catmull_rom(&knots[..2], 5), knots[..2].to_vec());
    }

    #[test]
    fn the_ink_fits_on_the_canvas() {
        let mut rng = Rng::new(4);
        for d in 0..10 {
            for skeleton in super::super::skeletons::styles(d) {
                let r = 3.0;
                let lines = trace(&skeleton, &Hand::default(), &mut rng, 64, 56.0, r);
                let (lo, hi) = bounds(lines.iter().flatten());
                assert!(lo.0 >= r && lo.1 >= r && hi.0 <= 64.0 - r && hi.1 <= 64.0 - r, "{d}: {lo:?} {hi:?}");
            }
        }
    }
}

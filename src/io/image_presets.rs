//! Built-in input images, drawn procedurally at any size so they stay crisp:
//! handwritten-style digits 0–9, a blob, a checkerboard, a single dot and an
//! asymmetric letter F. Values are in `[0, 1]`, ink is 1.
//!
//! The digits are strokes drawn here by hand, one polyline per pen stroke,
//! with the lab's brush ([`crate::engine::strokes`]); they were written
//! apart from the digit generator the trained classifier learned from
//! (`engine::train::digits`), so recognising them is a real test of it.

use crate::engine::strokes;
use ndarray::Array2;

/// A named preset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImagePreset {
    pub name: &'static str,
    pub title: &'static str,
    /// What this input is good for teaching.
    pub note: &'static str,
}

/// All presets, in the order of the picker.
pub const PRESETS: [ImagePreset; 15] = [
    ImagePreset { name: "digit3", title: "Digit 3", note: "a handwritten-style digit: no symmetry at all" },
    ImagePreset {
        name: "letter",
        title: "Letter F",
        note: "asymmetric: every rotation and flip gives a different picture",
    },
    ImagePreset { name: "blob", title: "Blob", note: "a soft, off-centre blob: shifts are easy to follow" },
    ImagePreset {
        name: "checker",
        title: "Checkerboard",
        note: "periodic: shifting by a whole square pair changes nothing",
    },
    ImagePreset { name: "dot", title: "Single dot", note: "one pixel: watch the receptive field and the pooling grid" },
    ImagePreset { name: "empty", title: "Blank", note: "an empty canvas to draw on" },
    ImagePreset { name: "digit0", title: "Digit 0", note: "an oval: a half turn leaves it almost as it was" },
    ImagePreset { name: "digit1", title: "Digit 1", note: "a flag and a stem: a quarter turn lays it down" },
    ImagePreset { name: "digit2", title: "Digit 2", note: "a hook, a diagonal and a base" },
    ImagePreset { name: "digit4", title: "Digit 4", note: "an open 4: three straight strokes" },
    ImagePreset { name: "digit5", title: "Digit 5", note: "a bar, a stem and a bowl" },
    ImagePreset {
        name: "digit6",
        title: "Digit 6",
        note: "turned by a half turn it reads 9: a rotation-invariant network cannot tell them apart",
    },
    ImagePreset { name: "digit7", title: "Digit 7", note: "a bar and a slanted stem" },
    ImagePreset { name: "digit8", title: "Digit 8", note: "one stroke crossing itself, the bigger loop below" },
    ImagePreset { name: "digit9", title: "Digit 9", note: "a loop on a stem: a 6 turned by a half turn, nearly" },
];

/// The digit presets `digit0` … `digit9`, in digit order.
pub const DIGITS: [&str; 10] =
    ["digit0", "digit1", "digit2", "digit3", "digit4", "digit5", "digit6", "digit7", "digit8", "digit9"];

/// Draw preset `name` at `size × size`, or `None` for an unknown name.
pub fn render(name: &str, size: usize) -> Option<Array2<f32>> {
    let n = size as f32;
    let img = match name {
        "digit3" => strokes(size, &digit_three(), 0.055 * n),
        "digit0" | "digit1" | "digit2" | "digit4" | "digit5" | "digit6" | "digit7" | "digit8" | "digit9" => {
            let d = name.as_bytes()[5] - b'0';
            strokes(size, &digit(d), 0.055 * n)
        }
        "letter" => strokes(size, &letter_f(), 0.06 * n),
        "blob" => Array2::from_shape_fn((size, size), |(i, j)| {
            let (y, x) = (i as f32 / n - 0.42, j as f32 / n - 0.58);
            (-(x * x / 0.012 + y * y / 0.02)).exp()
        }),
        "checker" => {
            let cell = (size / 8).max(1);
            Array2::from_shape_fn((size, size), |(i, j)| ((i / cell + j / cell) % 2) as f32)
        }
        "dot" => {
            let mut a = Array2::zeros((size, size));
            if size > 0 {
                a[(size * 3 / 8, size * 5 / 8)] = 1.0;
            }
            a
        }
        "empty" => Array2::zeros((size, size)),
        _ => return None,
    };
    Some(img)
}

type Polyline = Vec<(f32, f32)>;

/// Points along an arc (in unit coordinates, angles in degrees, y down).
fn arc(cx: f32, cy: f32, r: f32, from: f32, to: f32) -> Polyline {
    (0..=24)
        .map(|k| {
            let a = (from + (to - from) * k as f32 / 24.0).to_radians();
            (cx + r * a.cos(), cy + r * a.sin())
        })
        .collect()
}

/// Points along an ellipse turned by `tilt` degrees about its centre.
fn ellipse(c: (f32, f32), r: (f32, f32), tilt: f32, from: f32, to: f32) -> Polyline {
    let (ts, tc) = tilt.to_radians().sin_cos();
    (0..=32)
        .map(|k| {
            let a = (from + (to - from) * k as f32 / 32.0).to_radians();
            let (x, y) = (r.0 * a.cos(), r.1 * a.sin());
            (c.0 + tc * x - ts * y, c.1 + ts * x + tc * y)
        })
        .collect()
}

fn digit_three() -> Vec<Polyline> {
    vec![arc(0.48, 0.32, 0.16, -160.0, 95.0), arc(0.47, 0.64, 0.18, -95.0, 165.0)]
}

/// The strokes of digit `d` (not 3, which is [`digit_three`]).
fn digit(d: u8) -> Vec<Polyline> {
    let join = |parts: &[Polyline]| -> Polyline { parts.concat() };
    match d {
        // Clockwise from the top, slanted a little, the ends just meeting.
        0 => vec![ellipse((0.5, 0.5), (0.19, 0.31), 8.0, -80.0, 282.0)],
        1 => vec![vec![(0.38, 0.3), (0.53, 0.18), (0.53, 0.82)]],
        2 => vec![join(&[arc(0.49, 0.34, 0.16, 195.0, 385.0), vec![(0.31, 0.8), (0.72, 0.79)]])],
        4 => vec![vec![(0.38, 0.18), (0.31, 0.58), (0.72, 0.58)], vec![(0.62, 0.22), (0.6, 0.83)]],
        5 => vec![
            join(&[vec![(0.37, 0.19), (0.35, 0.47)], arc(0.48, 0.62, 0.17, -125.0, 150.0)]),
            vec![(0.37, 0.19), (0.67, 0.18)],
        ],
        // Down the back, then the loop at the bottom, anticlockwise.
        6 => {
            vec![join(&[ellipse((0.64, 0.62), (0.3, 0.44), 0.0, -110.0, -180.0), arc(0.5, 0.66, 0.16, 180.0, -165.0)])]
        }
        7 => vec![vec![(0.3, 0.2), (0.7, 0.19), (0.66, 0.26), (0.45, 0.82)]],
        // One stroke: a small loop on top of a bigger one.
        8 => vec![(0..=48)
            .map(|k| {
                let t = std::f32::consts::TAU * k as f32 / 48.0;
                let w = if t.cos() > 0.0 { 0.13 } else { 0.17 };
                (0.5 - w * (2.0 * t).sin(), 0.5 - 0.31 * t.cos())
            })
            .collect()],
        // The loop anticlockwise from its right side, then the stem.
        9 => vec![join(&[arc(0.49, 0.35, 0.14, 10.0, -350.0), vec![(0.61, 0.82)]])],
        _ => Vec::new(),
    }
}

fn letter_f() -> Vec<Polyline> {
    vec![vec![(0.34, 0.2), (0.34, 0.82)], vec![(0.34, 0.2), (0.7, 0.2)], vec![(0.34, 0.47), (0.6, 0.47)]]
}

/// Rasterise thick polylines (unit coordinates) with the lab's brush.
fn strokes(size: usize, lines: &[Polyline], width: f32) -> Array2<f32> {
    let n = size as f32;
    let pixels: Vec<strokes::Polyline> =
        lines.iter().map(|l| l.iter().map(|&(x, y)| (x * n, y * n)).collect()).collect();
    strokes::render(size, &pixels, width / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_renders_with_ink_in_range() {
        for p in PRESETS {
            let img = render(p.name, 64).unwrap();
            assert_eq!(img.dim(), (64, 64));
            assert!(img.iter().all(|&v| (0.0..=1.0).contains(&v)));
            if p.name != "empty" {
                assert!(img.sum() > 0.0, "{}", p.name);
            }
        }
        assert!(render("nope", 64).is_none());
    }

    #[test]
    fn every_digit_is_a_preset_with_ink_in_its_middle_and_odd_sizes_work() {
        for (d, name) in DIGITS.iter().enumerate() {
            let p = PRESETS.iter().find(|p| p.name == *name).unwrap();
            assert_eq!(p.title, format!("Digit {d}"));
            for size in [64, 63] {
                let img = render(name, size).unwrap();
                let ink = img.iter().filter(|&&v| v > 0.5).count();
                assert!(ink > 150, "{name} at {size}: {ink} inked pixels");
                // Nothing within 8 pixels of the border: the digit sits in the canvas.
                let border = img
                    .indexed_iter()
                    .filter(|((i, j), &v)| v > 0.0 && (*i.min(j) < 8 || *i.max(j) >= size - 8))
                    .count();
                assert_eq!(border, 0, "{name} at {size}");
            }
        }
    }

    #[test]
    fn digit3_looks_as_it_always_did() {
        // The digit 3 drawn the old way: every pixel against every segment.
        let img = render("digit3", 64).unwrap();
        let n = 64.0;
        let old = Array2::from_shape_fn((64, 64), |(i, j)| {
            let p = (j as f32 + 0.5, i as f32 + 0.5);
            let mut d = f32::INFINITY;
            for line in digit_three() {
                for seg in line.windows(2) {
                    let (a, b) = ((seg[0].0 * n, seg[0].1 * n), (seg[1].0 * n, seg[1].1 * n));
                    d = d.min(strokes::segment_distance(p, a, b));
                }
            }
            (0.055 * n / 2.0 - d + 0.5).clamp(0.0, 1.0)
        });
        assert_eq!(img, old);
    }
}

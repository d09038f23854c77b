//! Built-in input images, drawn procedurally at any size so they stay crisp:
//! a handwritten-style digit 3, a blob, a checkerboard, a single dot and an
//! asymmetric letter F. Values are in `[0, 1]`, ink is 1.

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
pub const PRESETS: [ImagePreset; 6] = [
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
];

/// Draw preset `name` at `size × size`, or `None` for an unknown name.
pub fn render(name: &str, size: usize) -> Option<Array2<f32>> {
    let n = size as f32;
    let img = match name {
        "digit3" => strokes(size, &digit_three(), 0.055 * n),
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

fn digit_three() -> Vec<Polyline> {
    vec![arc(0.48, 0.32, 0.16, -160.0, 95.0), arc(0.47, 0.64, 0.18, -95.0, 165.0)]
}

fn letter_f() -> Vec<Polyline> {
    vec![vec![(0.34, 0.2), (0.34, 0.82)], vec![(0.34, 0.2), (0.7, 0.2)], vec![(0.34, 0.47), (0.6, 0.47)]]
}

/// Rasterise thick polylines with soft (anti-aliased) edges.
fn strokes(size: usize, lines: &[Polyline], width: f32) -> Array2<f32> {
    let n = size as f32;
    Array2::from_shape_fn((size, size), |(i, j)| {
        let p = (j as f32 + 0.5, i as f32 + 0.5);
        let mut d = f32::INFINITY;
        for line in lines {
            for seg in line.windows(2) {
                let a = (seg[0].0 * n, seg[0].1 * n);
                let b = (seg[1].0 * n, seg[1].1 * n);
                d = d.min(segment_distance(p, a, b));
            }
        }
        (width / 2.0 - d + 0.5).clamp(0.0, 1.0)
    })
}

fn segment_distance(p: (f32, f32), a: (f32, f32), b: (f32, f32)) -> f32 {
    let (vx, vy) = (b.0 - a.0, b.1 - a.1);
    let len2 = vx * vx + vy * vy;
    let t = if len2 == 0.0 { 0.0 } else { (((p.0 - a.0) * vx + (p.1 - a.1) * vy) / len2).clamp(0.0, 1.0) };
    let (dx, dy) = (p.0 - a.0 - t * vx, p.1 - a.1 - t * vy);
    (dx * dx + dy * dy).sqrt()
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
}

//! Thick polylines rasterised the way the image lab's brush paints: a pixel
//! whose centre lies at distance `d` from the stroke gets ink
//! `clamp(r + 0.5 − d, 0, 1)` (a disc of radius `r` with a one-pixel soft
//! edge, the formula of the lab's `paint`), and overlapping strokes keep the
//! darker value. The built-in presets (`io::image_presets`) and the digit
//! generator ([`crate::engine::train::digits`]) both draw with it, so the data
//! a classifier is trained on looks like what a learner draws.

use ndarray::Array2;

/// A stroke: points in pixel coordinates `(x, y)`, `y` down, pixel `(i, j)`
/// has its centre at `(j + 0.5, i + 0.5)`.
pub type Polyline = Vec<(f32, f32)>;

/// Render `lines` with brush radius `r` on a `size × size` canvas.
///
/// Each segment only visits the pixels it can reach; since the ink is a
/// decreasing function of the distance, the maximum over segments equals the
/// ink of the nearest segment, exactly as if every pixel looked at all of them.
pub fn render(size: usize, lines: &[Polyline], r: f32) -> Array2<f32> {
    let mut img = Array2::<f32>::zeros((size, size));
    let reach = r + 1.0;
    for line in lines {
        let segments: Vec<[(f32, f32); 2]> = match line.as_slice() {
            [] => Vec::new(),
            [p] => vec![[*p, *p]],
            _ => line.windows(2).map(|s| [s[0], s[1]]).collect(),
        };
        for [a, b] in segments {
            let lo = |u: f32, v: f32| ((u.min(v) - reach).floor().max(0.0) as usize).min(size);
            let hi = |u: f32, v: f32| ((u.max(v) + reach).ceil().max(0.0) as usize).min(size);
            for i in lo(a.1, b.1)..hi(a.1, b.1) {
                for j in lo(a.0, b.0)..hi(a.0, b.0) {
                    let d = segment_distance((j as f32 + 0.5, i as f32 + 0.5), a, b);
                    let ink = (r - d + 0.5).clamp(0.0, 1.0);
                    let v = &mut img[(i, j)];
                    if ink > *v {
                        *v = ink;
                    }
                }
            }
        }
    }
    img
}

/// Distance from `p` to the segment `a b`.
pub fn segment_distance(p: (f32, f32), a: (f32, f32), b: (f32, f32)) -> f32 {
    let (vx, vy) = (b.0 - a.0, b.1 - a.1);
    let len2 = vx * vx + vy * vy;
    let t = if len2 == 0.0 { 0.0 } else { (((p.0 - a.0) * vx + (p.1 - a.1) * vy) / len2).clamp(0.0, 1.0) };
    let (dx, dy) = (p.0 - a.0 - t * vx, p.1 - a.1 - t * vy);
    (dx * dx + dy * dy).sqrt()
}

/// The lab's brush applied along a mouse trace: discs of radius `r` at points
/// every half radius along each segment (as the drawing panel sends them),
/// each pixel keeping its darkest ink. Within a pixel of [`render`]; tests use
/// it to draw digits exactly as a learner's pointer would.
pub fn paint_trace(size: usize, trace: &[(f32, f32)], r: f32) -> Array2<f32> {
    let mut points = Vec::new();
    if let Some(&first) = trace.first() {
        points.push(first);
    }
    for s in trace.windows(2) {
        let (a, b) = (s[0], s[1]);
        let d = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        let n = (d / (r * 0.5).max(0.5)).ceil().max(1.0) as usize;
        points.extend((1..=n).map(|k| {
            let t = k as f32 / n as f32;
            (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1))
        }));
    }
    let dots: Vec<Polyline> = points.into_iter().map(|p| vec![p]).collect();
    render(size, &dots, r.max(0.5))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The obvious version: every pixel looks at every segment.
    fn render_naive(size: usize, lines: &[Polyline], r: f32) -> Array2<f32> {
        Array2::from_shape_fn((size, size), |(i, j)| {
            let p = (j as f32 + 0.5, i as f32 + 0.5);
            let mut d = f32::INFINITY;
            for line in lines {
                for seg in line.windows(2) {
                    d = d.min(segment_distance(p, seg[0], seg[1]));
                }
                if line.len() == 1 {
                    d = d.min(segment_distance(p, line[0], line[0]));
                }
            }
            (r - d + 0.5).clamp(0.0, 1.0)
        })
    }

    #[test]
    fn windowed_rendering_equals_the_naive_one_bit_for_bit() {
        let lines =
            vec![vec![(3.0, 4.0), (20.5, 9.25), (14.0, 28.0)], vec![(-5.0, 30.0), (40.0, 35.0)], vec![(16.0, 16.0)]];
        for r in [0.5, 1.75, 3.0] {
            assert_eq!(render(33, &lines, r), render_naive(33, &lines, r), "r = {r}");
        }
    }

    #[test]
    fn a_brush_trace_looks_like_the_stroke() {
        let trace = [(10.0, 10.0), (50.0, 20.0), (30.0, 55.0)];
        let a = paint_trace(64, &trace, 2.5);
        let b = render(64, &[trace.to_vec()], 2.5);
        let diff = (&a - &b).iter().fold(0f32, |m, v| m.max(v.abs()));
        assert!(diff < 0.35, "{diff}");
        assert!(a.iter().all(|v| (0.0..=1.0).contains(v)));
    }
}

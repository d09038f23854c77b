//! The skeletons of the digit generator: for every digit several ways people
//! write it, as strokes in a box one unit high (x right, y down, the digit
//! about 0.6 wide). A stroke is a list of runs; each run is a smooth curve
//! through its points (two points: a straight line) and starts where the
//! previous one ended, so a new run is a corner of the pen path.
//!
//! These are deliberately not the lab's presets (`io::image_presets`): the
//! presets are drawn separately, so classifying them is a real test.

/// A point of the unit box.
pub type P = (f32, f32);
/// Runs of one pen stroke (each run's first point is the previous run's last).
pub type Stroke = Vec<Vec<P>>;
/// One way of writing a digit.
pub type Skeleton = Vec<Stroke>;

/// One stroke that is one smooth curve.
fn smooth(points: &[P]) -> Stroke {
    vec![points.to_vec()]
}

/// One stroke of straight lines through `points` (a corner at every point).
fn lines(points: &[P]) -> Stroke {
    points.windows(2).map(|s| s.to_vec()).collect()
}

/// A stroke from runs: `(points, smooth)`; each run continues the previous one.
fn path(runs: &[(&[P], bool)]) -> Stroke {
    let mut out: Stroke = Vec::new();
    for (points, is_smooth) in runs {
        let mut pts: Vec<P> = out.last().and_then(|r| r.last()).map(|&p| vec![p]).unwrap_or_default();
        pts.extend_from_slice(points);
        if *is_smooth {
            out.push(pts);
        } else {
            out.extend(pts.windows(2).map(|s| s.to_vec()));
        }
    }
    out
}

/// Points on an ellipse, angles in degrees (0 = right, 90 = down).
fn ellipse(c: P, r: P, from: f32, to: f32, n: usize) -> Vec<P> {
    (0..=n)
        .map(|k| {
            let a = (from + (to - from) * k as f32 / n as f32).to_radians();
            (c.0 + r.0 * a.cos(), c.1 + r.1 * a.sin())
        })
        .collect()
}

/// Every style of `digit` (0–9; other values give no styles).
pub fn styles(digit: usize) -> Vec<Skeleton> {
    match digit {
        0 => vec![
            // Anticlockwise from the top, closing with a small overlap.
            vec![smooth(&ellipse((0.3, 0.5), (0.3, 0.5), -95.0, -480.0, 8))],
            // Clockwise from the top right, a gap left at the top.
            vec![smooth(&ellipse((0.3, 0.5), (0.28, 0.5), -60.0, 275.0, 8))],
            // An egg, pointed at the top.
            vec![smooth(&[
                (0.32, 0.0),
                (0.1, 0.2),
                (0.02, 0.55),
                (0.15, 0.92),
                (0.38, 0.98),
                (0.55, 0.7),
                (0.5, 0.3),
                (0.32, 0.0),
            ])],
        ],
        1 => vec![
            vec![lines(&[(0.3, 0.0), (0.3, 1.0)])],
            vec![lines(&[(0.08, 0.25), (0.35, 0.0), (0.35, 1.0)])],
            vec![lines(&[(0.08, 0.22), (0.32, 0.0), (0.32, 1.0)]), lines(&[(0.05, 1.0), (0.6, 1.0)])],
            vec![path(&[(&[(0.05, 0.3), (0.2, 0.15), (0.33, 0.0)], true), (&[(0.3, 1.0)], false)])],
        ],
        2 => vec![
            // Round top, a straight diagonal, the base.
            vec![path(&[
                (&[(0.02, 0.25), (0.2, 0.03), (0.45, 0.03), (0.6, 0.22), (0.5, 0.45), (0.02, 0.98)], true),
                (&[(0.62, 0.98)], false),
            ])],
            // A loop where the diagonal meets the base.
            vec![path(&[(
                &[
                    (0.04, 0.22),
                    (0.25, 0.02),
                    (0.52, 0.08),
                    (0.56, 0.3),
                    (0.35, 0.6),
                    (0.13, 0.86),
                    (0.12, 0.98),
                    (0.24, 0.97),
                    (0.24, 0.86),
                    (0.13, 0.9),
                    (0.18, 0.99),
                    (0.42, 0.99),
                    (0.64, 0.94),
                ],
                true,
            )])],
            // A swan neck: the descent curves.
            vec![path(&[
                (&[(0.0, 0.2), (0.22, 0.0), (0.5, 0.04), (0.6, 0.28), (0.42, 0.6), (0.15, 0.85), (0.02, 1.0)], true),
                (&[(0.65, 0.97)], false),
            ])],
        ],
        3 => vec![
            // Two bowls meeting in a point.
            vec![path(&[
                (&[(0.04, 0.13), (0.3, 0.0), (0.55, 0.1), (0.52, 0.32), (0.22, 0.47)], true),
                (&[(0.52, 0.6), (0.6, 0.82), (0.4, 0.99), (0.14, 0.97), (0.0, 0.84)], true),
            ])],
            // A flat top and a diagonal, then the bowl.
            vec![path(&[
                (&[(0.05, 0.02), (0.6, 0.02), (0.25, 0.42)], false),
                (&[(0.55, 0.52), (0.62, 0.77), (0.42, 0.98), (0.14, 0.96), (0.0, 0.84)], true),
            ])],
            // One smooth line, the middle rounded.
            vec![smooth(&[
                (0.02, 0.15),
                (0.28, 0.0),
                (0.55, 0.12),
                (0.45, 0.4),
                (0.28, 0.48),
                (0.5, 0.56),
                (0.6, 0.8),
                (0.38, 1.0),
                (0.02, 0.88),
            ])],
        ],
        4 => vec![
            // Closed: the diagonal starts at the top of the stem.
            vec![lines(&[(0.48, 0.0), (0.0, 0.66), (0.66, 0.66)]), lines(&[(0.48, 0.0), (0.48, 1.0)])],
            // Open: a down stroke and a bar, then a longer stem.
            vec![lines(&[(0.06, 0.0), (0.02, 0.6), (0.64, 0.6)]), lines(&[(0.5, 0.05), (0.5, 1.0)])],
            // The stem drawn on its own, starting below the diagonal's top.
            vec![lines(&[(0.45, 0.02), (0.0, 0.64), (0.62, 0.64)]), lines(&[(0.5, 0.2), (0.48, 1.0)])],
        ],
        5 => vec![
            // Stem and bowl, then the bar.
            vec![
                path(&[
                    (&[(0.1, 0.02), (0.06, 0.45)], false),
                    (&[(0.3, 0.36), (0.55, 0.45), (0.62, 0.7), (0.45, 0.95), (0.2, 0.98), (0.02, 0.86)], true),
                ]),
                lines(&[(0.1, 0.02), (0.6, 0.0)]),
            ],
            // One stroke from the top right.
            vec![path(&[
                (&[(0.6, 0.02), (0.1, 0.02), (0.07, 0.44)], false),
                (&[(0.35, 0.38), (0.6, 0.52), (0.6, 0.8), (0.38, 0.99), (0.0, 0.9)], true),
            ])],
            // The bar detached and slanted.
            vec![
                path(&[
                    (&[(0.12, 0.06), (0.08, 0.48)], false),
                    (&[(0.32, 0.4), (0.56, 0.48), (0.6, 0.75), (0.4, 0.97), (0.03, 0.9)], true),
                ]),
                lines(&[(0.16, 0.02), (0.66, 0.06)]),
            ],
        ],
        6 => vec![
            // A curved back, the loop at the bottom.
            vec![smooth(&[
                (0.55, 0.02),
                (0.3, 0.15),
                (0.1, 0.45),
                (0.05, 0.75),
                (0.2, 0.97),
                (0.45, 0.95),
                (0.58, 0.75),
                (0.45, 0.55),
                (0.2, 0.55),
                (0.07, 0.7),
            ])],
            // A straight back.
            vec![path(&[
                (&[(0.5, 0.0), (0.08, 0.62)], false),
                (&[(0.1, 0.88), (0.3, 0.99), (0.52, 0.85), (0.48, 0.6), (0.25, 0.52), (0.08, 0.65)], true),
            ])],
            // A small loop and a long back.
            vec![smooth(&[
                (0.6, 0.05),
                (0.35, 0.08),
                (0.12, 0.35),
                (0.04, 0.7),
                (0.18, 0.96),
                (0.4, 0.92),
                (0.45, 0.74),
                (0.28, 0.65),
                (0.08, 0.78),
            ])],
        ],
        7 => vec![
            vec![lines(&[(0.0, 0.05), (0.62, 0.03), (0.2, 1.0)])],
            // With a bar across the stem.
            vec![lines(&[(0.0, 0.04), (0.64, 0.04), (0.24, 1.0)]), lines(&[(0.14, 0.52), (0.58, 0.5)])],
            // A small tick down at the start.
            vec![lines(&[(0.02, 0.16), (0.0, 0.03), (0.62, 0.03), (0.26, 1.0)])],
            // A curved stem.
            vec![path(&[(&[(0.0, 0.05), (0.62, 0.03)], false), (&[(0.45, 0.38), (0.34, 0.7), (0.32, 1.0)], true)])],
        ],
        8 => vec![
            // One stroke: an S down and a reversed S back up.
            vec![smooth(&[
                (0.55, 0.12),
                (0.3, 0.0),
                (0.07, 0.15),
                (0.15, 0.36),
                (0.45, 0.55),
                (0.6, 0.78),
                (0.35, 0.99),
                (0.07, 0.85),
                (0.12, 0.62),
                (0.42, 0.44),
                (0.58, 0.25),
                (0.52, 0.1),
            ])],
            // Two rings, the smaller on top.
            vec![
                smooth(&ellipse((0.31, 0.24), (0.22, 0.24), 90.0, 450.0, 8)),
                smooth(&ellipse((0.31, 0.73), (0.29, 0.27), -90.0, 270.0, 8)),
            ],
            // Starting at the middle crossing.
            vec![smooth(&[
                (0.32, 0.48),
                (0.55, 0.3),
                (0.5, 0.06),
                (0.28, 0.0),
                (0.08, 0.14),
                (0.14, 0.34),
                (0.48, 0.6),
                (0.56, 0.86),
                (0.3, 0.99),
                (0.06, 0.86),
                (0.12, 0.64),
                (0.32, 0.48),
            ])],
        ],
        9 => vec![
            // A ring and a straight stem.
            vec![path(&[(&ellipse((0.3, 0.26), (0.27, 0.26), 10.0, -355.0, 8), true), (&[(0.55, 1.0)], false)])],
            // A ring and a tail that curls left.
            vec![path(&[
                (&ellipse((0.3, 0.27), (0.27, 0.27), 15.0, -350.0, 8), true),
                (&[(0.55, 0.6), (0.45, 0.92), (0.22, 0.99), (0.06, 0.9)], true),
            ])],
            // A slanted stem.
            vec![path(&[(&ellipse((0.34, 0.25), (0.26, 0.25), 0.0, -360.0, 8), true), (&[(0.3, 1.0)], false)])],
        ],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_digit_has_several_styles_and_runs_are_continuous() {
        for d in 0..10 {
            let s = styles(d);
            assert!(s.len() >= 3, "digit {d}");
            for stroke in s.iter().flatten() {
                for runs in stroke.windows(2) {
                    assert_eq!(runs[0].last(), runs[1].first(), "digit {d}");
                }
            }
        }
        assert!(styles(10).is_empty());
    }
}

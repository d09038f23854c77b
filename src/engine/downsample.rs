//! Summaries of long 1-D signals for drawing: a 100 kb activation track has
//! far more positions than a screen has pixel columns, so each column shows
//! the smallest and largest value of the positions it covers (a thin spike
//! stays visible, unlike with averaging or picking every n-th value). Also
//! the visible window of a long strand, and how zooming moves it.

use std::ops::Range;

/// The positions of `0..n` that column `c` of `cols` covers (never empty
/// when `cols <= n`).
pub fn column_range(c: usize, cols: usize, n: usize) -> Range<usize> {
    let cols = cols.max(1);
    (c * n / cols)..((c + 1) * n / cols)
}

/// `(min, max)` of the values under each of `min(cols, len)` columns.
/// NaNs are skipped; a column with none gives `(0, 0)`.
pub fn min_max_columns(values: &[f32], cols: usize) -> Vec<(f32, f32)> {
    let n = values.len();
    let cols = cols.min(n);
    (0..cols)
        .map(|c| {
            let (lo, hi) = values[column_range(c, cols, n)]
                .iter()
                .filter(|v| !v.is_nan())
                .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &v| (lo.min(v), hi.max(v)));
            if lo > hi {
                (0.0, 0.0)
            } else {
                (lo, hi)
            }
        })
        .collect()
}

/// The mean of the values under each of `min(cols, len)` columns.
pub fn mean_columns(values: &[f32], cols: usize) -> Vec<f32> {
    let n = values.len();
    let cols = cols.min(n);
    (0..cols)
        .map(|c| {
            let r = column_range(c, cols, n);
            let len = r.len().max(1) as f32;
            values[r].iter().sum::<f32>() / len
        })
        .collect()
}

/// The visible part `[start, start + len)` of a strand of `total` positions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub start: usize,
    pub len: usize,
}

impl Window {
    /// The fewest positions a window shows (when the strand is that long).
    pub const MIN_LEN: usize = 16;

    /// The whole strand.
    pub fn all(total: usize) -> Window {
        Window { start: 0, len: total }
    }

    /// This window moved and shrunk to fit a strand of `total` positions.
    pub fn clamp(self, total: usize) -> Window {
        let len = self.len.clamp(Self::MIN_LEN.min(total), total);
        Window { start: self.start.min(total - len), len }
    }

    pub fn end(self) -> usize {
        self.start + self.len
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end()
    }

    /// Zoom about the centre: `factor < 1` shows fewer positions.
    pub fn zoom(self, factor: f64, total: usize) -> Window {
        let centre = self.start as f64 + self.len as f64 / 2.0;
        let len = ((self.len as f64 * factor).round() as usize).max(1);
        let start = (centre - len as f64 / 2.0).round().max(0.0) as usize;
        Window { start, len }.clamp(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_cover_every_value_once() {
        for (n, cols) in [(10, 3), (100_000, 640), (7, 7), (5, 9)] {
            let c = cols.min(n);
            let covered: usize = (0..c).map(|i| column_range(i, c, n).len()).sum();
            assert_eq!(covered, n);
            assert!((0..c).all(|i| !column_range(i, c, n).is_empty()));
        }
    }

    #[test]
    fn a_single_spike_survives_downsampling() {
        let mut v = vec![0.0f32; 100_000];
        v[54_321] = 3.0;
        v[7] = -1.0;
        let m = min_max_columns(&v, 640);
        assert_eq!(m.len(), 640);
        assert_eq!(m.iter().filter(|(_, hi)| *hi == 3.0).count(), 1);
        assert_eq!(m.iter().filter(|(lo, _)| *lo == -1.0).count(), 1);
        assert_eq!(min_max_columns(&[1.0, f32::NAN], 2), vec![(1.0, 1.0), (0.0, 0.0)]);
        assert_eq!(mean_columns(&[1.0, 3.0, 5.0, 7.0], 2), vec![2.0, 6.0]);
    }

    #[test]
    fn windows_stay_inside_the_strand() {
        let w = Window { start: 90, len: 50 }.clamp(100);
        assert_eq!(w, Window { start: 50, len: 50 });
        assert_eq!(Window { start: 0, len: 3 }.clamp(100).len, Window::MIN_LEN);
        assert_eq!(Window { start: 0, len: 50 }.clamp(5), Window { start: 0, len: 5 });
        let z = Window { start: 400, len: 200 }.zoom(0.5, 1000);
        assert_eq!(z, Window { start: 450, len: 100 });
        assert_eq!(Window { start: 400, len: 200 }.zoom(100.0, 1000), Window::all(1000));
    }
}

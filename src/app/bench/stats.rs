//! Summary statistics of repeated timings: median, 95th percentile
//! (nearest rank) and maximum, in milliseconds.

/// The summary of one set of timings.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Stats {
    pub n: usize,
    pub median: f64,
    pub p95: f64,
    pub max: f64,
}

impl Stats {
    /// Summarise `ms` (any order); all zeros when empty.
    pub fn of(ms: &[f64]) -> Stats {
        if ms.is_empty() {
            return Stats::default();
        }
        let mut v = ms.to_vec();
        v.sort_by(f64::total_cmp);
        let n = v.len();
        let median = if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 };
        // Nearest rank: the smallest value with at least 95 % of the samples at or below it.
        let rank = ((0.95 * n as f64).ceil() as usize).clamp(1, n);
        Stats { n, median, p95: v[rank - 1], max: v[n - 1] }
    }
}

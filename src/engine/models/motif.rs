//! A motif detector from a consensus string a user types (e.g. `TATAAA`, the
//! TATA box; IUPAC codes allowed, e.g. `TATAWAWR`).
//!
//! Weights are log-odds against a uniform background, with a pseudocount so
//! a mismatch costs a finite amount:
//! `p_j(b) = (q_j(b) + 0.1) / 1.4`, `w[b, j] = log2(p_j(b) / 0.25)`, where
//! `q_j` is the code's probability over A, C, G, T (1 for a plain letter,
//! 1/2 each for R, 1/4 each for N). An `N` column therefore weighs nothing.
//! The matrix is then scaled and given a bias so that an exact match scores
//! exactly +1 and any single mismatch scores at most -1: after a ReLU the
//! detector fires only on the motif (IUPAC letters match any of their bases).

use crate::engine::nucleotide::{probabilities, ACCEPTED};
use ndarray::Array2;

/// Pseudocount added to every base probability of the consensus.
pub const PSEUDOCOUNT: f32 = 0.1;

/// A parsed consensus and its position weight matrix.
#[derive(Clone, Debug, PartialEq)]
pub struct Motif {
    /// The consensus in upper case.
    pub consensus: String,
    /// `(4, len)` weights, channels A, C, G, T.
    pub weight: Array2<f32>,
    /// Bias that puts an exact match at +1.
    pub bias: f32,
}

impl Motif {
    /// Longest consensus accepted (the filter width follows it).
    pub const MAX_LEN: usize = 31;

    /// Parse a consensus; surrounding whitespace is ignored, lower case accepted.
    pub fn parse(text: &str) -> Result<Motif, String> {
        let t = text.trim();
        if t.is_empty() {
            return Err("type a motif, e.g. TATAAA (the TATA box)".into());
        }
        let n = t.chars().count();
        if n > Self::MAX_LEN {
            return Err(format!("a motif has at most {} letters; this one has {n}", Self::MAX_LEN));
        }
        let mut cols = Vec::with_capacity(n);
        for (i, ch) in t.chars().enumerate() {
            let p = if ch.is_ascii() { probabilities(ch as u8) } else { None };
            match p {
                Some(p) => cols.push(p),
                None => return Err(format!("column {}: {ch:?} is not a nucleotide code ({ACCEPTED})", i + 1)),
            }
        }
        Ok(Self::from_probabilities(t.to_ascii_uppercase(), &cols))
    }

    fn from_probabilities(consensus: String, cols: &[[f32; 4]]) -> Motif {
        let mut weight = Array2::<f32>::zeros((4, cols.len()));
        let mut best = 0f32;
        let mut min_gap = f32::INFINITY;
        for (j, q) in cols.iter().enumerate() {
            let w: [f32; 4] = std::array::from_fn(|b| ((q[b] + PSEUDOCOUNT) / (1.0 + 4.0 * PSEUDOCOUNT) / 0.25).log2());
            let top = w.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            // The cheapest mismatch of this column: its best non-member base.
            let miss = (0..4).filter(|&b| q[b] == 0.0).map(|b| w[b]).fold(f32::NEG_INFINITY, f32::max);
            if miss.is_finite() {
                min_gap = min_gap.min(top - miss);
            }
            best += top;
            for (b, &v) in w.iter().enumerate() {
                weight[(b, j)] = v;
            }
        }
        // Scale so the smallest mismatch cost is 2: exact match +1, one mismatch <= -1.
        let unit = if min_gap.is_finite() && min_gap > 0.0 { min_gap / 2.0 } else { 1.0 };
        weight.mapv_inplace(|v| v / unit);
        let bias = 1.0 - best / unit;
        Motif { consensus, weight, bias }
    }

    pub fn len(&self) -> usize {
        self.weight.ncols()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The smallest odd filter width that holds the motif.
    pub fn odd_width(&self) -> usize {
        self.len() | 1
    }

    /// The weights placed in a `(4, k)` filter (`k >= len`), starting at
    /// column `(k - len) / 2`, zeros elsewhere.
    pub fn filter(&self, k: usize) -> Array2<f32> {
        let off = k.saturating_sub(self.len()) / 2;
        Array2::from_shape_fn(
            (4, k),
            |(b, j)| {
                if j >= off && j - off < self.len() {
                    self.weight[(b, j - off)]
                } else {
                    0.0
                }
            },
        )
    }

    /// The score of the motif placed on `seq` starting at `start` (for tests
    /// and tooltips): `bias + Σ_j w[·, j] · one_hot(seq[start + j])`.
    pub fn score_at(&self, seq: &[u8], start: usize) -> Option<f32> {
        let mut s = self.bias;
        for j in 0..self.len() {
            let p = probabilities(*seq.get(start + j)?)?;
            s += (0..4).map(|b| self.weight[(b, j)] * p[b]).sum::<f32>();
        }
        Some(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tata_box_fires_only_on_an_exact_match() {
        let m = Motif::parse(" tataaa\n").unwrap();
        assert_eq!(m.consensus, "TATAAA");
        assert!((m.score_at(b"TATAAA", 0).unwrap() - 1.0).abs() < 1e-5);
        for mismatch in ["CATAAA", "TATAAT", "TAGAAA"] {
            assert!(m.score_at(mismatch.as_bytes(), 0).unwrap() <= -1.0 + 1e-5, "{mismatch}");
        }
        // An IUPAC consensus matches every base it stands for.
        let w = Motif::parse("TATAWAWR").unwrap();
        for hit in ["TATAAAAG", "TATATATA", "TATAAATA"] {
            assert!((w.score_at(hit.as_bytes(), 0).unwrap() - 1.0).abs() < 1e-4, "{hit}");
        }
        assert!(w.score_at(b"TATACAAG", 0).unwrap() < 0.0);
    }

    #[test]
    fn literal_weights() {
        // numpy: a = 0.1; m = np.log2((1+a)/(1+4*a)/0.25); x = np.log2(a/(1+4*a)/0.25)
        //   m = 1.65208, x = -1.80735, unit u = (m - x)/2 = 1.72972
        //   scaled match m/u = 0.955115, mismatch x/u = -1.044885, bias 1 - 6 m/u = -4.730687
        let m = Motif::parse("TATAAA").unwrap();
        assert!((m.weight[(3, 0)] - 0.955115).abs() < 1e-5);
        assert!((m.weight[(0, 0)] + 1.044885).abs() < 1e-5);
        assert!((m.bias + 4.730687).abs() < 1e-5);
        assert!(Motif::parse("NNN").unwrap().weight.iter().all(|&v| v == 0.0));
    }

    #[test]
    fn refusals_name_the_column() {
        assert!(Motif::parse("TAXA").unwrap_err().contains("column 3"));
        assert!(Motif::parse("").is_err());
        assert!(Motif::parse(&"A".repeat(40)).is_err());
        assert!(Motif::parse("TAéA").unwrap_err().contains("column 3"));
    }

    #[test]
    fn filter_is_centred() {
        let m = Motif::parse("GAATTC").unwrap();
        assert_eq!(m.odd_width(), 7);
        let f = m.filter(9);
        assert_eq!(f.column(0).sum(), 0.0);
        assert_eq!(f.column(1), m.weight.column(0));
    }
}

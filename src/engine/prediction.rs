//! What a classifier's head says, judged by what matters: the predicted
//! class for x and for g·x with its probability (softmax of the scores), and
//! how much the scores moved against how far apart they are. A relative
//! error of 2 % on scores that all sit near the same value can swap the
//! winner; the same 2 % on well separated scores changes nothing.

/// The winning class of some scores and its softmax probability.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prediction {
    pub class: usize,
    pub probability: f64,
}

/// The class with the largest score (the first on a tie) and its softmax
/// probability; `None` for no scores or a non-finite score.
pub fn predict(scores: &[f32]) -> Option<Prediction> {
    if scores.is_empty() || scores.iter().any(|s| !s.is_finite()) {
        return None;
    }
    let (class, &top) = scores.iter().enumerate().fold((0, &scores[0]), |b, (i, s)| if *s > *b.1 { (i, s) } else { b });
    let total: f64 = scores.iter().map(|&s| ((s - top) as f64).exp()).sum();
    Some(Prediction { class, probability: 1.0 / total })
}

/// The head's answer for x and for g·x.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HeadAnswer {
    pub x: Prediction,
    pub gx: Prediction,
    /// `max |s(g·x) − s(x)| / (max s(x) − min s(x))`: how far the scores
    /// moved, against their spread (∞ when all scores of x are equal and
    /// something moved; 0 when nothing moved).
    pub change_vs_spread: f64,
}

impl HeadAnswer {
    pub fn of(scores_x: &[f32], scores_gx: &[f32]) -> Option<HeadAnswer> {
        if scores_x.len() != scores_gx.len() {
            return None;
        }
        let (x, gx) = (predict(scores_x)?, predict(scores_gx)?);
        let change = scores_x.iter().zip(scores_gx).map(|(a, b)| (*a as f64 - *b as f64).abs()).fold(0.0, f64::max);
        let lo = scores_x.iter().copied().fold(f32::INFINITY, f32::min) as f64;
        let hi = scores_x.iter().copied().fold(f32::NEG_INFINITY, f32::max) as f64;
        let change_vs_spread = if change == 0.0 { 0.0 } else { change / (hi - lo).max(0.0) };
        Some(HeadAnswer { x, gx, change_vs_spread })
    }

    /// True when g changed the winning class.
    pub fn flipped(&self) -> bool {
        self.x.class != self.gx.class
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_winner_and_its_probability() {
        let p = predict(&[0.0, 2.0, 1.0]).unwrap();
        assert_eq!(p.class, 1);
        // softmax: e² / (1 + e² + e)
        let want = 2f64.exp() / (1.0 + 2f64.exp() + 1f64.exp());
        assert!((p.probability - want).abs() < 1e-6);
        assert_eq!(predict(&[1.0, 1.0]).unwrap(), Prediction { class: 0, probability: 0.5 });
        assert!(predict(&[]).is_none());
        assert!(predict(&[f32::NAN]).is_none());
    }

    #[test]
    fn a_small_relative_change_can_be_large_against_the_spread() {
        // Scores near 10 apart by 0.1: a 1 % change (0.1) is the whole spread.
        let x = [10.0, 10.1, 10.05];
        let gx = [10.1, 10.0, 10.05];
        let a = HeadAnswer::of(&x, &gx).unwrap();
        assert!(a.flipped());
        assert!((a.change_vs_spread - 1.0).abs() < 1e-4, "{}", a.change_vs_spread);
        // Well separated scores: the same change is a tenth of the spread.
        let a = HeadAnswer::of(&[0.0, 1.0], &[0.1, 1.0]).unwrap();
        assert!(!a.flipped());
        assert!((a.change_vs_spread - 0.1).abs() < 1e-6);
        assert_eq!(HeadAnswer::of(&[1.0, 2.0], &[1.0, 2.0]).unwrap().change_vs_spread, 0.0);
        assert!(HeadAnswer::of(&[1.0], &[1.0, 2.0]).is_none());
    }
}

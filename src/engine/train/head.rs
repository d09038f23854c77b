//! The trainable part: a linear softmax classifier on fixed features,
//! `p = softmax(W f + b)`, trained by minibatch gradient descent on the
//! cross-entropy `−log p_y` with a little weight decay.
//!
//! Why it can become invariant: if every batch holds a sample together with
//! all its copies under a group whose action on the features is a permutation
//! `P_g`, the batch gradient is unchanged by `W → W P_g`, so gradient steps
//! only grow the invariant part of `W`; weight decay shrinks the rest, which
//! is where the random start lives. So the error falls with epochs, but never
//! to exactly zero, and only as far as the features really move by a
//! permutation (a generic conv body does not, under quarter turns).

use crate::engine::rng::Rng;
use ndarray::{Array1, Array2, ArrayView1};

/// `W` (classes × features) and `b`.
#[derive(Clone, Debug, PartialEq)]
pub struct SoftmaxHead {
    pub weight: Array2<f32>,
    pub bias: Array1<f32>,
}

impl SoftmaxHead {
    /// Small random weights from `rng` (the same start for both heads of a run).
    pub fn new(rng: &mut Rng, classes: usize, features: usize) -> Self {
        let w: Vec<f32> = (0..classes * features).map(|_| rng.symmetric(0.5 / (features as f32).sqrt())).collect();
        SoftmaxHead {
            weight: Array2::from_shape_vec((classes, features), w).expect("length matches shape"),
            bias: Array1::zeros(classes),
        }
    }

    /// The class scores `W f + b`.
    pub fn logits(&self, f: ArrayView1<f32>) -> Array1<f32> {
        self.weight.dot(&f) + &self.bias
    }

    /// One gradient step on a batch of `(features, label)`; returns the
    /// batch's mean cross-entropy before the step.
    pub fn step(&mut self, batch: &[(ArrayView1<f32>, usize)], lr: f32, weight_decay: f32) -> f32 {
        if batch.is_empty() {
            return 0.0;
        }
        let mut gw = Array2::<f32>::zeros(self.weight.raw_dim());
        let mut gb = Array1::<f32>::zeros(self.bias.raw_dim());
        let mut loss = 0.0;
        for (f, y) in batch {
            let p = softmax(&self.logits(*f));
            loss -= p.get(*y).copied().unwrap_or(1.0).max(1e-12).ln();
            let mut d = p;
            if let Some(v) = d.get_mut(*y) {
                *v -= 1.0;
            }
            // gw += d fᵀ, row by row (no temporary outer product).
            for (mut row, &dk) in gw.rows_mut().into_iter().zip(d.iter()) {
                row.scaled_add(dk, f);
            }
            gb += &d;
        }
        let n = batch.len() as f32;
        self.weight *= 1.0 - lr * weight_decay;
        self.weight.scaled_add(-lr / n, &gw);
        self.bias.scaled_add(-lr / n, &gb);
        loss / n
    }

    /// Mean cross-entropy and accuracy over `(features, label)` pairs.
    pub fn evaluate<'a>(&self, data: impl Iterator<Item = (ArrayView1<'a, f32>, usize)>) -> (f32, f32) {
        let (mut loss, mut right, mut n) = (0.0, 0usize, 0usize);
        for (f, y) in data {
            let z = self.logits(f);
            let p = softmax(&z);
            loss -= p.get(y).copied().unwrap_or(1.0).max(1e-12).ln();
            right += usize::from(argmax(&z) == y);
            n += 1;
        }
        let n = n.max(1) as f32;
        (loss / n, right as f32 / n)
    }
}

/// `exp(z − max z) / Σ`, stable for large scores.
pub fn softmax(z: &Array1<f32>) -> Array1<f32> {
    let m = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let e = z.mapv(|v| (v - m).exp());
    let s = e.sum().max(f32::MIN_POSITIVE);
    e / s
}

/// Index of the largest score (the first on ties).
pub fn argmax(z: &Array1<f32>) -> usize {
    z.iter().enumerate().fold((0, f32::NEG_INFINITY), |best, (i, &v)| if v > best.1 { (i, v) } else { best }).0
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn softmax_literal() {
        // numpy: e = np.exp([1, 2, 3] - 3.0); e / e.sum() -> [0.09003057, 0.24472847, 0.66524096]
        let p = softmax(&array![1.0, 2.0, 3.0]);
        for (a, b) in p.iter().zip([0.090_030_57, 0.244_728_47, 0.665_240_96]) {
            assert!((a - b).abs() < 1e-6);
        }
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let mut rng = Rng::new(2);
        let head = SoftmaxHead::new(&mut rng, 3, 4);
        let f = array![0.3, -0.2, 0.5, 0.1];
        let loss = |h: &SoftmaxHead| -softmax(&h.logits(f.view()))[1].ln();
        let mut stepped = head.clone();
        stepped.step(&[(f.view(), 1)], 1.0, 0.0);
        // The step moved W by −∇; compare one entry with a central difference.
        let eps = 1e-3;
        let (mut up, mut down) = (head.clone(), head.clone());
        up.weight[(2, 0)] += eps;
        down.weight[(2, 0)] -= eps;
        let numeric = (loss(&up) - loss(&down)) / (2.0 * eps);
        let analytic = head.weight[(2, 0)] - stepped.weight[(2, 0)];
        assert!((numeric - analytic).abs() < 1e-3, "{numeric} vs {analytic}");
    }
}

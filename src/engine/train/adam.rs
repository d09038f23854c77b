//! Adam with decoupled weight decay (AdamW; Kingma & Ba 2015, Loshchilov &
//! Hutter 2019): for every parameter entry, with gradient `g` at step `t`,
//!
//! ```text
//! m ← β₁ m + (1 − β₁) g          v ← β₂ v + (1 − β₂) g²
//! θ ← θ − lr · ( m / (1 − β₁ᵗ) / (√(v / (1 − β₂ᵗ)) + ε) + λ θ )
//! ```
//!
//! A step size per entry from its own gradient history is what lets one
//! learning rate serve a 1-channel first layer and a 10 × 8192 dense layer.

use crate::engine::space::Tensor;
use ndarray::Zip;

/// The optimiser state for a list of parameters.
#[derive(Clone, Debug)]
pub struct Adam {
    pub beta1: f32,
    pub beta2: f32,
    pub eps: f32,
    /// Decoupled weight decay `λ` (per unit of learning rate).
    pub weight_decay: f32,
    m: Vec<Tensor>,
    v: Vec<Tensor>,
    t: i32,
}

impl Adam {
    /// Fresh state for parameters shaped like `params`.
    pub fn new(params: &[Tensor], weight_decay: f32) -> Self {
        let zeros: Vec<Tensor> = params.iter().map(|p| Tensor::zeros(p.raw_dim())).collect();
        Adam { beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay, m: zeros.clone(), v: zeros, t: 0 }
    }

    /// One step of size `lr` along the gradients `grads` (shaped like `params`).
    pub fn step(&mut self, params: &mut [Tensor], grads: &[Tensor], lr: f32) {
        self.t += 1;
        let (b1, b2, eps, wd) = (self.beta1, self.beta2, self.eps, self.weight_decay);
        let c1 = 1.0 - b1.powi(self.t);
        let c2 = 1.0 - b2.powi(self.t);
        for (((p, g), m), v) in params.iter_mut().zip(grads).zip(&mut self.m).zip(&mut self.v) {
            Zip::from(p).and(g).and(m).and(v).for_each(|p, &g, m, v| {
                *m = b1 * *m + (1.0 - b1) * g;
                *v = b2 * *v + (1.0 - b2) * g * g;
                *p -= lr * ((*m / c1) / ((*v / c2).sqrt() + eps) + wd * *p);
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_step_moves_every_entry_by_about_lr_against_its_gradient() {
        // After one step m̂ = g and v̂ = g², so the move is lr · g / (|g| + ε) ≈ lr · sign(g).
        let mut p = vec![Tensor::from_shape_vec(vec![3], vec![1.0, -2.0, 0.5]).unwrap()];
        let g = vec![Tensor::from_shape_vec(vec![3], vec![0.3, -4.0, 0.0]).unwrap()];
        let mut adam = Adam::new(&p, 0.0);
        adam.step(&mut p, &g, 0.1);
        let got: Vec<f32> = p[0].iter().copied().collect();
        assert!((got[0] - 0.9).abs() < 1e-6 && (got[1] + 1.9).abs() < 1e-6 && got[2] == 0.5, "{got:?}");
    }

    #[test]
    fn adam_minimises_a_quadratic() {
        // L = Σ (θ − 3)², gradient 2(θ − 3).
        let mut p = vec![Tensor::zeros(vec![4])];
        let mut adam = Adam::new(&p, 0.0);
        for _ in 0..500 {
            let g = vec![p[0].mapv(|t| 2.0 * (t - 3.0))];
            adam.step(&mut p, &g, 0.05);
        }
        assert!(p[0].iter().all(|&t| (t - 3.0).abs() < 1e-2), "{p:?}");
    }
}

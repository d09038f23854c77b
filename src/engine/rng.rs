//! Seeded, portable random numbers: the same seed gives the same weights,
//! inputs and permutations on every machine and in the browser, so a shared
//! link (`seed=N`) reproduces the view exactly.

use rand_core::{RngCore, SeedableRng};
use rand_pcg::Pcg32;

/// A small seeded generator (PCG32).
pub struct Rng(Pcg32);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(Pcg32::seed_from_u64(seed))
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f32 {
        (self.0.next_u32() >> 8) as f32 / (1u32 << 24) as f32
    }

    /// Uniform in `[-a, a)`.
    pub fn symmetric(&mut self, a: f32) -> f32 {
        (2.0 * self.unit() - 1.0) * a
    }

    /// Uniform integer in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.0.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// A uniformly random permutation of `0..n` (Fisher–Yates).
    pub fn permutation(&mut self, n: usize) -> Vec<usize> {
        let mut p: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            let j = self.below(i + 1);
            p.swap(i, j);
        }
        p
    }

    /// `n` weights for a layer with `fan_in` inputs per output (He uniform),
    /// large enough that activations stay visible after a few layers.
    pub fn weights(&mut self, n: usize, fan_in: usize) -> Vec<f32> {
        let bound = (6.0 / fan_in.max(1) as f32).sqrt();
        (0..n).map(|_| self.symmetric(bound)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permutation_is_a_bijection_and_reproducible() {
        let p = Rng::new(7).permutation(50);
        let mut s = p.clone();
        s.sort();
        assert_eq!(s, (0..50).collect::<Vec<_>>());
        assert_eq!(p, Rng::new(7).permutation(50));
    }
}

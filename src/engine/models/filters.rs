//! Filter banks: seeded random filters, hand-made ones a learner can read
//! (edge, blob and isotropic detectors), and D4-symmetrised filters (claim I7:
//! a convolution commutes with rot90 exactly when its filters are symmetric).

use crate::engine::grid_group::{transform_plane, GridGroup};
use crate::engine::rng::Rng;
use ndarray::{array, Array2, Array4};

/// Where a convolution's filters come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FilterSource {
    /// Random from the seed: a generic filter, not rot90-symmetric.
    Random,
    /// Hand-made: edge detectors, a blob detector, isotropic blurs.
    HandMade,
    /// Random, then averaged over the 8 symmetries of the square.
    Symmetric,
    /// Learned on generated handwritten digits (`models::image::trained`): a
    /// classifier of the digits 0–9. Its weights do not depend on the seed.
    Trained,
}

impl FilterSource {
    pub const ALL: [FilterSource; 4] =
        [FilterSource::Random, FilterSource::HandMade, FilterSource::Symmetric, FilterSource::Trained];

    pub fn name(self) -> &'static str {
        match self {
            FilterSource::Random => "random",
            FilterSource::HandMade => "handmade",
            FilterSource::Symmetric => "symmetric",
            FilterSource::Trained => "trained",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        FilterSource::ALL.into_iter().find(|f| f.name() == s)
    }
}

/// The hand-made 3×3 filters with their names, in the order used by the first layer.
pub fn hand_made_bank() -> Vec<(&'static str, Array2<f32>)> {
    let sobel_x = array![[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]] / 4.0;
    let sobel_y = sobel_x.t().to_owned();
    let diag = array![[0.0, 1.0, 2.0], [-1.0, 0.0, 1.0], [-2.0, -1.0, 0.0]] / 4.0;
    let anti = array![[-2.0, -1.0, 0.0], [-1.0, 0.0, 1.0], [0.0, 1.0, 2.0]] / 4.0;
    let blob = array![[-1.0, -1.0, -1.0], [-1.0, 8.0, -1.0], [-1.0, -1.0, -1.0]] / 8.0;
    let laplace = array![[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 1.0, 0.0]] / 4.0;
    let gauss = array![[1.0, 2.0, 1.0], [2.0, 4.0, 2.0], [1.0, 2.0, 1.0]] / 16.0;
    let box_ = Array2::from_elem((3, 3), 1.0 / 9.0);
    vec![
        ("vertical edge (Sobel x)", sobel_x),
        ("horizontal edge (Sobel y)", sobel_y),
        ("diagonal edge ↗", diag),
        ("diagonal edge ↘", anti),
        ("blob detector (centre-surround)", blob),
        ("Laplacian", laplace),
        ("isotropic blur (Gaussian)", gauss),
        ("box blur", box_),
    ]
}

/// Average a filter over the group: the result is invariant under every element.
pub fn symmetrize(f: &Array2<f32>, group: GridGroup) -> Array2<f32> {
    let els = group.elements();
    let mut acc = Array2::zeros(f.dim());
    for m in &els {
        acc += &transform_plane(f.view(), *m);
    }
    acc / els.len() as f32
}

/// Filters `(out, in, k, k)` for a convolution. Trained filters come whole
/// from [`super::trained`]; asked for here (no network for the preset) they
/// are random.
pub fn conv_filters(
    source: FilterSource,
    out: usize,
    inp: usize,
    k: usize,
    rng: &mut Rng,
    layer: usize,
) -> Array4<f32> {
    match source {
        FilterSource::Random | FilterSource::Trained => random_filters(out, inp, k, rng),
        FilterSource::Symmetric => {
            let mut w = random_filters(out, inp, k, rng);
            for mut o in w.outer_iter_mut() {
                for mut plane in o.outer_iter_mut() {
                    let s = symmetrize(&plane.to_owned(), GridGroup::D4);
                    plane.assign(&s);
                }
            }
            // Symmetrising shrinks the filters; restore a visible scale.
            w * 2.0
        }
        FilterSource::HandMade => hand_made_filters(out, inp, k, layer),
    }
}

fn random_filters(out: usize, inp: usize, k: usize, rng: &mut Rng) -> Array4<f32> {
    let v = rng.weights(out * inp * k * k, inp * k * k);
    Array4::from_shape_vec((out, inp, k, k), v).expect("length matches shape")
}

/// First layer: the named bank (cycled); later layers: channel `o` blurs its
/// own input channel, so the hand-made network stays readable.
fn hand_made_filters(out: usize, inp: usize, k: usize, layer: usize) -> Array4<f32> {
    let bank = hand_made_bank();
    let mut w = Array4::zeros((out, inp, k, k));
    let off = (k - 3) / 2;
    let mut put = |o: usize, i: usize, f: &Array2<f32>| {
        for ((u, v), &x) in f.indexed_iter() {
            w[(o, i, u + off, v + off)] = x;
        }
    };
    for o in 0..out {
        if layer == 0 {
            for i in 0..inp {
                put(o, i, &bank[o % bank.len()].1);
            }
        } else {
            put(o, o % inp, &bank[6].1);
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::grid_group::Mat2;

    #[test]
    fn symmetrised_filters_are_rot90_invariant() {
        let mut rng = Rng::new(3);
        let w = conv_filters(FilterSource::Symmetric, 2, 2, 3, &mut rng, 0);
        for o in w.outer_iter() {
            for p in o.outer_iter() {
                let r = transform_plane(p, Mat2::ROT90);
                assert!(r.iter().zip(p.iter()).all(|(a, b)| (a - b).abs() < 1e-6));
            }
        }
    }
}

//! Claim C1 for the image group (cyclic shifts ⋊ D4): composition, inverses,
//! the normal form agreeing with the word, and D4 not commuting.

mod common;

use common::*;
use proptest::prelude::*;
use symmetry_lab::engine::check::relative_error;
use symmetry_lab::engine::grid_group::GridGroup;
use symmetry_lab::engine::transform::{Fill, Step, Transform};

fn image_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (-12i32..12, -12i32..12).prop_map(|(dx, dy)| Step::Shift { dx, dy, fill: Fill::Cyclic }),
        (0usize..8).prop_map(|k| Step::Point(GridGroup::D4.elements()[k])),
    ]
}

fn word() -> impl Strategy<Value = Transform> {
    proptest::collection::vec(image_step(), 0..6).prop_map(|steps| Transform { steps })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn c1_composition_and_inverse((seed, n) in seed_and_even_size(), g in word(), h in word()) {
        let x = random_image(1, n, seed);
        // Acting with h then g equals acting with the composed word.
        let two_steps = g.act(&h.act(&x).unwrap()).unwrap();
        let composed = h.then(&g).act(&x).unwrap();
        prop_assert_eq!(&two_steps.data, &composed.data);
        // The simplified normal form acts the same as the word.
        let simple = h.then(&g).simplified().act(&x).unwrap();
        prop_assert!(relative_error(&simple.data, &composed.data) < 1e-6, "{} vs {}", h.then(&g), h.then(&g).simplified());
        // g⁻¹(g x) = x.
        let back = g.inverse().unwrap().act(&g.act(&x).unwrap()).unwrap();
        prop_assert_eq!(&back.data, &x.data);
    }
}

#[test]
fn c1_d4_is_not_commutative() {
    let x = random_image(1, 8, 3);
    let rot = Transform::single(Step::Point(GridGroup::D4.elements()[1]));
    let flip = Transform::single(Step::Point(GridGroup::D4.elements()[4]));
    let a = rot.then(&flip).act(&x).unwrap();
    let b = flip.then(&rot).act(&x).unwrap();
    assert!(relative_error(&a.data, &b.data) > 0.1);
}

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

/// Where output pixel `(i, j)` of one step's action reads from, written out
/// from the definitions and not through the engine's action: a cyclic shift
/// by `(dx, dy)` reads `(i − dy, j − dx)` wrapped; a point symmetry M about
/// the centre reads `M⁻¹ p` in centred coordinates (doubled, so that an even
/// side's half-pixel centre stays an integer: X = 2j − (n − 1), Y = 2i − (n − 1)).
fn source_of(step: &Step, n: usize, (i, j): (usize, usize)) -> (usize, usize) {
    let n = n as i64;
    match step {
        Step::Shift { dx, dy, .. } => {
            ((i as i64 - *dy as i64).rem_euclid(n) as usize, (j as i64 - *dx as i64).rem_euclid(n) as usize)
        }
        Step::Point(m) => {
            let inv = m.inverse();
            let (x, y) = (2 * j as i64 - (n - 1), 2 * i as i64 - (n - 1));
            let (sx, sy) = (inv.a as i64 * x + inv.b as i64 * y, inv.c as i64 * x + inv.d as i64 * y);
            (((sy + n - 1) / 2) as usize, ((sx + n - 1) / 2) as usize)
        }
        other => panic!("not an image step: {other:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// C1 against an independent computation: a word acts as the composition
    /// of its steps' index maps (the last step's map read first), computed
    /// here from the definitions, pixel by pixel. Since `h.then(g)` is a word,
    /// this also checks g(h x) = (gh) x without the engine's composition.
    #[test]
    fn c1_a_word_acts_as_the_composition_of_its_steps((seed, n) in seed_and_even_size(), w in word()) {
        let x = random_image(1, n, seed);
        let got = w.act(&x).unwrap();
        for i in 0..n {
            for j in 0..n {
                let src = w.steps.iter().rev().fold((i, j), |p, step| source_of(step, n, p));
                prop_assert_eq!(got.data[[0, i, j]], x.data[[0, src.0, src.1]], "{} at ({}, {})", w, i, j);
            }
        }
    }

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

mod explorer {
    //! C1 over every group of the explorer: the Cayley table, built by acting
    //! on a probe, agrees with acting on random signals of the same lab.

    use ndarray::{Array2, Array3};
    use proptest::prelude::*;
    use std::sync::Arc;
    use symmetry_lab::engine::check::relative_error;
    use symmetry_lab::engine::graph::Graph;
    use symmetry_lab::engine::groups::{FiniteGroup, GroupKind};
    use symmetry_lab::engine::nucleotide;
    use symmetry_lab::engine::rng::Rng;
    use symmetry_lab::engine::space::{Signal, Space};

    /// A random signal of the kind the group acts on.
    fn random_signal(kind: GroupKind, seed: u64) -> Signal {
        let mut rng = Rng::new(seed);
        match kind {
            GroupKind::Cyclic(n) => {
                let s: String = (0..n).map(|_| ['A', 'C', 'G', 'T'][rng.below(4)]).collect();
                nucleotide::encode(&s).unwrap()
            }
            GroupKind::ReverseComplement => {
                let s: String = (0..9).map(|_| ['A', 'C', 'G', 'T'][rng.below(4)]).collect();
                nucleotide::encode(&s).unwrap()
            }
            GroupKind::C4 | GroupKind::D4 => Signal::image(Array3::from_shape_fn((2, 6, 6), |_| rng.symmetric(1.0))),
            GroupKind::Symmetric(n) => {
                let edges = (0..n)
                    .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
                    .filter(|_| rng.unit() < 0.5)
                    .map(|(a, b)| (a, b, 1.0))
                    .collect::<Vec<_>>();
                let x = Array2::from_shape_fn((n, 2), |_| rng.symmetric(1.0));
                Signal::new(x.into_dyn(), Space::Nodes { graph: Arc::new(Graph::new(n, edges)) })
            }
        }
    }

    fn groups() -> impl Strategy<Value = GroupKind> {
        prop_oneof![
            (2usize..10).prop_map(GroupKind::Cyclic),
            Just(GroupKind::C4),
            Just(GroupKind::D4),
            Just(GroupKind::ReverseComplement),
            Just(GroupKind::Symmetric(3)),
            Just(GroupKind::Symmetric(4)),
        ]
    }

    fn same(a: &Signal, b: &Signal) -> bool {
        a.data.shape() == b.data.shape() && relative_error(&a.data, &b.data) < 1e-6
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn c1_holds_in_every_group(kind in groups(), seed in any::<u64>(), a in any::<usize>(), b in any::<usize>(), c in any::<usize>()) {
            let g = FiniteGroup::new(kind);
            let n = g.order();
            let (a, b, c) = (a % n, b % n, c % n);
            let x = random_signal(kind, seed);
            let act = |i: usize, s: &Signal| g.elements[i].transform.act(s).unwrap();
            // g(h x) = (g h) x, with g·h read off the Cayley table.
            prop_assert!(same(&act(a, &act(b, &x)), &act(g.cayley()[a][b], &x)));
            // g⁻¹(g x) = x and the identity is neutral.
            prop_assert!(same(&act(g.inverse(a), &act(a, &x)), &x));
            prop_assert!(same(&act(0, &x), &x));
            // Associativity of the table.
            let t = g.cayley();
            prop_assert_eq!(t[t[a][b]][c], t[a][t[b][c]]);
            // Orbit-stabiliser: |orbit| · |stabiliser| = |G|.
            let orbit = g.orbit(&x);
            let stabiliser = orbit.iter().find(|(_, who)| who.contains(&0)).map(|(_, who)| who.len()).unwrap();
            prop_assert_eq!(orbit.len() * stabiliser, n);
        }
    }

    #[test]
    fn d4_and_s3_do_not_commute_but_rotations_do() {
        let d4 = FiniteGroup::new(GroupKind::D4);
        let idx = |name: &str| d4.elements.iter().position(|e| e.name == name).unwrap();
        let (r, f) = (idx("rot90"), idx("flipx"));
        assert!(!d4.commute(r, f), "rotate then flip differs from flip then rotate");
        assert!(d4.commute(r, idx("rot180")));
        let x = d4.probe().clone();
        let rf = d4.elements[r].transform.act(&d4.elements[f].transform.act(&x).unwrap()).unwrap();
        let fr = d4.elements[f].transform.act(&d4.elements[r].transform.act(&x).unwrap()).unwrap();
        assert!(!same(&rf, &fr));
        assert!(!FiniteGroup::new(GroupKind::Symmetric(3)).is_commutative());
        assert!(FiniteGroup::new(GroupKind::Cyclic(7)).is_commutative());
    }

    #[test]
    fn a_symmetric_input_has_a_smaller_orbit() {
        // A palindrome under RC: orbit of size 1, stabiliser the whole group.
        let rc = FiniteGroup::new(GroupKind::ReverseComplement);
        let pal = nucleotide::encode("GAATTC").unwrap();
        assert_eq!(rc.orbit(&pal).len(), 1);
        assert_eq!(rc.orbit(&nucleotide::encode("GATTACA").unwrap()).len(), 2);
    }
}

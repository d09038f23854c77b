//! The augmentation lab's claims, over random seeds, each with its negative:
//! augmentation over the whole group makes a head approximately (not exactly)
//! invariant where the plain head is not; an invariant body makes every head
//! exactly invariant, trained or not; training lowers the loss; a run is
//! reproducible from its seed and does not depend on how it is chunked.

use proptest::prelude::*;
use symmetry_lab::engine::check::{Verdict, EXACT};
use symmetry_lab::engine::models::image::ImageArch;
use symmetry_lab::engine::train::trainer::{AUGMENTED, PLAIN};
use symmetry_lab::engine::train::{AugGroup, TrainConfig, Trainer};
use symmetry_lab::io::transform_expr::{parse, Domain};

fn config(arch: ImageArch, group: AugGroup, g: &str, seed: u64) -> TrainConfig {
    TrainConfig {
        arch,
        group,
        copies: group.order() - 1,
        g: parse(g, Domain::Image).expect("a valid g"),
        seed,
        per_class: 6,
        // 48 test letters: with 16, one letter more or less (6 %) decided
        // whether augmentation "won" on some seeds (seed 356 once).
        test_per_class: 12,
        ..TrainConfig::default()
    }
}

/// Bounds of the augmentation claim on [`SEEDS`]. Measured there: the mean
/// augmented / plain invariance error is 0.457, the accuracy on turned
/// letters 0.604 with copies against 0.252 without (a gain of 0.35). The
/// runs are deterministic, so the bounds decide nothing by luck; they keep a
/// margin for changes of the trainer that do not change the claim.
const RATIO_BOUND: f64 = 0.6;
const ACCURACY_GAIN: f64 = 0.2;

fn trained(cfg: TrainConfig, epochs: usize) -> Trainer {
    let mut t = Trainer::new(cfg).expect("g acts on images");
    t.run(epochs).expect("the body runs");
    t
}

/// The fixed seeds of the statistical claim below: twelve runs, stated here
/// so that the claim is measured on the same draws every time.
const SEEDS: std::ops::Range<u64> = 0..12;

/// Copies under all of C4 leave the head far more invariant to rot90 than no
/// copies, yet not exactly invariant (a generic conv body does not turn its
/// features by a permutation). A statement about training on 24 letters holds
/// on average, not for every seed (about one seed in 30 comes out the other
/// way), so it is checked on the mean over the twelve fixed [`SEEDS`], with
/// the margin measured there (printed with `--nocapture`); the exact parts
/// hold for each seed.
#[test]
fn augmentation_lowers_the_invariance_error_but_not_to_zero() {
    let n = (SEEDS.end - SEEDS.start) as f64;
    let (mut ratio, mut acc_plain, mut acc_aug) = (0.0, 0.0, 0.0);
    for s in SEEDS {
        let t = trained(config(ImageArch::CnnFlatten, AugGroup::Rot90, "rot90", s), 25);
        let st = t.history.last().unwrap();
        ratio += st.invariance[AUGMENTED] / st.invariance[PLAIN] / n;
        acc_plain += f64::from(st.acc_gx[PLAIN]) / n;
        acc_aug += f64::from(st.acc_gx[AUGMENTED]) / n;
        assert!(st.invariance[AUGMENTED] > EXACT, "seed {s}: {st:?}");
        // The negative: the plain head is far from invariant, and the check says so.
        assert!(st.invariance[PLAIN] > 0.2, "seed {s}: {st:?}");
        let last = t.check(PLAIN, 0).unwrap().checks.pop().unwrap();
        assert_ne!(last.verdict, Verdict::Invariant, "seed {s}");
    }
    println!("seeds {SEEDS:?}: mean augmented / plain invariance error {ratio:.3}; accuracy on g·x {acc_aug:.3} vs {acc_plain:.3}");
    assert!(ratio < RATIO_BOUND, "mean augmented / plain invariance error {ratio} over seeds {SEEDS:?}");
    // Copies help where it counts: accuracy on turned letters.
    assert!(acc_aug > acc_plain + ACCURACY_GAIN, "accuracy on g·x: augmented {acc_aug}, plain {acc_plain}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    /// An invariant body makes any head exactly invariant, at every epoch,
    /// with or without copies: p4cnn under quarter turns, cnn-gap under
    /// shifts by a multiple of its pooling stride 2 (claim I4: odd shifts break it).
    #[test]
    fn an_invariant_body_gives_zero_error_for_any_head(seed in 0u64..1000, dx in -3i32..4, dy in -3i32..4) {
        let shift = format!("shift({},{})", 2 * dx, 2 * dy);
        for (arch, g) in [(ImageArch::P4Cnn, "rot90"), (ImageArch::CnnGap, shift.as_str())] {
            let mut t = trained(config(arch, AugGroup::Flips, g, seed), 0);
            for epochs in [0, 3] {
                t.run(epochs).unwrap();
                let s = t.history.last().unwrap();
                prop_assert!(s.invariance[PLAIN] < EXACT && s.invariance[AUGMENTED] < EXACT, "{} {g} {s:?}", arch.name());
                prop_assert_eq!(s.acc_x, s.acc_gx);
                for h in [PLAIN, AUGMENTED] {
                    prop_assert_eq!(t.check(h, 1).unwrap().checks.last().unwrap().verdict, Verdict::Invariant);
                }
            }
        }
        // The negatives: cnn-gap is not invariant to a quarter turn, nor to an odd shift.
        for g in ["rot90", "shift(1,0)"] {
            let t = trained(config(ImageArch::CnnGap, AugGroup::Flips, g, seed), 0);
            prop_assert!(t.history[0].invariance[PLAIN] > 1e-2, "{g}");
        }
    }

    /// Gradient descent lowers both heads' training loss.
    #[test]
    fn training_lowers_the_loss(seed in 0u64..1000) {
        let t = trained(config(ImageArch::CnnFlatten, AugGroup::Flips, "flipx", seed), 12);
        let (first, last) = (t.history[0], *t.history.last().unwrap());
        for h in [PLAIN, AUGMENTED] {
            prop_assert!(last.loss[h] < 0.8 * first.loss[h], "{first:?} {last:?}");
        }
    }

    /// Same seed, same run, however it is chunked; another seed, another run.
    #[test]
    fn runs_are_reproducible_and_chunking_changes_nothing(seed in 0u64..1000) {
        let cfg = config(ImageArch::CnnFlatten, AugGroup::Shifts, "shift(4,0)", seed);
        let a = trained(cfg.clone(), 4);
        let mut b = Trainer::new(cfg.clone()).unwrap();
        let mut calls = 0;
        while b.epochs() < 4 || !b.ready() {
            let done = b.step(4, &mut || false).unwrap();
            prop_assert_eq!(done, 1);
            calls += 1;
        }
        prop_assert!(calls > 4);
        prop_assert_eq!(&a.history, &b.history);
        prop_assert_eq!(&a.heads, &b.heads);
        let c = trained(TrainConfig { seed: seed + 1, ..cfg }, 4);
        prop_assert_ne!(&a.history, &c.history);
    }
}

/// Full orbits by default, a random subset when fewer copies are asked for.
#[test]
fn copies_are_the_groups_elements() {
    let t = Trainer::new(config(ImageArch::CnnGap, AugGroup::Rot90, "rot90", 3)).unwrap();
    assert!(t.copies.iter().all(|c| c == &vec![1, 2, 3]));
    let few =
        Trainer::new(TrainConfig { copies: 1, ..config(ImageArch::CnnGap, AugGroup::Shifts, "rot90", 3) }).unwrap();
    assert!(few.copies.iter().all(|c| c.len() == 1 && c[0] > 0));
    // Training letters and their one copy, test letters and their g·x: 4 classes each.
    assert_eq!(few.prepared().1, 4 * 6 + 4 * 6 + 4 * 12 + 4 * 12);
}

//! Claims D1–D5 of DESIGN.md over random sequences and weights, each with
//! its negative (a check that always answered "equivariant" would fail),
//! plus palindromes and the composition of `rc` and `shift(k)`.

mod common;

use common::*;
use ndarray::{Array1, Array3};
use proptest::prelude::*;
use std::sync::Arc;
use symmetry_lab::engine::check::{relative_error, Verdict};
use symmetry_lab::engine::kernels::conv1d::Padding;
use symmetry_lab::engine::layers::activation::Activation;
use symmetry_lab::engine::layers::conv1d::Conv1d;
use symmetry_lab::engine::layers::global_pool::GlobalPool;
use symmetry_lab::engine::layers::rc_conv1d::{pair_pairing, rc_filters, RcConv1d};
use symmetry_lab::engine::layers::{identity_pairing, Layer};
use symmetry_lab::engine::models::dna::{build, DnaArch, DnaModelConfig};
use symmetry_lab::engine::models::motif::Motif;
use symmetry_lab::engine::nucleotide::{encode, reverse_complement, ONE_HOT_PAIRING};
use symmetry_lab::engine::rng::Rng;
use symmetry_lab::engine::space::{Signal, Space};
use symmetry_lab::engine::transform::{Step, Transform};
use symmetry_lab::io::transform_expr::{parse, Domain};

/// Any accepted sequence, IUPAC codes included.
fn iupac_seq() -> impl Strategy<Value = String> {
    "[ACGTNRYSWKMBDHVacgt]{6,48}"
}

/// Plain A/C/G/T sequences (no all-N input that RC leaves unchanged).
fn acgt_seq() -> impl Strategy<Value = String> {
    "[ACGT]{8,48}"
}

fn padding() -> impl Strategy<Value = Padding> {
    prop_oneof![Just(Padding::Circular), Just(Padding::Zero)]
}

fn weights(seed: u64, f: usize, c: usize, k: usize) -> (Array3<f32>, Array1<f32>) {
    let mut rng = Rng::new(seed);
    let w = Array3::from_shape_vec((f, c, k), rng.weights(f * c * k, c * k)).unwrap();
    (w, Array1::from(rng.weights(f, c * k)))
}

fn conv(seed: u64, cin: usize, cout: usize, k: usize, pad: Padding) -> Arc<dyn Layer> {
    let (w, b) = weights(seed, cout, cin, k);
    Arc::new(Conv1d::new(w, b, pad))
}

fn rc_conv(seed: u64, pairing: Vec<usize>, filters: usize, k: usize, pad: Padding) -> Arc<dyn Layer> {
    let (w, b) = weights(seed, filters, pairing.len(), k);
    Arc::new(RcConv1d::new(w, b, pad, pairing))
}

fn rc() -> Transform {
    Transform::single(Step::ReverseComplement)
}

fn shift(k: i32) -> Transform {
    Transform::single(Step::Roll { k })
}

fn odd_kernel() -> impl Strategy<Value = usize> {
    (0usize..5).prop_map(|h| 2 * h + 1)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// D1: circular conv1d commutes with every cyclic shift, through a stack;
    /// with zero padding the ends break it.
    #[test]
    fn d1_circular_conv1d_is_shift_equivariant(seq in iupac_seq(), seed in any::<u64>(), k in odd_kernel(), s in -100i32..100) {
        let x = encode(&seq).unwrap();
        let l = seq.len() as i32;
        let layers = vec![conv(seed, 4, 3, k, Padding::Circular), Arc::new(Activation::Relu), conv(seed ^ 1, 3, 2, 3, Padding::Circular)];
        let c = checks(layers, &x, &shift(s));
        for lc in &c {
            prop_assert!(lc.equivariance_error.unwrap() < EXACT, "{} {}", lc.kind, lc.equivariance_error.unwrap());
        }
        if s.rem_euclid(l) != 0 {
            let zero = checks(vec![conv(seed, 4, 3, k.max(3), Padding::Zero)], &x, &shift(s));
            prop_assert!(zero[0].equivariance_error.unwrap() > EXACT, "zero padding must break at the ends");
        }
    }

    /// D2: RC reverses positions and channels of the one-hot encoding,
    /// RC∘RC = id, and RC(encode(s)) = encode(reverse_complement(s)).
    #[test]
    fn d2_reverse_complement_on_one_hot(seq in iupac_seq()) {
        let x = encode(&seq).unwrap();
        let y = rc().act(&x).unwrap();
        let l = seq.len();
        for c in 0..4 {
            for i in 0..l {
                prop_assert_eq!(y.data[[c, i]], x.data[[3 - c, l - 1 - i]]);
            }
        }
        prop_assert_eq!(&rc().act(&y).unwrap().data, &x.data);
        prop_assert_eq!(&y.data, &encode(&reverse_complement(&seq)).unwrap().data);
        prop_assert_eq!(reverse_complement(&reverse_complement(&seq)), seq.clone());
        // Negative: reversing the positions alone is not the other strand
        // (unless every letter is its own complement: S, W, N).
        let reversed: String = seq.chars().rev().collect();
        if !seq.to_ascii_uppercase().chars().all(|ch| "SWN".contains(ch)) {
            prop_assert_ne!(&y.data, &encode(&reversed).unwrap().data);
        }
    }

    /// The group {id, RC} ⋉ Z_L: RC·shift(k)·RC = shift(−k), inverses undo,
    /// and the `g=` grammar composes the same way.
    #[test]
    fn d2_rc_and_shifts_compose(seq in iupac_seq(), k in -60i32..60, j in -60i32..60) {
        let x = encode(&seq).unwrap();
        let conj = rc().then(&shift(k)).then(&rc());
        prop_assert_eq!(&conj.act(&x).unwrap().data, &shift(-k).act(&x).unwrap().data);
        let g = parse(&format!("rc;shift({k});shift({j})"), Domain::Dna).unwrap();
        prop_assert_eq!(&g.act(&x).unwrap().data, &rc().then(&shift(k + j)).act(&x).unwrap().data);
        prop_assert_eq!(&g.inverse().unwrap().act(&g.act(&x).unwrap()).unwrap().data, &x.data);
    }

    /// D3: a plain conv1d is not RC-equivariant (large error, verdict
    /// neither); it is exactly when every filter is its own reverse complement.
    #[test]
    fn d3_plain_conv1d_is_not_rc_equivariant(seq in acgt_seq(), seed in any::<u64>(), k in 1usize..4, pad in padding()) {
        let k = 2 * k + 1;
        let x = encode(&seq).unwrap();
        let c = checks(vec![conv(seed, 4, 4, k, pad)], &x, &rc());
        prop_assert!(c[0].equivariance_error.unwrap() > 0.05, "error {}", c[0].equivariance_error.unwrap());
        prop_assert_eq!(c[0].verdict, Verdict::Neither);
        // Positive: symmetrised filters (w + RC(w)) / 2 commute with RC.
        let (w, b) = weights(seed, 4, 4, k);
        let sym = (&w + &rc_filters(&w, &ONE_HOT_PAIRING)) / 2.0;
        let c = checks(vec![Arc::new(Conv1d::new(sym, b, pad))], &x, &rc());
        prop_assert!(c[0].equivariance_error.unwrap() < EXACT);
    }

    /// D4: rc_conv1d is exactly RC-equivariant (positions reverse, paired
    /// channels swap), stacked too, and with shifts under circular padding.
    #[test]
    fn d4_rc_conv1d_is_exactly_equivariant(seq in iupac_seq(), seed in any::<u64>(), k in odd_kernel(), pad in padding(), s in -40i32..40) {
        let x = encode(&seq).unwrap();
        let layers = |pad| -> Vec<Arc<dyn Layer>> {
            vec![
                rc_conv(seed, ONE_HOT_PAIRING.to_vec(), 3, k, pad),
                Arc::new(Activation::Relu),
                rc_conv(seed ^ 4, pair_pairing(3), 2, 3, pad),
                Arc::new(Activation::Tanh),
            ]
        };
        for lc in checks(layers(pad), &x, &rc()) {
            prop_assert!(lc.equivariance_error.unwrap() < EXACT, "{}: {}", lc.kind, lc.equivariance_error.unwrap());
            prop_assert!(matches!(lc.verdict, Verdict::Equivariant | Verdict::Invariant));
        }
        for lc in checks(layers(Padding::Circular), &x, &rc().then(&shift(s))) {
            prop_assert!(lc.equivariance_error.unwrap() < EXACT);
        }
    }

    /// D4, negatives: the output's channels must swap (reversing positions
    /// alone fails), and the partner filter must be complemented as well as
    /// reversed (a reversed-only partner fails).
    #[test]
    fn d4_negatives(seq in acgt_seq(), seed in any::<u64>(), k in 1usize..4) {
        let k = 2 * k + 1;
        let x = encode(&seq).unwrap();
        let gx = rc().act(&x).unwrap();
        let layer = rc_conv(seed, ONE_HOT_PAIRING.to_vec(), 3, k, Padding::Circular);
        let (fx, fgx) = (layer.forward(&x).unwrap(), layer.forward(&gx).unwrap());
        let positions_only = Signal::new(fx.data.clone(), Space::Strand { pairing: identity_pairing(6) });
        prop_assert!(relative_error(&fgx.data, &rc().act(&positions_only).unwrap().data) > 0.05);
        let (w, b) = weights(seed, 3, 4, k);
        let reversed_only = rc_filters(&w, &identity_pairing(4));
        let both = Array3::from_shape_fn((6, 4, k), |(o, c, t)| if o % 2 == 0 { w[(o / 2, c, t)] } else { reversed_only[(o / 2, c, t)] });
        let wrong = Conv1d::new(both, Array1::from_shape_fn(6, |o| b[o / 2]), Padding::Circular);
        let (fx, fgx) = (wrong.forward(&x).unwrap(), wrong.forward(&gx).unwrap());
        let as_pairs = Signal::new(fx.data, Space::Strand { pairing: pair_pairing(3) });
        prop_assert!(relative_error(&fgx.data, &rc().act(&as_pairs).unwrap().data) > 0.05);
    }

    /// D5: rc conv, strand pooling and global pooling give an exactly
    /// RC-invariant score (and shift-invariant with circular padding); the
    /// plain conv model's pooled output is not; without the strand pooling
    /// the pooled vector is only equivariant (its pairs swap).
    #[test]
    fn d5_rc_model_is_invariant(seq in acgt_seq(), seed in any::<u64>(), max in any::<bool>(), pad in padding(), s in -40i32..40) {
        let x = encode(&seq).unwrap();
        let cfg = DnaModelConfig { seed, padding: pad, global_max: max, kernel: 5, classes: 2, ..Default::default() };
        let model = build(&cfg);
        let c = symmetry_lab::engine::pipelines::run(&model, &x, &rc()).unwrap().checks;
        let kinds: Vec<&str> = c.iter().map(|l| l.kind).collect();
        prop_assert_eq!(kinds, vec!["rc_conv1d", "relu", "rc_conv1d", "relu", "strand_pool", if max { "gmp" } else { "gap" }, "dense"]);
        prop_assert!(c[4].equivariance_error.unwrap() < EXACT);
        for lc in &c[5..] {
            prop_assert!(lc.invariance_error < EXACT, "{}: {}", lc.kind, lc.invariance_error);
            prop_assert_eq!(lc.verdict, Verdict::Invariant);
        }
        if pad == Padding::Circular {
            let c = symmetry_lab::engine::pipelines::run(&model, &x, &shift(s).then(&rc())).unwrap().checks;
            prop_assert!(last(&c).invariance_error < EXACT);
        }
        // Negative: the plain model's pooled output changes with the strand.
        let plain = build(&DnaModelConfig { arch: DnaArch::Conv, ..cfg.clone() });
        let c = symmetry_lab::engine::pipelines::run(&plain, &x, &rc()).unwrap().checks;
        prop_assert!(c[4].invariance_error > 1e-3, "plain pooled error {}", c[4].invariance_error);
        prop_assert_ne!(c[4].verdict, Verdict::Invariant);
        // Negative: pooling right after rc_conv1d keeps the pair swap.
        let no_strand_pool: Vec<Arc<dyn Layer>> = vec![rc_conv(seed, ONE_HOT_PAIRING.to_vec(), 3, 5, pad), Arc::new(Activation::Relu), Arc::new(GlobalPool { max })];
        let c = checks(no_strand_pool, &x, &rc());
        prop_assert!(c[2].invariance_error > EXACT);
        prop_assert!(c[2].equivariance_error.unwrap() < EXACT);
        prop_assert_eq!(c[2].verdict, Verdict::Equivariant);
    }
}

/// A palindromic site is its own reverse complement, so RC changes nothing
/// and the RC model's score is bit-for-bit the same; a plain conv with an
/// RC-palindromic filter (GAANTTC: odd width, N in the middle) is exactly
/// RC-equivariant too.
#[test]
fn palindromes() {
    for site in ["GAATTC", "AAGCTT", "GGATCC", "CCCGGG", "GAANTTC"] {
        assert_eq!(reverse_complement(site), site);
        let x = encode(site).unwrap();
        assert_eq!(rc().act(&x).unwrap().data, x.data);
    }
    let ecori = symmetry_lab::io::dna_presets::sequence("ecori", 0).unwrap();
    let model = build(&DnaModelConfig { seed: 3, ..Default::default() });
    let score = |s: &str| model.forward(&encode(s).unwrap()).unwrap().data;
    assert_eq!(score("GAATTC"), score(&reverse_complement("GAATTC")));
    assert!(relative_error(&score(&ecori), &score(&reverse_complement(&ecori))) < EXACT);
    let m = Motif::parse("GAANTTC").unwrap();
    let w = Array3::from_shape_fn((1, 4, 7), |(_, c, k)| m.filter(7)[(c, k)]);
    let layer: Arc<dyn Layer> = Arc::new(Conv1d::new(w, Array1::from(vec![m.bias]), Padding::Zero));
    let c = checks(vec![layer], &encode(&ecori).unwrap(), &rc());
    assert!(c[0].equivariance_error.unwrap() < EXACT);
}

/// The motif detector fires on both strands with the rc model: the score
/// of the TATA-box promoter and of its reverse complement are both 1.
#[test]
fn tata_detector_on_both_strands() {
    let seq = symmetry_lab::io::dna_presets::sequence("tata-box", 0).unwrap();
    let motif = Some(Motif::parse("TATAAA").unwrap());
    let model = build(&DnaModelConfig { motif, global_max: true, ..Default::default() });
    let report = symmetry_lab::engine::pipelines::run(&model, &encode(&seq).unwrap(), &rc()).unwrap();
    let (s, s_rc) = (report.trace_x.last().unwrap().data[[0]], report.trace_gx.last().unwrap().data[[0]]);
    assert!((s - 1.0).abs() < 1e-4 && (s_rc - 1.0).abs() < 1e-4, "{s} {s_rc}");
    // Layer 0 fires on channel 0 (forward strand) for x and on channel 1 (reverse) for RC(x).
    let fires = |t: &Signal, ch: usize| t.data.index_axis(ndarray::Axis(0), ch).iter().any(|&v| v > 0.9);
    assert!(fires(&report.trace_x[1], 0) && !fires(&report.trace_x[1], 1));
    assert!(fires(&report.trace_gx[1], 1) && !fires(&report.trace_gx[1], 0));
}

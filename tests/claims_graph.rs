//! Claims G1–G6 of DESIGN.md over random graphs, features, weights and
//! permutations, each with its negative: a check that always answered
//! "equivariant" (or always "neither") would fail.

mod common;
mod graph_common;

use common::*;
use graph_common::*;
use proptest::prelude::*;
use std::sync::Arc;
use symmetry_lab::engine::check::Verdict;
use symmetry_lab::engine::graph_input::{GraphInput, NodeFeatures, NodeMove};
use symmetry_lab::engine::layers::graph::readout::{Readout, ReadoutMode};
use symmetry_lab::engine::models::graph::{build, GraphArch, GraphModelConfig};
use symmetry_lab::engine::pipelines::run;
use symmetry_lab::engine::space::Space;
use symmetry_lab::engine::transform::{Step, Transform};
use symmetry_lab::io::transform_expr::{parse, Domain};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// G1: a permutation acts as X -> P X and A -> P A Pᵀ together; the
    /// features-only mistake moves X and leaves A alone.
    #[test]
    fn g1_permutation_moves_features_and_adjacency((n, seed, perm) in case(), weighted in any::<bool>()) {
        let graph = Arc::new(random_graph(n, seed, weighted, true));
        let x = features(&graph, 3, seed ^ 1);
        let p = perm_matrix(&perm);
        let a = graph.dense_adjacency();
        let gx = permute(&perm, false).act(&x).unwrap();
        let Space::Nodes { graph: moved } = &gx.space else { panic!("stays on nodes") };
        prop_assert_eq!(matrix(&gx), p.dot(&matrix(&x)));
        prop_assert_eq!(moved.dense_adjacency(), p.dot(&a).dot(&p.t()));
        // g⁻¹ g x = x, and the input-level view used for drawing agrees.
        prop_assert_eq!(&permute(&perm, false).inverse().unwrap().act(&gx).unwrap(), &x);
        let input = GraphInput { features: Some(matrix(&x)), ..GraphInput::new((*graph).clone()) };
        let drawn = input.permuted(&NodeMove::of(&permute(&perm, false), n).unwrap());
        prop_assert_eq!(drawn.signal(NodeFeatures::Given).unwrap(), gx);

        // swap(i,j) is the transposition, and the steps of a word compose.
        let (i, j) = (seed as usize % n, perm[0]);
        let mut transposition: Vec<usize> = (0..n).collect();
        transposition.swap(i, j);
        let swap = Transform::single(Step::Swap { i, j, features_only: false });
        prop_assert_eq!(swap.act(&x).unwrap(), permute(&transposition, false).act(&x).unwrap());
        let word = permute(&perm, false).then(&swap);
        let composed: Vec<usize> = perm.iter().map(|&k| transposition[k]).collect();
        prop_assert_eq!(word.act(&x).unwrap(), permute(&composed, false).act(&x).unwrap());

        let mistake = permute(&perm, true).act(&x).unwrap();
        let Space::Nodes { graph: kept } = &mistake.space else { panic!("stays on nodes") };
        prop_assert_eq!(matrix(&mistake), p.dot(&matrix(&x)));
        prop_assert_eq!(kept.dense_adjacency(), a.clone());
        if !is_automorphism(&graph, &perm) {
            prop_assert_ne!(kept.dense_adjacency(), p.dot(&a).dot(&p.t()));
        }
    }

    /// G2: GCN, GIN and message passing (sum, mean, max) are exactly
    /// equivariant; unless the permutation is a symmetry of the input, their
    /// output does change (so the verdict is "equivariant", not "invariant").
    #[test]
    fn g2_gnn_layers_are_equivariant((n, seed, perm) in case(), arch in gnn(), weighted in any::<bool>()) {
        let graph = Arc::new(random_graph(n, seed, weighted, true));
        let x = features(&graph, 3, seed ^ 2);
        let c = checks(vec![node_layer(arch, 3, 5, seed ^ 3)], &x, &permute(&perm, false));
        prop_assert!(c[0].equivariance_error.unwrap() < EXACT, "{} error {:?}", arch.name(), c[0].equivariance_error);
        // Negative: wherever the permutation visibly moves the output's rows
        // (it is not a symmetry of this input), the verdict is "equivariant",
        // not "invariant".
        let out = node_layer(arch, 3, 5, seed ^ 3).forward(&x).unwrap();
        if moves_rows(&matrix(&out), &perm) {
            prop_assert!(c[0].invariance_error > EXACT, "{}: a moved output must differ", arch.name());
            prop_assert_eq!(c[0].verdict, Verdict::Equivariant);
        }
    }

    /// G3: sum, mean and max readouts are exactly invariant, alone and after
    /// GNN layers (so is the dense head after them).
    #[test]
    fn g3_readouts_are_invariant((n, seed, perm) in case(), arch in gnn(), mode in readout()) {
        let graph = Arc::new(random_graph(n, seed, true, true));
        let x = features(&graph, 2, seed ^ 4);
        let g = permute(&perm, false);
        let c = checks(vec![Arc::new(Readout { mode })], &x, &g);
        prop_assert!(c[0].invariance_error < EXACT);
        prop_assert_eq!(c[0].verdict, Verdict::Invariant);
        let cfg = GraphModelConfig { arch, readout: mode, seed, ..Default::default() };
        let c = run(&build(&cfg, n, 2).unwrap(), &x, &g).unwrap().checks;
        prop_assert!(c[0].equivariance_error.unwrap() < EXACT && c[2].equivariance_error.unwrap() < EXACT);
        prop_assert!(c[4].invariance_error < EXACT && c[5].invariance_error < EXACT, "readout and head");
        prop_assert_eq!((c[4].verdict, c[5].verdict), (Verdict::Invariant, Verdict::Invariant));
    }

    /// G3, negative: the readout is only as invariant as what feeds it: after
    /// the features-only mistake, the sum and mean readouts change. (A max
    /// readout may not: it only sees the largest value of each feature, which
    /// a mistake far from that node leaves alone.)
    #[test]
    fn g3_readout_after_the_mistake_is_not_invariant(
        (n, seed, perm) in big_case(),
        arch in gnn(),
        mode in prop_oneof![Just(ReadoutMode::Sum), Just(ReadoutMode::Mean)],
    ) {
        let graph = Arc::new(random_graph(n, seed, true, false));
        prop_assume!(!is_automorphism(&graph, &perm));
        let x = features(&graph, 3, seed ^ 8);
        let cfg = GraphModelConfig { arch, readout: mode, seed, classes: None, ..Default::default() };
        let report = run(&build(&cfg, n, 3).unwrap(), &x, &permute(&perm, true)).unwrap();
        // A network whose last ReLU is dead on every node reads 0 whatever
        // the input: it cannot show anything, skipped (rare).
        prop_assume!(report.trace_x[3].data.iter().any(|v| *v != 0.0));
        let c = report.checks;
        prop_assert!(c[4].invariance_error > EXACT, "{} {}: {}", arch.name(), mode.name(), c[4].invariance_error);
        prop_assert_ne!(c[4].verdict, Verdict::Invariant);
    }

    /// G4: the MLP on the node-order adjacency and features is not invariant:
    /// a large error for any non-trivial permutation; 0 only for the identity.
    #[test]
    fn g4_mlp_baseline_is_not_invariant((n, seed, perm) in case()) {
        let graph = Arc::new(random_graph(n, seed, false, true));
        let x = features(&graph, 2, seed ^ 5);
        let cfg = GraphModelConfig { arch: GraphArch::Mlp, seed, ..Default::default() };
        let model = build(&cfg, n, 2).unwrap();
        let c = run(&model, &x, &permute(&perm, false)).unwrap().checks;
        prop_assert!(c[0].equivariance_error.is_none(), "no action on the MLP's output");
        if !is_identity(&perm) {
            prop_assert!(c[0].invariance_error > 1e-3, "error {}", c[0].invariance_error);
            prop_assert_ne!(c[0].verdict, Verdict::Invariant);
        }
        let id: Vec<usize> = (0..n).collect();
        let c = run(&model, &x, &permute(&id, false)).unwrap().checks;
        prop_assert_eq!(c[0].invariance_error, 0.0);
        prop_assert_eq!(c[0].verdict, Verdict::Invariant);
    }

    /// G5: permuting X without A breaks the match: the GNN layer's output no
    /// longer equals the moved output, unless the permutation happens to be a
    /// symmetry of the graph; the same permutation applied correctly matches.
    #[test]
    fn g5_features_only_permutation_breaks_the_match((n, seed, perm) in big_case(), arch in gnn()) {
        let graph = Arc::new(random_graph(n, seed, true, false));
        let x = features(&graph, 3, seed ^ 6);
        let layer = node_layer(arch, 3, 8, seed ^ 7);
        let right = checks(vec![layer.clone()], &x, &permute(&perm, false));
        prop_assert!(right[0].equivariance_error.unwrap() < EXACT);
        let wrong = checks(vec![layer], &x, &permute(&perm, true));
        let err = wrong[0].equivariance_error.unwrap();
        if is_automorphism(&graph, &perm) {
            prop_assert!(err < EXACT, "a symmetry of A hides the mistake");
        } else {
            prop_assert!(err > 1e-3, "{}: features-only error {err}", arch.name());
            prop_assert_ne!(wrong[0].verdict, Verdict::Equivariant);
        }
    }
}

/// G4: the MLP's error is large, not just nonzero: its median over 64
/// random graphs and permutations is above 0.3 (the threshold of
/// "approximate" is 0.05).
#[test]
fn g4_mlp_error_is_large() {
    let mut errors: Vec<f64> = (0..64u64)
        .map(|seed| {
            let n = 5 + (seed % 7) as usize;
            let graph = Arc::new(random_graph(n, seed, false, false));
            let x = features(&graph, 2, seed ^ 5);
            let model = build(&GraphModelConfig { arch: GraphArch::Mlp, seed, ..Default::default() }, n, 2).unwrap();
            let g = Transform::single(Step::PermuteSeeded { seed, inverse: false, features_only: false });
            run(&model, &x, &g).unwrap().checks[0].invariance_error
        })
        .collect();
    errors.sort_by(f64::total_cmp);
    assert!(errors[32] > 0.3, "median error {}", errors[32]);
}

/// G5: the features-only error is large, not just nonzero: for every GNN
/// layer, the median over 64 random asymmetric graphs is above 0.3.
#[test]
fn g5_mistake_error_is_large() {
    for arch in GNNS {
        let mut errors: Vec<f64> = (0..64u64)
            .map(|seed| {
                let n = 5 + (seed % 7) as usize;
                let graph = Arc::new(random_graph(n, seed, true, false));
                let x = features(&graph, 3, seed ^ 6);
                let g = Transform::single(Step::PermuteSeeded { seed, inverse: false, features_only: true });
                checks(vec![node_layer(arch, 3, 8, seed)], &x, &g)[0].equivariance_error.unwrap()
            })
            .collect();
        errors.sort_by(f64::total_cmp);
        assert!(errors[32] > 0.3, "{}: median error {}", arch.name(), errors[32]);
    }
}

/// The end-to-end scenario on the karate club with `perm(7)`: GNN layers
/// equivariant, readouts invariant, the MLP baseline neither; and the
/// features-only mistake gives a large error.
#[test]
fn karate_perm7_verdicts() {
    let karate = symmetry_lab::io::graph_presets::load("karate").unwrap();
    let x = karate.signal(NodeFeatures::Degree).unwrap();
    let g = parse("perm(7)", Domain::Graph).unwrap();
    for arch in GNNS {
        let model = build(&GraphModelConfig { arch, ..Default::default() }, 34, 1).unwrap();
        let verdicts: Vec<Verdict> = run(&model, &x, &g).unwrap().checks.iter().map(|c| c.verdict).collect();
        use Verdict::*;
        assert_eq!(verdicts, vec![Equivariant, Equivariant, Equivariant, Equivariant, Invariant, Invariant]);
        let gx = parse("permx(7)", Domain::Graph).unwrap();
        let wrong = run(&model, &x, &gx).unwrap().checks;
        assert!(wrong[0].equivariance_error.unwrap() > 0.1, "{}: {:?}", arch.name(), wrong[0].equivariance_error);
        assert!(wrong[4].invariance_error > 1e-3, "{}: the readout sees the mistake", arch.name());
    }
    let mlp = build(&GraphModelConfig { arch: GraphArch::Mlp, ..Default::default() }, 34, 1).unwrap();
    let c = run(&mlp, &x, &g).unwrap().checks;
    assert_eq!((c[0].kind, c[0].verdict), ("mlp", Verdict::Neither));
    assert!(c[0].invariance_error > 0.1, "{}", c[0].invariance_error);
}

//! Claims G1–G6 of DESIGN.md over random graphs, features, weights and
//! permutations, each with its negative: a check that always answered
//! "equivariant" (or always "neither") would fail.

mod common;

use common::*;
use ndarray::{Array2, Ix1, Ix2};
use proptest::prelude::*;
use std::sync::Arc;
use symmetry_lab::engine::check::{run, Verdict};
use symmetry_lab::engine::graph::Graph;
use symmetry_lab::engine::graph_input::{GraphInput, NodeFeatures, NodeMove};
use symmetry_lab::engine::layers::graph::aggregate::Aggregation;
use symmetry_lab::engine::layers::graph::readout::{Readout, ReadoutMode};
use symmetry_lab::engine::layers::Layer;
use symmetry_lab::engine::models::graph::{build, GraphArch, GraphModelConfig};
use symmetry_lab::engine::rng::Rng;
use symmetry_lab::engine::space::{Signal, Space};
use symmetry_lab::engine::transform::{Step, Transform};

/// A random graph on `n` nodes: each pair (and each self-loop, rarely, when
/// `loops`) is an edge with some probability, with a random positive weight
/// or weight 1.
fn random_graph(n: usize, seed: u64, weighted: bool, loops: bool) -> Graph {
    let mut rng = Rng::new(seed);
    let mut edges = Vec::new();
    for u in 0..n {
        for v in u..n {
            let p = match (u == v, loops) {
                (false, _) => 0.35,
                (true, true) => 0.05,
                (true, false) => 0.0,
            };
            if rng.unit() < p {
                edges.push((u, v, if weighted { 0.5 + rng.unit() } else { 1.0 }));
            }
        }
    }
    Graph::new(n, edges)
}

fn features(graph: &Arc<Graph>, f: usize, seed: u64) -> Signal {
    let mut rng = Rng::new(seed);
    let x = Array2::from_shape_fn((graph.node_count(), f), |_| rng.symmetric(1.0));
    Signal::new(x.into_dyn(), Space::Nodes { graph: graph.clone() })
}

/// The first message-passing layer of a preset: `arch`, `f_in → f_out`, seeded.
fn node_layer(arch: GraphArch, f_in: usize, f_out: usize, seed: u64) -> Arc<dyn Layer> {
    let cfg = GraphModelConfig { arch, seed, hidden: f_out, classes: None, ..Default::default() };
    build(&cfg, 1, f_in).expect("GNN presets build for any size").layers[0].clone()
}

const GNNS: [GraphArch; 5] = [
    GraphArch::Gcn,
    GraphArch::Gin,
    GraphArch::Mpnn(Aggregation::Sum),
    GraphArch::Mpnn(Aggregation::Mean),
    GraphArch::Mpnn(Aggregation::Max),
];

fn gnn() -> impl Strategy<Value = GraphArch> {
    proptest::sample::select(GNNS.to_vec())
}

fn readout() -> impl Strategy<Value = ReadoutMode> {
    proptest::sample::select(ReadoutMode::ALL.to_vec())
}

/// Whether renaming node `i` to `perm[i]` leaves the weighted adjacency unchanged.
fn is_automorphism(g: &Graph, perm: &[usize]) -> bool {
    g.permuted(perm).dense_adjacency() == g.dense_adjacency()
}

fn permute(perm: &[usize], features_only: bool) -> Transform {
    Transform::single(Step::Permute { perm: perm.to_vec(), features_only })
}

fn matrix(s: &Signal) -> Array2<f32> {
    s.data.clone().into_dimensionality::<Ix2>().expect("node features")
}

/// The permutation matrix with `P[perm[i], i] = 1`, so that `(P X)[perm[i]] = X[i]`.
fn perm_matrix(perm: &[usize]) -> Array2<f32> {
    let mut p = Array2::zeros((perm.len(), perm.len()));
    for (i, &to) in perm.iter().enumerate() {
        p[(to, i)] = 1.0;
    }
    p
}

/// Strategy: a graph size, seeds for the graph, features and weights, and a permutation.
fn case() -> impl Strategy<Value = (usize, u64, Vec<usize>)> {
    sized_case(1..11)
}

/// For the negatives: graphs of 5 nodes or more (tiny graphs are often
/// symmetric, and tiny networks can have every ReLU dead).
fn big_case() -> impl Strategy<Value = (usize, u64, Vec<usize>)> {
    sized_case(5..12)
}

fn sized_case(sizes: std::ops::Range<usize>) -> impl Strategy<Value = (usize, u64, Vec<usize>)> {
    sizes.prop_flat_map(|n| (Just(n), any::<u64>(), Just((0..n).collect::<Vec<_>>()).prop_shuffle()))
}

fn is_identity(perm: &[usize]) -> bool {
    perm.iter().enumerate().all(|(i, &p)| i == p)
}

/// Whether moving the rows of `out` by `perm` visibly changes it (some
/// entry moves by more than 1% of the largest entry).
fn moves_rows(out: &Array2<f32>, perm: &[usize]) -> bool {
    let scale = out.iter().fold(0f32, |m, v| m.max(v.abs())).max(1e-6);
    perm.iter().enumerate().any(|(i, &p)| out.row(i).iter().zip(out.row(p)).any(|(a, b)| (a - b).abs() > 1e-2 * scale))
}

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
    let g = Transform::single(Step::PermuteSeeded { seed: 7, inverse: false, features_only: false });
    for arch in GNNS {
        let model = build(&GraphModelConfig { arch, ..Default::default() }, 34, 1).unwrap();
        let verdicts: Vec<Verdict> = run(&model, &x, &g).unwrap().checks.iter().map(|c| c.verdict).collect();
        use Verdict::*;
        assert_eq!(verdicts, vec![Equivariant, Equivariant, Equivariant, Equivariant, Invariant, Invariant]);
        let gx = Transform::single(Step::PermuteSeeded { seed: 7, inverse: false, features_only: true });
        let wrong = run(&model, &x, &gx).unwrap().checks;
        assert!(wrong[0].equivariance_error.unwrap() > 0.1, "{}: {:?}", arch.name(), wrong[0].equivariance_error);
        assert!(wrong[4].invariance_error > 1e-3, "{}: the readout sees the mistake", arch.name());
    }
    let mlp = build(&GraphModelConfig { arch: GraphArch::Mlp, ..Default::default() }, 34, 1).unwrap();
    let c = run(&mlp, &x, &g).unwrap().checks;
    assert_eq!((c[0].kind, c[0].verdict), ("mlp", Verdict::Neither));
    assert!(c[0].invariance_error > 0.1, "{}", c[0].invariance_error);
}

/// The readout vectors of a model on a graph with all node features equal.
fn readout_of(model: &symmetry_lab::engine::model::Model, graph: &Graph) -> Vec<f32> {
    let x = GraphInput::new(graph.clone()).signal(NodeFeatures::Constant).unwrap();
    let out = model.forward(&x).unwrap();
    out.data.into_dimensionality::<Ix1>().unwrap().to_vec()
}

fn close(a: &[f32], b: &[f32]) -> bool {
    a.iter().zip(b).all(|(x, y)| (x - y).abs() <= 1e-5 * (1.0 + x.abs().max(y.abs())))
}

fn edges(n: usize, list: &[(usize, usize)]) -> Graph {
    Graph::new(n, list.iter().map(|&(u, v)| (u, v, 1.0)).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// G6: two triangles vs a hexagon (and the prism vs K3,3): the same 1-WL
    /// colour histogram at every round, and every message-passing GNN with the
    /// same weights gives the same readout on both, although they differ.
    #[test]
    fn g6_wl_equivalent_graphs_get_the_same_readout(seed in any::<u64>(), arch in gnn(), mode in readout()) {
        use symmetry_lab::engine::wl::compare;
        let pairs = [
            (edges(6, &[(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3)]), edges(6, &[(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 0)])),
            (edges(6, &[(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (0, 3), (1, 4), (2, 5)]),
             edges(6, &[(0, 3), (0, 4), (0, 5), (1, 3), (1, 4), (1, 5), (2, 3), (2, 4), (2, 5)])),
        ];
        for (a, b) in &pairs {
            prop_assert_ne!(a.dense_adjacency(), b.dense_adjacency());
            let wl = compare(a, None, b, None, 10);
            prop_assert_eq!(wl.distinguished_at(), None);
            prop_assert!(wl.rounds.len() >= 2 && wl.rounds.iter().all(|r| r.same));
            let cfg = GraphModelConfig { arch, readout: mode, seed, hidden: 6, ..Default::default() };
            let model = build(&cfg, 6, 1).unwrap();
            let (ra, rb) = (readout_of(&model, a), readout_of(&model, b));
            prop_assert!(close(&ra, &rb), "{}: {ra:?} vs {rb:?}", arch.name());
        }
    }

    /// G6, negative: a path and two triangles differ at 1-WL round 1 (the
    /// path's ends), and GNNs that sum (GCN, GIN, sum message passing) give
    /// different readouts. Mean and max message passing are weaker than 1-WL:
    /// with equal features they cannot see degrees, and read the same.
    #[test]
    fn g6_wl_distinguishable_graphs_get_different_readouts(seed in any::<u64>(), arch in gnn()) {
        use symmetry_lab::engine::wl::compare;
        let triangles = edges(6, &[(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3)]);
        let path = edges(6, &[(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)]);
        let wl = compare(&triangles, None, &path, None, 10);
        prop_assert_eq!(wl.distinguished_at(), Some(1));
        prop_assert_ne!(&wl.rounds[1].histogram_a, &wl.rounds[1].histogram_b);
        let cfg = GraphModelConfig { arch, readout: ReadoutMode::Sum, seed, hidden: 8, classes: None };
        let model = build(&cfg, 6, 1).unwrap();
        let (ra, rb) = (readout_of(&model, &triangles), readout_of(&model, &path));
        match arch {
            GraphArch::Mpnn(Aggregation::Mean) | GraphArch::Mpnn(Aggregation::Max) => {
                prop_assert!(close(&ra, &rb), "{}: {ra:?} vs {rb:?}", arch.name());
            }
            _ => {
                // A network whose ReLUs make every node of the path look the
                // same (dead units) is blind to structure: skipped, it is rare.
                let x = GraphInput::new(path.clone()).signal(NodeFeatures::Constant).unwrap();
                let t = model.trace(&x).unwrap();
                let sees = |k: usize| {
                    let m = matrix(&t[k]);
                    m.rows().into_iter().any(|r| r != m.row(0))
                };
                prop_assume!(sees(1) && sees(3));
                prop_assert!(!close(&ra, &rb), "{}: {ra:?} vs {rb:?}", arch.name());
            }
        }
    }

    /// 1-WL colours do not depend on the node numbering: refining a permuted
    /// graph gives the permuted colours, round by round.
    #[test]
    fn wl_colours_are_equivariant((n, seed, perm) in case()) {
        use symmetry_lab::engine::wl::refine;
        let g = random_graph(n, seed, false, true);
        let before = refine(&g, None, 10);
        let after = refine(&g.permuted(&perm), None, 10);
        prop_assert_eq!(before.len(), after.len());
        for (b, a) in before.iter().zip(&after) {
            prop_assert!((0..n).all(|i| a[perm[i]] == b[i]));
        }
    }
}

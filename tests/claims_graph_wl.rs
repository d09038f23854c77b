//! Claim G6 of DESIGN.md: message passing is no stronger than 1-WL colour
//! refinement. Graphs that 1-WL cannot tell apart get the same readout from
//! every message-passing GNN; graphs it tells apart get different colours
//! (and different readouts from GNNs that sum).

mod graph_common;

use graph_common::*;
use ndarray::Ix1;
use proptest::prelude::*;
use symmetry_lab::engine::graph::Graph;
use symmetry_lab::engine::graph_input::{GraphInput, NodeFeatures};
use symmetry_lab::engine::layers::graph::aggregate::Aggregation;
use symmetry_lab::engine::layers::graph::readout::ReadoutMode;
use symmetry_lab::engine::models::graph::{build, GraphArch, GraphModelConfig};

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

/// The 1-WL panel's own computation (`engine::wl_pair::compare_pair`, what
/// the graph lab runs): two triangles and a hexagon look the same to 1-WL and
/// get the same readout; a path and two triangles are told apart at round 1
/// and a summing GNN reads them differently; the MLP gets its note.
#[test]
fn the_panel_s_pair_comparison_follows_g6() {
    use symmetry_lab::engine::wl_pair::compare_pair;
    let triangles = GraphInput::new(edges(6, &[(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3)]));
    let hexagon = GraphInput::new(edges(6, &[(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 0)]));
    let path = GraphInput::new(edges(6, &[(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)]));
    let gin = GraphModelConfig { arch: GraphArch::Gin, readout: ReadoutMode::Sum, hidden: 8, ..Default::default() };
    let same = compare_pair(&triangles, &hexagon, &gin, NodeFeatures::Constant).unwrap();
    assert_eq!(same.comparison.distinguished_at(), None);
    assert!(!same.readout_a.is_empty() && same.readout_gap() <= 1e-5, "{}", same.readout_gap());
    assert!(same.model_note.is_none());
    let apart = compare_pair(&triangles, &path, &gin, NodeFeatures::Constant).unwrap();
    assert_eq!(apart.comparison.distinguished_at(), Some(1));
    assert!(apart.readout_gap() > 1e-3, "{}", apart.readout_gap());
    let mlp = GraphModelConfig { arch: GraphArch::Mlp, ..gin };
    assert!(compare_pair(&triangles, &hexagon, &mlp, NodeFeatures::Constant)
        .unwrap()
        .model_note
        .unwrap()
        .contains("not a message-passing"));
}

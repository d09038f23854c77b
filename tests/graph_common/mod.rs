//! Random graphs, features and permutations shared by the graph claim tests.
#![allow(dead_code)]

use ndarray::{Array2, Ix2};
use proptest::prelude::*;
use std::sync::Arc;
use symmetry_lab::engine::graph::Graph;
use symmetry_lab::engine::layers::graph::aggregate::Aggregation;
use symmetry_lab::engine::layers::graph::readout::ReadoutMode;
use symmetry_lab::engine::layers::Layer;
use symmetry_lab::engine::models::graph::{build, GraphArch, GraphModelConfig};
use symmetry_lab::engine::rng::Rng;
use symmetry_lab::engine::space::{Signal, Space};
use symmetry_lab::engine::transform::{Step, Transform};

/// A random graph on `n` nodes: each pair (and each self-loop, rarely, when
/// `loops`) is an edge with some probability, with a random positive weight
/// or weight 1.
pub fn random_graph(n: usize, seed: u64, weighted: bool, loops: bool) -> Graph {
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

pub fn features(graph: &Arc<Graph>, f: usize, seed: u64) -> Signal {
    let mut rng = Rng::new(seed);
    let x = Array2::from_shape_fn((graph.node_count(), f), |_| rng.symmetric(1.0));
    Signal::new(x.into_dyn(), Space::Nodes { graph: graph.clone() })
}

/// The first message-passing layer of a preset: `arch`, `f_in → f_out`, seeded.
pub fn node_layer(arch: GraphArch, f_in: usize, f_out: usize, seed: u64) -> Arc<dyn Layer> {
    let cfg = GraphModelConfig { arch, seed, hidden: f_out, classes: None, ..Default::default() };
    build(&cfg, 1, f_in).expect("GNN presets build for any size").layers[0].clone()
}

pub const GNNS: [GraphArch; 5] = [
    GraphArch::Gcn,
    GraphArch::Gin,
    GraphArch::Mpnn(Aggregation::Sum),
    GraphArch::Mpnn(Aggregation::Mean),
    GraphArch::Mpnn(Aggregation::Max),
];

pub fn gnn() -> impl Strategy<Value = GraphArch> {
    proptest::sample::select(GNNS.to_vec())
}

pub fn readout() -> impl Strategy<Value = ReadoutMode> {
    proptest::sample::select(ReadoutMode::ALL.to_vec())
}

/// Whether renaming node `i` to `perm[i]` leaves the weighted adjacency unchanged.
pub fn is_automorphism(g: &Graph, perm: &[usize]) -> bool {
    g.permuted(perm).dense_adjacency() == g.dense_adjacency()
}

pub fn permute(perm: &[usize], features_only: bool) -> Transform {
    Transform::single(Step::Permute { perm: perm.to_vec(), features_only })
}

pub fn matrix(s: &Signal) -> Array2<f32> {
    s.data.clone().into_dimensionality::<Ix2>().expect("node features")
}

/// The permutation matrix with `P[perm[i], i] = 1`, so that `(P X)[perm[i]] = X[i]`.
pub fn perm_matrix(perm: &[usize]) -> Array2<f32> {
    let mut p = Array2::zeros((perm.len(), perm.len()));
    for (i, &to) in perm.iter().enumerate() {
        p[(to, i)] = 1.0;
    }
    p
}

/// Strategy: a graph size, seeds for the graph, features and weights, and a permutation.
pub fn case() -> impl Strategy<Value = (usize, u64, Vec<usize>)> {
    sized_case(1..11)
}

/// For the negatives: graphs of 5 nodes or more (tiny graphs are often
/// symmetric, and tiny networks can have every ReLU dead).
pub fn big_case() -> impl Strategy<Value = (usize, u64, Vec<usize>)> {
    sized_case(5..12)
}

pub fn sized_case(sizes: std::ops::Range<usize>) -> impl Strategy<Value = (usize, u64, Vec<usize>)> {
    sizes.prop_flat_map(|n| (Just(n), any::<u64>(), Just((0..n).collect::<Vec<_>>()).prop_shuffle()))
}

pub fn is_identity(perm: &[usize]) -> bool {
    perm.iter().enumerate().all(|(i, &p)| i == p)
}

/// Whether moving the rows of `out` by `perm` visibly changes it (some
/// entry moves by more than 1% of the largest entry).
pub fn moves_rows(out: &Array2<f32>, perm: &[usize]) -> bool {
    let scale = out.iter().fold(0f32, |m, v| m.max(v.abs())).max(1e-6);
    perm.iter().enumerate().any(|(i, &p)| out.row(i).iter().zip(out.row(p)).any(|(a, b)| (a - b).abs() > 1e-2 * scale))
}

//! Layers of the graph lab. Node layers take node features `(N, F)` on
//! [`Space::Nodes`] and return node features on the same graph; they only see
//! the graph through its sparse neighbour lists, so a layer costs O(N + E)
//! and never depends on the order in which nodes are numbered (claim G2).
//! Readouts pool over nodes into an invariant vector (G3); the node-order MLP
//! is the baseline that breaks the symmetry on purpose (G4).

pub mod aggregate;
pub mod gcn;
pub mod gin;
pub mod mlp;
pub mod mpnn;
pub mod readout;

use super::LayerError;
use crate::engine::graph::Graph;
use crate::engine::space::{Signal, Space};
use ndarray::{Array2, ArrayView2, Ix2};
use std::sync::Arc;

/// The graph and the `(N, F)` feature view of a node signal, or a clear error.
pub(crate) fn expect_nodes<'a>(
    x: &'a Signal,
    layer: &str,
) -> Result<(&'a Arc<Graph>, ArrayView2<'a, f32>), LayerError> {
    let Space::Nodes { graph } = &x.space else {
        return Err(LayerError(format!("{layer} expects node features on a graph, got a {}", x.space.describe())));
    };
    let v = x
        .data
        .view()
        .into_dimensionality::<Ix2>()
        .map_err(|_| LayerError(format!("{layer} expects node features of shape (nodes, features)")))?;
    if v.nrows() != graph.node_count() {
        return Err(LayerError(format!(
            "{layer}: the graph has {} nodes but the features have {} rows",
            graph.node_count(),
            v.nrows()
        )));
    }
    Ok((graph, v))
}

/// Check that the features have the width the weights expect.
pub(crate) fn expect_width(layer: &str, got: usize, want: usize) -> Result<(), LayerError> {
    if got == want {
        Ok(())
    } else {
        Err(LayerError(format!("{layer} expects {want} features per node, got {got}")))
    }
}

/// `x W + b` for node features `x (N, F)`, weights `(F, F')` and bias `(F')`:
/// the per-node linear map every node layer shares (the same `W` for every
/// node is what makes it commute with permutations).
pub(crate) fn linear(x: ArrayView2<f32>, weight: &Array2<f32>, bias: Option<&ndarray::Array1<f32>>) -> Array2<f32> {
    let mut y = x.dot(weight);
    if let Some(b) = bias {
        y += b;
    }
    y
}

/// Wrap `(N, F')` node features as a signal on the same graph.
pub(crate) fn on_graph(data: Array2<f32>, graph: &Arc<Graph>) -> Signal {
    Signal::new(data.into_dyn(), Space::Nodes { graph: graph.clone() })
}

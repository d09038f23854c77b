//! The baseline that breaks the symmetry: an MLP on the graph written out in
//! node order,
//!
//! `z = [vec(A); vec(X)]`, `y = W2 tanh(W1 z + b1) + b2`.
//!
//! (tanh rather than ReLU: a ReLU layer can be dead on every unit for some
//! seed, and a baseline whose output ignores its input would look
//! "invariant" for the wrong reason.)
//!
//! Why it is NOT permutation invariant (claim G4): renaming the nodes moves
//! the entries of `A` and `X` to other positions of `z`, and every position
//! has its own weights in `W1`. Nothing ties `W1` to the graph's symmetry, so
//! the same graph, numbered differently, gives a different output. Its output
//! lives on [`Space::Opaque`]: a permutation has no known action there.
//!
//! `A` is dense (`N²` inputs), so the layer refuses graphs above
//! [`MLP_MAX_NODES`] nodes; its weights are also tied to one node count.

use super::expect_nodes;
use crate::engine::layers::{Geometry, Layer, LayerError, Param};
use crate::engine::space::{Signal, Space};
use ndarray::{Array1, Array2};

/// Largest graph the dense baseline accepts (`64² = 4096` adjacency inputs).
pub const MLP_MAX_NODES: usize = 64;

/// The node-order MLP baseline for graphs of exactly `nodes` nodes with
/// `features` features each.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeOrderMlp {
    pub nodes: usize,
    pub features: usize,
    /// `(hidden, N² + N F)`
    pub w1: Array2<f32>,
    pub b1: Array1<f32>,
    /// `(out, hidden)`
    pub w2: Array2<f32>,
    pub b2: Array1<f32>,
}

impl NodeOrderMlp {
    /// The number of inputs for a graph of `nodes` nodes with `features` features.
    pub fn input_len(nodes: usize, features: usize) -> usize {
        nodes * nodes + nodes * features
    }

    /// Refuse graphs the dense baseline cannot take, with the limit in words.
    pub fn check_size(nodes: usize) -> Result<(), LayerError> {
        if nodes > MLP_MAX_NODES {
            Err(LayerError(format!(
                "the MLP baseline reads the dense {nodes}×{nodes} adjacency matrix and is limited to \
                 {MLP_MAX_NODES} nodes; use a GNN for larger graphs"
            )))
        } else {
            Ok(())
        }
    }
}

impl Layer for NodeOrderMlp {
    fn kind(&self) -> &'static str {
        "mlp"
    }

    fn label(&self) -> String {
        format!("MLP on [vec(A), vec(X)] in node order, {}→{}→{}", self.w1.ncols(), self.w1.nrows(), self.w2.nrows())
    }

    fn forward(&self, x: &Signal) -> Result<Signal, LayerError> {
        let (graph, v) = expect_nodes(x, "the MLP baseline")?;
        let (n, f) = v.dim();
        Self::check_size(n)?;
        if n != self.nodes || f != self.features {
            return Err(LayerError(format!(
                "the MLP baseline was built for {} nodes with {} features, got {n} nodes with {f}: \
                 its weights depend on the graph's size",
                self.nodes, self.features
            )));
        }
        if self.w1.ncols() != Self::input_len(n, f) {
            return Err(LayerError("the MLP baseline's weights do not match its input size".into()));
        }
        let mut z = Vec::with_capacity(Self::input_len(n, f));
        z.extend(graph.dense_adjacency().iter().copied());
        z.extend(v.iter().copied());
        let hidden = (self.w1.dot(&Array1::from(z)) + &self.b1).mapv_into(f32::tanh);
        let y = self.w2.dot(&hidden) + &self.b2;
        Ok(Signal::new(y.into_dyn(), Space::Opaque))
    }

    fn geometry(&self) -> Geometry {
        Geometry::Global
    }

    fn params(&self) -> Vec<Param> {
        vec![
            Param { name: "w1".into(), value: self.w1.clone().into_dyn() },
            Param { name: "b1".into(), value: self.b1.clone().into_dyn() },
            Param { name: "w2".into(), value: self.w2.clone().into_dyn() },
            Param { name: "b2".into(), value: self.b2.clone().into_dyn() },
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::graph::Graph;
    use std::sync::Arc;

    fn mlp(nodes: usize, features: usize) -> NodeOrderMlp {
        let len = NodeOrderMlp::input_len(nodes, features);
        NodeOrderMlp {
            nodes,
            features,
            w1: Array2::from_shape_fn((2, len), |(h, k)| if h == 0 { k as f32 } else { 1.0 }),
            b1: Array1::zeros(2),
            w2: Array2::from_elem((1, 2), 1.0),
            b2: Array1::zeros(1),
        }
    }

    /// Literal value: A = [[0,1],[1,0]], X = [[1],[2]] gives z = [0,1,1,0,1,2];
    /// W1 rows = [0..6] and ones: np.tanh([0+1+2+0+4+10, 5]).sum() -> 1.99990...
    #[test]
    fn literal_two_nodes_and_size_checks() {
        let g = Arc::new(Graph::new(2, vec![(0, 1, 1.0)]));
        let x = Signal::new(ndarray::arr2(&[[1.0f32], [2.0]]).into_dyn(), Space::Nodes { graph: g.clone() });
        let y = mlp(2, 1).forward(&x).unwrap();
        assert!((y.data[[0]] - (17f32.tanh() + 5f32.tanh())).abs() < 1e-6);
        assert_eq!(y.space, Space::Opaque);
        assert!(mlp(3, 1).forward(&x).unwrap_err().0.contains("built for 3 nodes"));
        let big = Arc::new(Graph::new(65, vec![]));
        let xb = Signal::new(Array2::<f32>::zeros((65, 1)).into_dyn(), Space::Nodes { graph: big });
        assert!(mlp(2, 1).forward(&xb).unwrap_err().0.contains("limited to 64 nodes"));
    }
}

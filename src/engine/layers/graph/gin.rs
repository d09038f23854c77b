//! Graph isomorphism network layer (Xu et al. 2019):
//!
//! `h_i = MLP((1 + ε) x_i + Σ_{j ∈ N(i)} a_ij x_j)`, with
//! `MLP(z) = relu(z W1 + b1) W2 + b2`.
//!
//! Why it is permutation equivariant (claim G2): the sum over `N(i)` does not
//! depend on the order of the neighbours, renaming the nodes renames `i` and
//! its neighbours alike, and the same MLP is applied to every node. The sum
//! (not mean or max) keeps neighbourhood sizes, which makes GIN as strong as
//! 1-WL colour refinement, and no stronger (claim G6).

use super::aggregate::{aggregate, Aggregation};
use super::{expect_nodes, expect_width, linear, on_graph};
use crate::engine::layers::{Geometry, Layer, LayerError, Param, Setting};
use crate::engine::space::Signal;
use ndarray::{Array1, Array2};

/// A GIN layer: aggregation with `ε`, then a 2-layer MLP.
#[derive(Clone, Debug, PartialEq)]
pub struct Gin {
    /// Weight of a node's own features relative to its neighbours' (`1 + ε`).
    pub eps: f32,
    /// `(F_in, hidden)`
    pub w1: Array2<f32>,
    pub b1: Array1<f32>,
    /// `(hidden, F_out)`
    pub w2: Array2<f32>,
    pub b2: Array1<f32>,
}

impl Layer for Gin {
    fn settings(&self) -> Vec<(&'static str, Setting)> {
        vec![("eps", Setting::Number(self.eps as f64))]
    }

    fn kind(&self) -> &'static str {
        "gin"
    }

    fn label(&self) -> String {
        format!("GIN (ε = {}) {}→{}→{}", self.eps, self.w1.nrows(), self.w1.ncols(), self.w2.ncols())
    }

    fn forward(&self, x: &Signal) -> Result<Signal, LayerError> {
        let (graph, v) = expect_nodes(x, "GIN")?;
        expect_width("GIN", v.ncols(), self.w1.nrows())?;
        let owned = v.to_owned();
        let mut z = aggregate(graph, &owned, Aggregation::Sum, |_, _, w| w);
        z.scaled_add(1.0 + self.eps, &owned);
        let hidden = linear(z.view(), &self.w1, Some(&self.b1)).mapv_into(|t| t.max(0.0));
        Ok(on_graph(linear(hidden.view(), &self.w2, Some(&self.b2)), graph))
    }

    fn geometry(&self) -> Geometry {
        Geometry::Neighbourhood { hops: 1 }
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
    use crate::engine::space::Space;
    use std::sync::Arc;

    /// A literal value. numpy:
    /// A = [[0,1,0],[1,0,1],[0,1,0]]; x = [[1.],[2.],[-1.]]
    /// z = 1.5*x + A @ x                      -> [[3.5],[3.],[0.5]]
    /// relu(z @ [[1., -1.]] + [0, 1]) @ [[2.],[1.]] + 0.5
    ///                                        -> [[7.5],[6.5],[2.0]]
    #[test]
    fn literal_path_of_three() {
        let g = Arc::new(Graph::new(3, vec![(0, 1, 1.0), (1, 2, 1.0)]));
        let layer = Gin {
            eps: 0.5,
            w1: ndarray::arr2(&[[1.0, -1.0]]),
            b1: Array1::from(vec![0.0, 1.0]),
            w2: ndarray::arr2(&[[2.0], [1.0]]),
            b2: Array1::from(vec![0.5]),
        };
        let x = Signal::new(ndarray::arr2(&[[1.0f32], [2.0], [-1.0]]).into_dyn(), Space::Nodes { graph: g });
        let y = layer.forward(&x).unwrap();
        assert_eq!(y.data.iter().copied().collect::<Vec<_>>(), vec![7.5, 6.5, 2.0]);
        assert_eq!(y.shape(), &[3, 1]);
    }
}

//! Graph convolution (Kipf & Welling 2017):
//!
//! `H = D^-1/2 (A + I) D^-1/2 X W + b`, with `D` the (weighted) degree of
//! `A + I`, i.e. `h_i = Σ_{j ∈ N(i) ∪ {i}} a_ij / sqrt(d_i d_j) · x_j W + b`.
//!
//! Why it is permutation equivariant (claim G2): with `P` a permutation
//! matrix, `A -> P A Pᵀ` and `X -> P X` give `D -> P D Pᵀ`, so
//! `Â -> P Â Pᵀ` and `Â' P X W = P Â X W`: the output rows move exactly like
//! the input rows. `W` is shared by all nodes, so it never sees the order.
//! Computed as `X W` (dense, `(N, F)·(F, F')`) then one sparse pass over the
//! neighbour lists: O(N F F' + E F').

use super::aggregate::{aggregate, Aggregation};
use super::{expect_nodes, expect_width, linear, on_graph};
use crate::engine::layers::{Geometry, Layer, LayerError, Param};
use crate::engine::space::Signal;
use ndarray::{Array1, Array2};

/// A GCN layer with weights `(F_in, F_out)` (so `X W` reads as in the paper).
#[derive(Clone, Debug, PartialEq)]
pub struct Gcn {
    /// `(F_in, F_out)`
    pub weight: Array2<f32>,
    /// `(F_out)`
    pub bias: Array1<f32>,
}

impl Layer for Gcn {
    fn kind(&self) -> &'static str {
        "gcn"
    }

    fn label(&self) -> String {
        format!("GCN {}→{}, D^-½(A+I)D^-½ X W", self.weight.nrows(), self.weight.ncols())
    }

    fn forward(&self, x: &Signal) -> Result<Signal, LayerError> {
        let (graph, v) = expect_nodes(x, "GCN")?;
        expect_width("GCN", v.ncols(), self.weight.nrows())?;
        // d_i = 1 + Σ_j a_ij (the self-loop of A + I). With negative edge
        // weights d can reach 0: such a node gets no normalised messages
        // rather than a division by zero.
        let inv_sqrt: Vec<f32> = (0..graph.node_count())
            .map(|i| {
                let d = 1.0 + graph.strength(i);
                if d > 0.0 {
                    1.0 / d.sqrt()
                } else {
                    0.0
                }
            })
            .collect();
        let xw = linear(v, &self.weight, None);
        let f = xw.ncols();
        // Σ_j a_ij / sqrt(d_i d_j) · xw_j = (1 / sqrt(d_i)) · Σ_j a_ij · (xw_j / sqrt(d_j)):
        // scale the rows once, so each of the E messages is a plain weighted sum.
        // Rows as slices: ndarray's per-row views cost more than 8 floats of work.
        let xw = if xw.is_standard_layout() { xw } else { xw.as_standard_layout().into_owned() };
        let mut scaled = xw.into_raw_vec_and_offset().0;
        for (row, &s) in scaled.chunks_exact_mut(f.max(1)).zip(&inv_sqrt) {
            row.iter_mut().for_each(|v| *v *= s);
        }
        let scaled = Array2::from_shape_vec((inv_sqrt.len(), f), scaled).map_err(|e| LayerError(e.to_string()))?;
        let mut h = aggregate(graph, &scaled, Aggregation::Sum, |_, _, w| w);
        let bias = self.bias.as_slice().ok_or_else(|| LayerError("the bias is not contiguous".into()))?;
        if let (Some(out), Some(own)) = (h.as_slice_mut(), scaled.as_slice()) {
            for ((row, own), &s) in out.chunks_exact_mut(f.max(1)).zip(own.chunks_exact(f.max(1))).zip(&inv_sqrt) {
                // The `I` of `A + I`: each node's own message, weight 1 / d_i.
                for ((o, &m), &b) in row.iter_mut().zip(own).zip(bias) {
                    *o = (*o + m) * s + b;
                }
            }
        }
        Ok(on_graph(h, graph))
    }

    fn geometry(&self) -> Geometry {
        Geometry::Neighbourhood { hops: 1 }
    }

    fn params(&self) -> Vec<Param> {
        vec![
            Param { name: "weight".into(), value: self.weight.clone().into_dyn() },
            Param { name: "bias".into(), value: self.bias.clone().into_dyn() },
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::graph::Graph;
    use crate::engine::space::Space;
    use std::sync::Arc;

    /// The formula with dense matrices, for comparison.
    fn dense_gcn(g: &Graph, x: &Array2<f32>, w: &Array2<f32>, b: &Array1<f32>) -> Array2<f32> {
        let n = g.node_count();
        let a = g.dense_adjacency() + Array2::<f32>::eye(n);
        let d: Vec<f32> = a.rows().into_iter().map(|r| 1.0 / r.sum().sqrt()).collect();
        let norm = Array2::from_shape_fn((n, n), |(i, j)| d[i] * a[(i, j)] * d[j]);
        norm.dot(x).dot(w) + b
    }

    #[test]
    fn matches_the_dense_formula() {
        let g = Arc::new(Graph::new(5, vec![(0, 1, 1.0), (1, 2, 1.0), (2, 0, 1.0), (3, 4, 2.0), (3, 3, 1.0)]));
        let mut rng = crate::engine::rng::Rng::new(5);
        let x = Array2::from_shape_fn((5, 3), |_| rng.symmetric(1.0));
        let layer =
            Gcn { weight: Array2::from_shape_fn((3, 2), |_| rng.symmetric(1.0)), bias: Array1::from(vec![0.1, -0.2]) };
        let y = layer.forward(&Signal::new(x.clone().into_dyn(), Space::Nodes { graph: g.clone() })).unwrap();
        let want = dense_gcn(&g, &x, &layer.weight, &layer.bias);
        let got = y.data.into_dimensionality::<ndarray::Ix2>().unwrap();
        assert!((&got - &want).iter().all(|d| d.abs() < 1e-5), "{got} vs {want}");
    }

    /// A literal value. numpy:
    /// A = [[0,1],[1,0]]; Ah = A + I; d = Ah.sum(1)**-.5
    /// (d[:,None]*Ah*d[None,:]) @ [[1.],[3.]] @ [[2.]] + 1  ->  [[5.], [5.]]
    #[test]
    fn literal_two_nodes() {
        let g = Arc::new(Graph::new(2, vec![(0, 1, 1.0)]));
        let layer = Gcn { weight: Array2::from_elem((1, 1), 2.0), bias: Array1::from(vec![1.0]) };
        let x = Signal::new(ndarray::arr2(&[[1.0f32], [3.0]]).into_dyn(), Space::Nodes { graph: g });
        let y = layer.forward(&x).unwrap();
        assert_eq!(y.data.iter().copied().collect::<Vec<_>>(), vec![5.0, 5.0]);
    }

    #[test]
    fn refuses_wrong_widths_and_spaces() {
        let g = Arc::new(Graph::new(2, vec![(0, 1, 1.0)]));
        let layer = Gcn { weight: Array2::zeros((3, 2)), bias: Array1::zeros(2) };
        let x = Signal::new(Array2::<f32>::zeros((2, 2)).into_dyn(), Space::Nodes { graph: g });
        assert!(layer.forward(&x).unwrap_err().0.contains("expects 3 features"));
        let img = Signal::new(Array2::<f32>::zeros((2, 3)).into_dyn(), Space::Invariant);
        assert!(layer.forward(&img).is_err());
    }
}

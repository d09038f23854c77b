//! A message-passing layer with a choice of aggregation:
//!
//! `h_i = x_i W_self + ⊕_{j ∈ N(i)} a_ij x_j W_msg + b`, `⊕ ∈ {sum, mean, max}`.
//!
//! Why it is permutation equivariant (claim G2): every node uses the same
//! `W_self` and `W_msg`, and sum, mean and max are symmetric functions of the
//! neighbours' messages, so renaming the nodes only renames the rows of the
//! output. The three aggregations differ in what they can count: mean and
//! max forget how many neighbours sent a message (with constant features a
//! path and a cycle look alike to them), sum does not.

use super::aggregate::{aggregate, Aggregation};
use super::{expect_nodes, expect_width, linear, on_graph};
use crate::engine::layers::{Geometry, Layer, LayerError, Param, Setting};
use crate::engine::space::Signal;
use ndarray::{Array1, Array2};

/// Message passing with linear messages and a sum, mean or max aggregation.
#[derive(Clone, Debug, PartialEq)]
pub struct MessagePassing {
    pub aggregation: Aggregation,
    /// `(F_in, F_out)`, applied to the node itself.
    pub self_weight: Array2<f32>,
    /// `(F_in, F_out)`, applied to each neighbour's features (the message).
    pub message_weight: Array2<f32>,
    /// `(F_out)`
    pub bias: Array1<f32>,
}

impl Layer for MessagePassing {
    fn settings(&self) -> Vec<(&'static str, Setting)> {
        vec![("aggregation", Setting::text(self.aggregation.name()))]
    }

    fn kind(&self) -> &'static str {
        "mpnn"
    }

    fn label(&self) -> String {
        format!(
            "message passing ({}) {}→{}",
            self.aggregation.name(),
            self.self_weight.nrows(),
            self.self_weight.ncols()
        )
    }

    fn forward(&self, x: &Signal) -> Result<Signal, LayerError> {
        let (graph, v) = expect_nodes(x, "message passing")?;
        expect_width("message passing", v.ncols(), self.self_weight.nrows())?;
        if self.message_weight.dim() != self.self_weight.dim() || self.bias.len() != self.self_weight.ncols() {
            return Err(LayerError("message passing: the weight shapes do not match".into()));
        }
        // Messages are linear, so x_j W_msg is computed once per node, not per edge.
        let messages = linear(v, &self.message_weight, None);
        let mut h = aggregate(graph, &messages, self.aggregation, |_, _, w| w);
        h += &linear(v, &self.self_weight, Some(&self.bias));
        Ok(on_graph(h, graph))
    }

    fn geometry(&self) -> Geometry {
        Geometry::Neighbourhood { hops: 1 }
    }

    fn params(&self) -> Vec<Param> {
        vec![
            Param { name: "self_weight".into(), value: self.self_weight.clone().into_dyn() },
            Param { name: "message_weight".into(), value: self.message_weight.clone().into_dyn() },
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

    /// Literal values on a star with centre 0 and leaves 1, 2. numpy:
    /// x = [[1.],[2.],[-3.]]; own = 2*x + 1 -> [[3],[5],[-5]]
    /// sum:  msgs at 0 = 2 + -3 = -1; at 1, 2 = 1  -> [[2],[6],[-4]]
    /// mean: at 0 = -0.5                           -> [[2.5],[6],[-4]]
    /// max:  at 0 = 2                              -> [[5],[6],[-4]]
    #[test]
    fn literal_star() {
        let g = Arc::new(Graph::new(3, vec![(0, 1, 1.0), (0, 2, 1.0)]));
        let x = Signal::new(ndarray::arr2(&[[1.0f32], [2.0], [-3.0]]).into_dyn(), Space::Nodes { graph: g });
        for (aggregation, want) in [
            (Aggregation::Sum, [2.0, 6.0, -4.0]),
            (Aggregation::Mean, [2.5, 6.0, -4.0]),
            (Aggregation::Max, [5.0, 6.0, -4.0]),
        ] {
            let layer = MessagePassing {
                aggregation,
                self_weight: Array2::from_elem((1, 1), 2.0),
                message_weight: Array2::from_elem((1, 1), 1.0),
                bias: Array1::from(vec![1.0]),
            };
            let y = layer.forward(&x).unwrap();
            assert_eq!(y.data.iter().copied().collect::<Vec<_>>(), want.to_vec(), "{aggregation:?}");
            assert!(layer.label().contains(aggregation.name()));
        }
    }
}

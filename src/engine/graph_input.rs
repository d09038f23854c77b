//! The graph lab's input: a graph with node features and what is needed to
//! draw it (labels, types, positions), turned into a [`Signal`] on
//! [`Space::Nodes`] for the models.
//!
//! Node features are either given (by a file or the editor) or derived from
//! the graph: the degree, a one-hot encoding of the node type, or a constant.
//! Derived features depend only on the graph, never on the node order (the
//! one-hot columns follow the sorted type names), so they are themselves
//! permutation equivariant.

use crate::engine::action::{resolve_node_permutation, NoAction};
use crate::engine::graph::Graph;
use crate::engine::layout::circle_layout;
use crate::engine::space::{Signal, Space};
use crate::engine::transform::Transform;
use ndarray::Array2;
use std::sync::Arc;

/// Where node features come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NodeFeatures {
    /// The vectors given with the graph (file or editor).
    Given,
    /// One feature: the node's degree.
    Degree,
    /// One-hot node type (atom symbol, club, ...), columns in sorted type order.
    TypeOneHot,
    /// One feature, 1 for every node: only the graph's structure can tell nodes apart.
    Constant,
}

impl NodeFeatures {
    pub const ALL: [NodeFeatures; 4] =
        [NodeFeatures::Given, NodeFeatures::Degree, NodeFeatures::TypeOneHot, NodeFeatures::Constant];

    pub fn name(self) -> &'static str {
        match self {
            NodeFeatures::Given => "given",
            NodeFeatures::Degree => "degree",
            NodeFeatures::TypeOneHot => "type",
            NodeFeatures::Constant => "constant",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        NodeFeatures::ALL.into_iter().find(|k| k.name() == s)
    }
}

/// A graph and everything about its nodes.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphInput {
    pub graph: Arc<Graph>,
    /// Node features given with the graph, `(N, F)`.
    pub features: Option<Array2<f32>>,
    /// Display names (`None`: the node index is the name).
    pub labels: Option<Vec<String>>,
    /// Node types, for one-hot features and colours.
    pub types: Option<Vec<String>>,
    /// Positions for drawing, in the unit square.
    pub positions: Option<Vec<[f32; 2]>>,
}

impl GraphInput {
    /// A bare graph: no features, labels, types or positions.
    pub fn new(graph: Graph) -> Self {
        GraphInput { graph: Arc::new(graph), features: None, labels: None, types: None, positions: None }
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// The features a model should see by default: given ones, else the
    /// one-hot types, else the degree.
    pub fn default_features(&self) -> NodeFeatures {
        if self.features.is_some() {
            NodeFeatures::Given
        } else if self.types.is_some() {
            NodeFeatures::TypeOneHot
        } else {
            NodeFeatures::Degree
        }
    }

    /// The feature kinds this input can provide (for the picker).
    pub fn available_features(&self) -> Vec<NodeFeatures> {
        NodeFeatures::ALL
            .into_iter()
            .filter(|k| match k {
                NodeFeatures::Given => self.features.is_some(),
                NodeFeatures::TypeOneHot => self.types.is_some(),
                _ => true,
            })
            .collect()
    }

    /// The distinct node types, sorted: the columns of the one-hot features.
    pub fn type_vocabulary(&self) -> Vec<String> {
        let mut v: Vec<String> = self.types.iter().flatten().cloned().collect();
        v.sort();
        v.dedup();
        v
    }

    /// The `(N, F)` feature matrix of the given kind, or why it is not available.
    pub fn feature_matrix(&self, kind: NodeFeatures) -> Result<Array2<f32>, String> {
        let n = self.node_count();
        match kind {
            NodeFeatures::Given => {
                let f = self.features.as_ref().ok_or("this graph has no given node features")?;
                if f.nrows() != n {
                    return Err(format!("the graph has {n} nodes but {} feature rows", f.nrows()));
                }
                Ok(f.clone())
            }
            NodeFeatures::Degree => Ok(Array2::from_shape_fn((n, 1), |(i, _)| self.graph.degree(i) as f32)),
            NodeFeatures::Constant => Ok(Array2::ones((n, 1))),
            NodeFeatures::TypeOneHot => {
                let types = self.types.as_ref().ok_or("this graph has no node types")?;
                if types.len() != n {
                    return Err(format!("the graph has {n} nodes but {} node types", types.len()));
                }
                let vocab = self.type_vocabulary();
                let mut x = Array2::zeros((n, vocab.len()));
                for (i, t) in types.iter().enumerate() {
                    if let Ok(k) = vocab.binary_search(t) {
                        x[(i, k)] = 1.0;
                    }
                }
                Ok(x)
            }
        }
    }

    /// The model input: node features of the given kind on this graph.
    pub fn signal(&self, kind: NodeFeatures) -> Result<Signal, String> {
        Ok(Signal::new(self.feature_matrix(kind)?.into_dyn(), Space::Nodes { graph: self.graph.clone() }))
    }

    /// The name shown for node `i`.
    pub fn label(&self, i: usize) -> String {
        self.labels.as_ref().and_then(|l| l.get(i).cloned()).unwrap_or_else(|| i.to_string())
    }

    /// Positions for drawing: the given ones, or the nodes on a circle.
    pub fn positions_or_circle(&self) -> Vec<[f32; 2]> {
        match &self.positions {
            Some(p) if p.len() == self.node_count() => p.clone(),
            _ => circle_layout(self.node_count()),
        }
    }

    /// The input with its nodes renamed: node `i` becomes `mv.graph[i]` in
    /// the graph (with its label and position, so the drawing looks the same
    /// with new numbers) and row `i` of the features (and its type) becomes
    /// row `mv.features[i]`. The two differ only in the features-only mistake.
    pub fn permuted(&self, mv: &NodeMove) -> GraphInput {
        let n = self.node_count();
        if mv.graph.len() != n || mv.features.len() != n {
            return self.clone();
        }
        let features = self.features.as_ref().map(|f| {
            let mut out = f.clone();
            for (i, &to) in mv.features.iter().enumerate() {
                out.row_mut(to).assign(&f.row(i));
            }
            out
        });
        GraphInput {
            graph: crate::engine::action::permuted_graph(&self.graph, &mv.graph),
            features,
            labels: self.labels.as_ref().map(|v| scatter(v, &mv.graph)),
            types: self.types.as_ref().map(|v| scatter(v, &mv.features)),
            positions: self.positions.as_ref().map(|v| scatter(v, &mv.graph)),
        }
    }
}

/// `out[perm[i]] = v[i]` (vectors of the wrong length are returned unchanged).
fn scatter<T: Clone>(v: &[T], perm: &[usize]) -> Vec<T> {
    let mut out = v.to_vec();
    if v.len() == perm.len() {
        for (i, &to) in perm.iter().enumerate() {
            if let Some(slot) = out.get_mut(to) {
                *slot = v[i].clone();
            }
        }
    }
    out
}

/// Where a transformation sends each node, for the rows of `X` and for the
/// nodes of `A`. They are the same permutation unless a step is the
/// features-only mistake (`permx`, `swapx`), which moves `X` alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeMove {
    /// Row `i` of `X` becomes row `features[i]`.
    pub features: Vec<usize>,
    /// Node `i` of `A` becomes node `graph[i]`.
    pub graph: Vec<usize>,
}

impl NodeMove {
    pub fn identity(n: usize) -> Self {
        NodeMove { features: (0..n).collect(), graph: (0..n).collect() }
    }

    /// The node move of `g` (steps left to right) on a graph of `n` nodes.
    pub fn of(g: &Transform, n: usize) -> Result<Self, NoAction> {
        let mut mv = NodeMove::identity(n);
        for step in &g.steps {
            let (perm, features_only) = resolve_node_permutation(step, n)?;
            mv.features = mv.features.iter().map(|&k| perm[k]).collect();
            if !features_only {
                mv.graph = mv.graph.iter().map(|&k| perm[k]).collect();
            }
        }
        Ok(mv)
    }

    /// Whether `X` and `A` move together (the correct action, claim G1).
    pub fn is_consistent(&self) -> bool {
        self.features == self.graph
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::transform::Step;

    fn triangle_with_tail() -> GraphInput {
        let mut input = GraphInput::new(Graph::new(4, vec![(0, 1, 1.0), (1, 2, 1.0), (2, 0, 1.0), (2, 3, 1.0)]));
        input.types = Some(vec!["O".into(), "C".into(), "C".into(), "N".into()]);
        input
    }

    #[test]
    fn derived_features() {
        let input = triangle_with_tail();
        let deg = input.feature_matrix(NodeFeatures::Degree).unwrap();
        assert_eq!(deg.column(0).to_vec(), vec![2.0, 2.0, 3.0, 1.0]);
        // Columns in sorted order: C, N, O.
        let onehot = input.feature_matrix(NodeFeatures::TypeOneHot).unwrap();
        assert_eq!(onehot.row(0).to_vec(), vec![0.0, 0.0, 1.0]);
        assert_eq!(onehot.row(3).to_vec(), vec![0.0, 1.0, 0.0]);
        assert!(input.feature_matrix(NodeFeatures::Given).is_err());
        assert_eq!(input.default_features(), NodeFeatures::TypeOneHot);
        assert_eq!(input.signal(NodeFeatures::Constant).unwrap().shape(), &[4, 1]);
    }

    #[test]
    fn node_move_composes_and_tracks_the_mistake() {
        let g = Transform {
            steps: vec![
                Step::Swap { i: 0, j: 1, features_only: false },
                Step::Swap { i: 1, j: 2, features_only: true },
            ],
        };
        let mv = NodeMove::of(&g, 3).unwrap();
        assert_eq!(mv.graph, vec![1, 0, 2]);
        assert_eq!(mv.features, vec![2, 0, 1]);
        assert!(!mv.is_consistent());
        assert!(NodeMove::of(&Transform::single(Step::Swap { i: 0, j: 5, features_only: false }), 3).is_err());
    }

    #[test]
    fn permuting_the_input_matches_the_signal_action() {
        let input = triangle_with_tail();
        let g = Transform::single(Step::PermuteSeeded { seed: 3, inverse: false, features_only: false });
        let moved = input.permuted(&NodeMove::of(&g, 4).unwrap());
        let x = input.signal(NodeFeatures::TypeOneHot).unwrap();
        assert_eq!(g.act(&x).unwrap(), moved.signal(NodeFeatures::TypeOneHot).unwrap());
    }
}

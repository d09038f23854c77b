//! Edits of a [`GraphInput`] for the graph editor: add, move and delete
//! nodes, toggle edges, set a node's features or type. Each edit returns a
//! new input (the old one stays valid, so the UI can undo), keeping labels,
//! types, features and positions aligned with the nodes.

use crate::engine::graph::Graph;
use crate::engine::graph_input::GraphInput;
use ndarray::{Array2, Axis};
use std::sync::Arc;

impl GraphInput {
    /// A new node `n` at `position`, without edges: zero features, type `?`.
    pub fn add_node(&self, position: [f32; 2]) -> GraphInput {
        let n = self.node_count();
        let mut out = self.clone();
        out.graph = Arc::new(Graph::new(n + 1, self.graph.edges().to_vec()));
        out.features = self.features.as_ref().map(|f| {
            let mut g = Array2::zeros((n + 1, f.ncols()));
            g.slice_axis_mut(Axis(0), (0..n).into()).assign(f);
            g
        });
        if let Some(l) = &mut out.labels {
            l.push(n.to_string());
        }
        if let Some(t) = &mut out.types {
            t.push("?".into());
        }
        let mut positions = self.positions_or_circle();
        positions.push(position);
        out.positions = Some(positions);
        out
    }

    /// The graph without node `i`; the nodes after it move down by one.
    pub fn remove_node(&self, i: usize) -> GraphInput {
        let n = self.node_count();
        if i >= n {
            return self.clone();
        }
        let shift = |k: usize| if k > i { k - 1 } else { k };
        let edges = self
            .graph
            .edges()
            .iter()
            .filter(|e| e.0 != i && e.1 != i)
            .map(|&(u, v, w)| (shift(u), shift(v), w))
            .collect();
        let keep: Vec<usize> = (0..n).filter(|&k| k != i).collect();
        GraphInput {
            graph: Arc::new(Graph::new(n - 1, edges)),
            features: self.features.as_ref().map(|f| f.select(Axis(0), &keep)),
            labels: self.labels.as_deref().map(|v| select(v, &keep)),
            types: self.types.as_deref().map(|v| select(v, &keep)),
            positions: self.positions.as_deref().map(|v| select(v, &keep)),
        }
    }

    /// Remove the edge `u – v` if there is one (in either direction), else add
    /// it with weight 1. Ids out of range leave the input unchanged.
    pub fn toggle_edge(&self, u: usize, v: usize) -> GraphInput {
        let n = self.node_count();
        if u >= n || v >= n {
            return self.clone();
        }
        let same = |e: &(usize, usize, f32)| (e.0, e.1) == (u, v) || (e.0, e.1) == (v, u);
        let mut edges: Vec<_> = self.graph.edges().iter().filter(|e| !same(e)).copied().collect();
        if edges.len() == self.graph.edges().len() {
            edges.push((u, v, 1.0));
        }
        GraphInput { graph: Arc::new(Graph::new(n, edges)), ..self.clone() }
    }

    /// Node `i` drawn at `position` (a drag in the editor).
    pub fn move_node(&self, i: usize, position: [f32; 2]) -> GraphInput {
        let mut out = self.clone();
        let mut positions = self.positions_or_circle();
        if let Some(p) = positions.get_mut(i) {
            *p = position;
        }
        out.positions = Some(positions);
        out
    }

    /// Give node `i` the feature vector `values`. Without given features yet,
    /// every other node gets zeros of the same width; otherwise the width
    /// must match the other nodes'.
    pub fn set_node_features(&self, i: usize, values: &[f32]) -> Result<GraphInput, String> {
        let n = self.node_count();
        if i >= n {
            return Err(format!("there is no node {i}"));
        }
        if values.is_empty() || values.iter().any(|v| !v.is_finite()) {
            return Err("node features are one or more finite numbers".into());
        }
        let mut f = match &self.features {
            Some(f) if f.ncols() != values.len() => {
                return Err(format!("every node has {} features; node {i} was given {}", f.ncols(), values.len()))
            }
            Some(f) => f.clone(),
            None => Array2::zeros((n, values.len())),
        };
        f.row_mut(i).assign(&ndarray::ArrayView1::from(values));
        Ok(GraphInput { features: Some(f), ..self.clone() })
    }

    /// Give node `i` a type (an atom symbol, a club, ...); other nodes
    /// without a type get `?`.
    pub fn set_node_type(&self, i: usize, t: &str) -> GraphInput {
        let n = self.node_count();
        let mut out = self.clone();
        let mut types = self.types.clone().unwrap_or_else(|| vec!["?".into(); n]);
        if let Some(slot) = types.get_mut(i) {
            *slot = t.to_string();
            out.types = Some(types);
        }
        out
    }
}

/// The entries of `v` at the indices `keep` (missing ones skipped).
fn select<T: Clone>(v: &[T], keep: &[usize]) -> Vec<T> {
    keep.iter().filter_map(|&k| v.get(k).cloned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::graph_input::NodeFeatures;

    fn path3() -> GraphInput {
        let mut g = GraphInput::new(Graph::new(3, vec![(0, 1, 1.0), (1, 2, 1.0)]));
        g.types = Some(vec!["A".into(), "B".into(), "C".into()]);
        g.features = Some(ndarray::arr2(&[[1.0], [2.0], [3.0]]));
        g
    }

    #[test]
    fn add_and_remove_nodes_keep_everything_aligned() {
        let g = path3().add_node([0.5, 0.5]).toggle_edge(3, 0);
        assert_eq!(g.node_count(), 4);
        assert_eq!(g.graph.degree(3), 1);
        assert_eq!(g.positions.as_ref().unwrap()[3], [0.5, 0.5]);
        let r = g.remove_node(1);
        assert_eq!(r.node_count(), 3);
        assert_eq!(r.graph.edges(), &[(2, 0, 1.0)]);
        assert_eq!(r.types.unwrap(), vec!["A", "C", "?"]);
        assert_eq!(r.features.unwrap().column(0).to_vec(), vec![1.0, 3.0, 0.0]);
        assert_eq!(r.positions.unwrap().len(), 3);
        assert_eq!(path3().remove_node(7), path3());
    }

    #[test]
    fn toggling_twice_restores_the_edges() {
        let g = path3();
        let once = g.toggle_edge(2, 0);
        assert_eq!(once.graph.edges().len(), 3);
        assert_eq!(once.toggle_edge(0, 2).graph.edges(), g.graph.edges());
        assert_eq!(g.toggle_edge(1, 0).graph.edges(), &[(1, 2, 1.0)]);
        assert_eq!(g.toggle_edge(0, 9), g);
    }

    #[test]
    fn features_and_types_are_edited_per_node() {
        let g = GraphInput::new(Graph::new(2, vec![(0, 1, 1.0)]));
        let f = g.set_node_features(1, &[0.5, -1.0]).unwrap();
        assert_eq!(f.feature_matrix(NodeFeatures::Given).unwrap(), ndarray::arr2(&[[0.0, 0.0], [0.5, -1.0]]));
        assert!(f.set_node_features(0, &[1.0]).unwrap_err().contains("every node has 2 features"));
        assert!(f.set_node_features(5, &[1.0, 2.0]).is_err());
        assert!(f.set_node_features(0, &[f32::NAN, 1.0]).is_err());
        assert_eq!(g.set_node_type(0, "O").types.unwrap(), vec!["O", "?"]);
        assert_eq!(g.move_node(1, [0.1, 0.2]).positions.unwrap()[1], [0.1, 0.2]);
    }
}

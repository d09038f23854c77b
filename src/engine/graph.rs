//! Undirected graphs with sparse (CSR) adjacency, and how a node permutation
//! moves them: `A -> P A Pᵀ` (claim G1).

/// An undirected graph on nodes `0..n`. Edges are stored once as `(u, v, w)`;
/// the CSR arrays list every neighbour of every node (both directions), so a
/// message-passing layer costs O(N + E).
#[derive(Clone, Debug, PartialEq)]
pub struct Graph {
    n: usize,
    edges: Vec<(usize, usize, f32)>,
    offsets: Vec<usize>,
    neighbours: Vec<usize>,
    weights: Vec<f32>,
    /// Σ_j a_ij per node (the weighted degree), for the GCN's normalisation.
    strength: Vec<f32>,
}

impl Graph {
    /// Build from an edge list. Edges must name nodes below `n`; callers
    /// (the parsers) check that and report it to the user first.
    pub fn new(n: usize, edges: Vec<(usize, usize, f32)>) -> Self {
        let edges: Vec<_> = edges.into_iter().filter(|&(u, v, _)| u < n && v < n).collect();
        let mut degree = vec![0usize; n];
        for &(u, v, _) in &edges {
            degree[u] += 1;
            if u != v {
                degree[v] += 1;
            }
        }
        let mut offsets = vec![0usize; n + 1];
        for i in 0..n {
            offsets[i + 1] = offsets[i] + degree[i];
        }
        let mut fill = offsets.clone();
        let mut neighbours = vec![0usize; offsets[n]];
        let mut weights = vec![0f32; offsets[n]];
        for &(u, v, w) in &edges {
            neighbours[fill[u]] = v;
            weights[fill[u]] = w;
            fill[u] += 1;
            if u != v {
                neighbours[fill[v]] = u;
                weights[fill[v]] = w;
                fill[v] += 1;
            }
        }
        let strength = (0..n).map(|i| weights[offsets[i]..offsets[i + 1]].iter().sum()).collect();
        Graph { n, edges, offsets, neighbours, weights, strength }
    }

    pub fn node_count(&self) -> usize {
        self.n
    }

    pub fn edges(&self) -> &[(usize, usize, f32)] {
        &self.edges
    }

    /// Neighbours of `i` with edge weights.
    #[inline]
    pub fn neighbours(&self, i: usize) -> impl Iterator<Item = (usize, f32)> + '_ {
        let r = self.offsets[i]..self.offsets[i + 1];
        self.neighbours[r.clone()].iter().copied().zip(self.weights[r].iter().copied())
    }

    /// `Σ_j a_ij`: the sum of node `i`'s edge weights (in neighbour order).
    pub fn strength(&self, i: usize) -> f32 {
        self.strength.get(i).copied().unwrap_or(0.0)
    }

    pub fn degree(&self, i: usize) -> usize {
        self.offsets[i + 1] - self.offsets[i]
    }

    /// The graph with node `i` renamed `perm[i]`: adjacency `P A Pᵀ`.
    pub fn permuted(&self, perm: &[usize]) -> Graph {
        let edges = self.edges.iter().map(|&(u, v, w)| (perm[u], perm[v], w)).collect();
        Graph::new(self.n, edges)
    }

    /// Dense adjacency matrix (for drawing small graphs and for the MLP baseline).
    pub fn dense_adjacency(&self) -> ndarray::Array2<f32> {
        let mut a = ndarray::Array2::zeros((self.n, self.n));
        for &(u, v, w) in &self.edges {
            a[(u, v)] = w;
            a[(v, u)] = w;
        }
        a
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permuting_moves_adjacency_as_p_a_pt() {
        let g = Graph::new(3, vec![(0, 1, 1.0), (1, 2, 2.0)]);
        let perm = [2, 0, 1];
        let a = g.dense_adjacency();
        let pa = g.permuted(&perm).dense_adjacency();
        for i in 0..3 {
            for j in 0..3 {
                assert_eq!(pa[(perm[i], perm[j])], a[(i, j)]);
            }
        }
        assert_eq!(g.degree(1), 2);
    }
}

//! Sparse neighbourhood aggregation, the one kernel of every message-passing
//! layer: `out_i = ⊕_{j ∈ N(i)} c(i, j, w_ij) · v_j` with `⊕` a sum, mean or
//! max. It walks the CSR neighbour lists once, so it costs O((N + E) · F).
//!
//! Sum, mean and max are symmetric functions of the multiset of neighbour
//! messages: renaming the nodes renames `i` and the members of `N(i)` alike,
//! which is exactly why message passing is permutation equivariant.

use crate::engine::graph::Graph;
use ndarray::Array2;

/// How the messages of a node's neighbours are combined.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Aggregation {
    Sum,
    Mean,
    Max,
}

impl Aggregation {
    pub const ALL: [Aggregation; 3] = [Aggregation::Sum, Aggregation::Mean, Aggregation::Max];

    pub fn name(self) -> &'static str {
        match self {
            Aggregation::Sum => "sum",
            Aggregation::Mean => "mean",
            Aggregation::Max => "max",
        }
    }
}

/// `out_i = ⊕_{j ∈ N(i)} coef(i, j, w_ij) · values_j` for `values (N, F)`.
/// A node without neighbours gets zeros (for every aggregation, so that max
/// stays finite). Self-loops count as a neighbour, once.
pub fn aggregate(
    graph: &Graph,
    values: &Array2<f32>,
    mode: Aggregation,
    coef: impl Fn(usize, usize, f32) -> f32,
) -> Array2<f32> {
    let (n, f) = values.dim();
    let values = values.as_standard_layout();
    let src = values.as_slice().unwrap_or(&[]);
    let mut out = vec![0f32; n * f];
    let f1 = f.max(1);
    // One loop per mode (the mode is not re-examined for every message).
    match mode {
        // The usual widths with the width known to the compiler: each row sums
        // in registers, without bounds checks or a loop over the width.
        Aggregation::Sum | Aggregation::Mean if matches!(f, 1 | 2 | 4 | 8 | 16) => {
            let mean = mode == Aggregation::Mean;
            match f {
                1 => sum_rows::<1>(graph, src, &mut out, mean, &coef),
                2 => sum_rows::<2>(graph, src, &mut out, mean, &coef),
                4 => sum_rows::<4>(graph, src, &mut out, mean, &coef),
                8 => sum_rows::<8>(graph, src, &mut out, mean, &coef),
                _ => sum_rows::<16>(graph, src, &mut out, mean, &coef),
            }
        }
        Aggregation::Sum | Aggregation::Mean => {
            for (i, row) in out.chunks_exact_mut(f1).enumerate().take(n) {
                let mut count = 0usize;
                for (j, w) in graph.neighbours(i) {
                    let c = coef(i, j, w);
                    add_scaled(row, &src[j * f..(j + 1) * f], c);
                    count += 1;
                }
                if mode == Aggregation::Mean && count > 0 {
                    let inv = 1.0 / count as f32;
                    row.iter_mut().for_each(|o| *o *= inv);
                }
            }
        }
        Aggregation::Max => {
            for (i, row) in out.chunks_exact_mut(f1).enumerate().take(n) {
                for (k, (j, w)) in graph.neighbours(i).enumerate() {
                    let c = coef(i, j, w);
                    let msg = &src[j * f..(j + 1) * f];
                    if k == 0 {
                        row.iter_mut().zip(msg).for_each(|(o, &m)| *o = c * m);
                    } else {
                        row.iter_mut().zip(msg).for_each(|(o, &m)| *o = crate::engine::kernels::max(*o, c * m));
                    }
                }
            }
        }
    }
    Array2::from_shape_vec((n, f), out).unwrap_or_else(|_| Array2::zeros((n, f)))
}

/// The sum (or mean) aggregation for rows of exactly `F` features.
fn sum_rows<const F: usize>(
    graph: &Graph,
    src: &[f32],
    out: &mut [f32],
    mean: bool,
    coef: &impl Fn(usize, usize, f32) -> f32,
) {
    let (rows, _) = src.as_chunks::<F>();
    let (outs, _) = out.as_chunks_mut::<F>();
    for (i, row) in outs.iter_mut().enumerate() {
        let mut acc = [0f32; F];
        let mut count = 0usize;
        for (j, w) in graph.neighbours(i) {
            let c = coef(i, j, w);
            if let Some(m) = rows.get(j) {
                for k in 0..F {
                    acc[k] += c * m[k];
                }
            }
            count += 1;
        }
        if mean && count > 0 {
            let inv = 1.0 / count as f32;
            acc.iter_mut().for_each(|a| *a *= inv);
        }
        *row = acc;
    }
}

/// `row += c · msg`, four lanes at a time (a fixed-size inner loop the
/// compiler turns into one SIMD multiply-add; the feature width is only
/// known at run time).
#[inline(always)]
fn add_scaled(row: &mut [f32], msg: &[f32], c: f32) {
    let (rows, row_tail) = row.as_chunks_mut::<4>();
    let (msgs, msg_tail) = msg.as_chunks::<4>();
    for (o, m) in rows.iter_mut().zip(msgs) {
        for k in 0..4 {
            o[k] += c * m[k];
        }
    }
    for (o, &m) in row_tail.iter_mut().zip(msg_tail) {
        *o += c * m;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The obvious dense version: loop over all pairs of the dense adjacency.
    fn dense_reference(graph: &Graph, v: &Array2<f32>, mode: Aggregation) -> Array2<f32> {
        let a = graph.dense_adjacency();
        let (n, f) = v.dim();
        Array2::from_shape_fn((n, f), |(i, k)| {
            let msgs: Vec<f32> = (0..n).filter(|&j| a[(i, j)] != 0.0).map(|j| a[(i, j)] * v[(j, k)]).collect();
            match mode {
                _ if msgs.is_empty() => 0.0,
                Aggregation::Sum => msgs.iter().sum(),
                Aggregation::Mean => msgs.iter().sum::<f32>() / msgs.len() as f32,
                Aggregation::Max => msgs.iter().copied().fold(f32::NEG_INFINITY, f32::max),
            }
        })
    }

    #[test]
    fn matches_the_dense_reference() {
        let mut rng = crate::engine::rng::Rng::new(3);
        for n in [1usize, 2, 5, 9] {
            let mut edges = vec![];
            for u in 0..n {
                for v in u..n {
                    if rng.unit() < 0.4 {
                        edges.push((u, v, 0.5 + rng.unit()));
                    }
                }
            }
            let g = Graph::new(n, edges);
            let v = Array2::from_shape_fn((n, 3), |_| rng.symmetric(1.0));
            for mode in Aggregation::ALL {
                let fast = aggregate(&g, &v, mode, |_, _, w| w);
                let slow = dense_reference(&g, &v, mode);
                assert!((&fast - &slow).iter().all(|d| d.abs() < 1e-5), "{mode:?} n={n}: {fast} vs {slow}");
            }
        }
    }

    #[test]
    fn isolated_nodes_and_empty_graphs_give_zeros() {
        let g = Graph::new(3, vec![(0, 1, 1.0)]);
        let v = Array2::from_elem((3, 2), -4.0);
        let out = aggregate(&g, &v, Aggregation::Max, |_, _, w| w);
        assert_eq!(out.row(2).to_vec(), vec![0.0, 0.0]);
        assert_eq!(out.row(0).to_vec(), vec![-4.0, -4.0]);
        let empty = aggregate(&Graph::new(0, vec![]), &Array2::zeros((0, 2)), Aggregation::Mean, |_, _, w| w);
        assert_eq!(empty.dim(), (0, 2));
        let no_features = aggregate(&g, &Array2::zeros((3, 0)), Aggregation::Sum, |_, _, w| w);
        assert_eq!(no_features.dim(), (3, 0));
    }
}

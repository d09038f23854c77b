//! Numbers the graph lab draws, computed from engine values: a permutation
//! in cycle notation, whether it is a symmetry of the graph, one number per
//! node to colour its embedding by, and the initial 1-WL colours given by
//! node feature rows.
//!
//! Colouring uses one projection for both pipelines (fitted on `f(x)`), so a
//! node whose embedding moved with the permutation keeps its colour, and a
//! mistake shows up as colours that no longer match.

use crate::engine::graph::Graph;
use crate::engine::wl::canonical_labels;
use ndarray::ArrayView2;

/// The non-trivial cycles of `perm` (`perm[i]` = where `i` goes), each
/// starting at its smallest node, in order of that node.
pub fn cycles(perm: &[usize]) -> Vec<Vec<usize>> {
    let mut seen = vec![false; perm.len()];
    let mut out = Vec::new();
    for start in 0..perm.len() {
        if seen[start] {
            continue;
        }
        let mut cycle = Vec::new();
        let mut i = start;
        while i < perm.len() && !seen[i] {
            seen[i] = true;
            cycle.push(i);
            i = perm[i];
        }
        if cycle.len() > 1 {
            out.push(cycle);
        }
    }
    out
}

/// How many nodes `perm` moves.
pub fn moved_count(perm: &[usize]) -> usize {
    perm.iter().enumerate().filter(|(i, &p)| *i != p).count()
}

/// `perm` in cycle notation, `(0 3 5)(1 2)` meaning 0→3→5→0 and 1↔2, cut
/// with `…` after about `max_chars` characters (inside a long cycle too, so
/// a big permutation still shows where its first nodes go); `identity` when
/// nothing moves.
pub fn cycle_text(perm: &[usize], max_chars: usize) -> String {
    let mut s = String::new();
    for c in cycles(perm) {
        if !s.is_empty() && s.len() + 3 > max_chars {
            s.push_str(" …");
            return s;
        }
        s.push('(');
        for (k, i) in c.iter().enumerate() {
            let item = if k == 0 { i.to_string() } else { format!(" {i}") };
            if s.len() + item.len() + 1 > max_chars {
                s.push_str(" …");
                return s;
            }
            s.push_str(&item);
        }
        s.push(')');
    }
    if s.is_empty() {
        "identity".into()
    } else {
        s
    }
}

/// True when renaming node `i` to `perm[i]` maps every edge onto an edge.
pub fn is_automorphism(graph: &Graph, perm: &[usize]) -> bool {
    let n = graph.node_count();
    if perm.len() != n {
        return false;
    }
    // Fast answers first: the identity is one; a node sent to a node of
    // another degree rules it out (almost every random permutation), in O(N).
    if perm.iter().enumerate().all(|(i, &p)| i == p) {
        return true;
    }
    if perm.iter().enumerate().any(|(i, &p)| p >= n || graph.degree(p) != graph.degree(i)) {
        return false;
    }
    let key = |u: usize, v: usize, w: f32| (u.min(v), u.max(v), w.to_bits());
    let mut a: Vec<_> = graph.edges().iter().map(|&(u, v, w)| key(u, v, w)).collect();
    let mut b: Vec<_> =
        graph.edges().iter().filter_map(|&(u, v, w)| Some(key(*perm.get(u)?, *perm.get(v)?, w))).collect();
    a.sort_unstable();
    b.sort_unstable();
    a == b
}

/// A projection of row vectors onto one direction: the principal direction
/// of the rows it was fitted on (their first principal component).
#[derive(Clone, Debug, PartialEq)]
pub struct Projection {
    mean: Vec<f32>,
    direction: Vec<f32>,
}

impl Projection {
    /// Fit on the rows of `a` (`(N, F)`): power iteration on the `F × F`
    /// covariance from a fixed start, so the same rows give the same colours
    /// everywhere. Rows that are all equal give the first axis.
    pub fn fit(a: ArrayView2<f32>) -> Projection {
        let (n, f) = a.dim();
        let mut mean = vec![0f64; f];
        for row in a.rows() {
            for (m, &v) in mean.iter_mut().zip(row.iter()) {
                *m += v as f64;
            }
        }
        mean.iter_mut().for_each(|m| *m /= n.max(1) as f64);
        let mut cov = vec![0f64; f * f];
        for row in a.rows() {
            for p in 0..f {
                let dp = row[p] as f64 - mean[p];
                for q in 0..f {
                    cov[p * f + q] += dp * (row[q] as f64 - mean[q]);
                }
            }
        }
        // Start from a fixed vector that is unlikely to be orthogonal to the answer.
        let mut v: Vec<f64> = (0..f).map(|k| 1.0 + 0.1 * k as f64).collect();
        let mut ok = false;
        for _ in 0..100 {
            let w: Vec<f64> = (0..f).map(|p| (0..f).map(|q| cov[p * f + q] * v[q]).sum()).collect();
            let norm = w.iter().map(|x| x * x).sum::<f64>().sqrt();
            if norm < 1e-12 {
                break;
            }
            ok = true;
            v = w.iter().map(|x| x / norm).collect();
        }
        if !ok {
            v = (0..f).map(|k| if k == 0 { 1.0 } else { 0.0 }).collect();
        }
        // A fixed sign: the largest component is positive.
        let big = v.iter().copied().fold(0f64, |m, x| if x.abs() > m.abs() { x } else { m });
        if big < 0.0 {
            v.iter_mut().for_each(|x| *x = -*x);
        }
        Projection {
            mean: mean.into_iter().map(|m| m as f32).collect(),
            direction: v.into_iter().map(|x| x as f32).collect(),
        }
    }

    /// The coordinate of every row of `a` along the direction (rows of another
    /// width give 0).
    pub fn apply(&self, a: ArrayView2<f32>) -> Vec<f32> {
        if a.ncols() != self.direction.len() {
            return vec![0.0; a.nrows()];
        }
        a.rows()
            .into_iter()
            .map(|row| row.iter().zip(&self.mean).zip(&self.direction).map(|((&x, &m), &d)| (x - m) * d).sum())
            .collect()
    }
}

/// Initial 1-WL colours of two graphs from their feature rows: nodes with
/// equal rows (in either graph) get equal colours, one palette for both.
pub fn feature_colours(a: ArrayView2<f32>, b: ArrayView2<f32>) -> (Vec<u32>, Vec<u32>) {
    // `+ 0.0` makes -0.0 and 0.0 one value.
    let key = |row: ndarray::ArrayView1<f32>| row.iter().map(|&v| (v + 0.0).to_bits()).collect::<Vec<u32>>();
    let mut rows: Vec<Vec<u32>> = a.rows().into_iter().map(key).collect();
    rows.extend(b.rows().into_iter().map(key));
    let mut all = canonical_labels(&rows);
    let second = all.split_off(a.nrows().min(all.len()));
    (all, second)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::arr2;

    #[test]
    fn cycles_and_text() {
        let perm = [3, 2, 1, 5, 4, 0];
        assert_eq!(cycles(&perm), vec![vec![0, 3, 5], vec![1, 2]]);
        assert_eq!(cycle_text(&perm, 80), "(0 3 5)(1 2)");
        assert_eq!(cycle_text(&perm, 8), "(0 3 5) …");
        assert_eq!(cycle_text(&perm, 5), "(0 3 …");
        assert_eq!(cycle_text(&[0, 1, 2], 80), "identity");
        assert_eq!(moved_count(&perm), 5);
    }

    #[test]
    fn projection_follows_the_spread_and_permutes_with_rows() {
        let a = arr2(&[[0.0f32, 0.0], [1.0, 2.0], [2.0, 4.0]]);
        let p = Projection::fit(a.view());
        let x = p.apply(a.view());
        assert!((x[1]).abs() < 1e-5, "the mean row projects to 0");
        assert!((x[2] - 5f32.sqrt()).abs() < 1e-4 && (x[0] + 5f32.sqrt()).abs() < 1e-4, "{x:?}");
        let swapped = arr2(&[[2.0f32, 4.0], [1.0, 2.0], [0.0, 0.0]]);
        assert_eq!(p.apply(swapped.view()), vec![x[2], x[1], x[0]]);
        let flat = Projection::fit(arr2(&[[1.0f32, 1.0], [1.0, 1.0]]).view());
        assert_eq!(flat.apply(arr2(&[[1.0f32, 1.0]]).view()), vec![0.0]);
        assert_eq!(flat.apply(arr2(&[[1.0f32]]).view()), vec![0.0], "wrong width");
    }

    #[test]
    fn automorphisms_of_a_triangle_and_a_path() {
        let g = Graph::new(3, vec![(0, 1, 1.0), (1, 2, 1.0), (2, 0, 1.0)]);
        assert!(is_automorphism(&g, &[1, 2, 0]));
        let path = Graph::new(3, vec![(0, 1, 1.0), (1, 2, 1.0)]);
        assert!(is_automorphism(&path, &[2, 1, 0]));
        assert!(!is_automorphism(&path, &[1, 0, 2]));
        let weighted = Graph::new(3, vec![(0, 1, 1.0), (1, 2, 2.0)]);
        assert!(!is_automorphism(&weighted, &[2, 1, 0]), "weights must match too");
        assert!(is_automorphism(&path, &[0, 1, 2]));
        assert!(!is_automorphism(&path, &[0, 1]), "wrong length");
        // Every degree is 1 (a perfect matching), yet 0 -> 0, 1 -> 2 breaks the edge 0-1.
        let matching = Graph::new(4, vec![(0, 1, 1.0), (2, 3, 1.0)]);
        assert!(!is_automorphism(&matching, &[0, 2, 1, 3]));
        assert!(is_automorphism(&matching, &[2, 3, 0, 1]));
    }

    #[test]
    fn feature_colours_share_one_palette() {
        let a = arr2(&[[1.0f32, 0.0], [0.0, 1.0], [1.0, 0.0]]);
        let b = arr2(&[[0.0f32, 1.0], [-0.0, 1.0], [2.0, 2.0]]);
        let (ca, cb) = feature_colours(a.view(), b.view());
        assert_eq!(ca[0], ca[2]);
        assert_eq!(ca[1], cb[0]);
        assert_eq!(cb[0], cb[1], "-0 and 0 are the same feature");
        assert_ne!(cb[2], ca[0]);
    }
}

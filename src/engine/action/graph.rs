//! Node permutations acting on graph signals: `X -> P X` and `A -> P A Pᵀ`
//! together (claim G1), or, in the "features only" mistake, `X -> P X` alone.

use super::{not_here, NoAction};
use crate::engine::graph::Graph;
use crate::engine::rng::Rng;
use crate::engine::space::{Signal, Space, Tensor};
use crate::engine::transform::Step;
use std::cell::RefCell;
use std::sync::Arc;

pub(super) fn act(step: &Step, x: &Signal) -> Result<Signal, NoAction> {
    let Space::Nodes { graph } = &x.space else { unreachable!("graph::act is only called on node spaces") };
    let n = graph.node_count();
    let (perm, features_only) = resolve(step, n)?;
    let data = permute_rows(&x.data, &perm);
    let graph = if features_only { graph.clone() } else { permuted_graph(graph, &perm) };
    Ok(Signal::new(data, Space::Nodes { graph }))
}

/// Row `i` of `data` becomes row `perm[i]`. Whole rows are copied as slices:
/// per-row n-dimensional views cost more than the copy on large graphs.
fn permute_rows(data: &Tensor, perm: &[usize]) -> Tensor {
    let shape = data.shape().to_vec();
    let std = data.as_standard_layout();
    let flat = std.as_slice().expect("standard layout is contiguous");
    let width = shape.iter().skip(1).product::<usize>();
    let mut out = vec![0f32; flat.len()];
    for (i, &to) in perm.iter().enumerate() {
        out[to * width..(to + 1) * width].copy_from_slice(&flat[i * width..(i + 1) * width]);
    }
    Tensor::from_shape_vec(shape, out).expect("same number of entries")
}

/// A source graph, a permutation, and the permuted graph.
type PermutedGraph = (Arc<Graph>, Vec<usize>, Arc<Graph>);

thread_local! {
    /// The last graph permuted, the permutation and the result. The check moves
    /// the output of every node layer by the same permutation of the same
    /// graph; rebuilding its neighbour lists each time was most of the cost on
    /// a 10,000-node graph.
    static LAST: RefCell<Option<PermutedGraph>> = const { RefCell::new(None) };
}

/// `graph` with node `i` renamed `perm[i]`, remembered for the next call: the
/// check's every node layer, g·x and the lab's drawing of g·x all ask for
/// the same one.
pub fn permuted_graph(graph: &Arc<Graph>, perm: &[usize]) -> Arc<Graph> {
    LAST.with(|last| {
        if let Some((src, p, out)) = &*last.borrow() {
            if Arc::ptr_eq(src, graph) && p.as_slice() == perm {
                return out.clone();
            }
        }
        let out = Arc::new(graph.permuted(perm));
        *last.borrow_mut() = Some((graph.clone(), perm.to_vec(), out.clone()));
        out
    })
}

/// The permutation a step stands for on `n` nodes (`perm[i]` = new index of
/// node `i`), and whether it is the features-only mistake.
pub fn resolve(step: &Step, n: usize) -> Result<(Vec<usize>, bool), NoAction> {
    match step {
        Step::Permute { perm, features_only } => {
            let mut seen = vec![false; n];
            if perm.len() != n || perm.iter().any(|&p| p >= n || std::mem::replace(&mut seen[p], true)) {
                return Err(NoAction(format!(
                    "{step} is not a permutation of the {n} nodes: list each of 0..{} exactly once",
                    n.saturating_sub(1)
                )));
            }
            Ok((perm.clone(), *features_only))
        }
        Step::PermuteSeeded { seed, inverse, features_only } => {
            Ok((seeded_permutation(*seed, *inverse, n), *features_only))
        }
        Step::Swap { i, j, features_only } => {
            if *i >= n || *j >= n {
                return Err(NoAction(format!("{step}: the graph has nodes 0..{} only", n.saturating_sub(1))));
            }
            let mut p: Vec<usize> = (0..n).collect();
            p.swap(*i, *j);
            Ok((p, *features_only))
        }
        _ => Err(not_here(step, "graphs")),
    }
}

/// `(seed, inverse, n)` and the permutation they give.
type SeededPermutation = ((u64, bool, usize), Vec<usize>);

thread_local! {
    /// The last seeded permutation drawn: the check acts with the same
    /// `perm(seed)` on every node layer, and drawing 10,000 random numbers
    /// each time was several percent of a recompute.
    static LAST_SEEDED: RefCell<Option<SeededPermutation>> = const { RefCell::new(None) };
}

/// `Rng::new(seed).permutation(n)`, or its inverse; remembered for the next call.
fn seeded_permutation(seed: u64, inverse: bool, n: usize) -> Vec<usize> {
    LAST_SEEDED.with(|last| {
        if let Some((key, p)) = &*last.borrow() {
            if *key == (seed, inverse, n) {
                return p.clone();
            }
        }
        let p = Rng::new(seed).permutation(n);
        let p = if inverse { invert(&p) } else { p };
        *last.borrow_mut() = Some(((seed, inverse, n), p.clone()));
        p
    })
}

fn invert(p: &[usize]) -> Vec<usize> {
    let mut inv = vec![0; p.len()];
    for (i, &to) in p.iter().enumerate() {
        inv[to] = i;
    }
    inv
}

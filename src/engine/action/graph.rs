//! Node permutations acting on graph signals: `X -> P X` and `A -> P A Pᵀ`
//! together (claim G1), or, in the "features only" mistake, `X -> P X` alone.

use super::{not_here, NoAction};
use crate::engine::rng::Rng;
use crate::engine::space::{Signal, Space};
use crate::engine::transform::Step;
use ndarray::Axis;
use std::sync::Arc;

pub(super) fn act(step: &Step, x: &Signal) -> Result<Signal, NoAction> {
    let Space::Nodes { graph } = &x.space else { unreachable!("graph::act is only called on node spaces") };
    let n = graph.node_count();
    let (perm, features_only) = resolve(step, n)?;
    let mut data = x.data.clone();
    for (i, &to) in perm.iter().enumerate() {
        data.index_axis_mut(Axis(0), to).assign(&x.data.index_axis(Axis(0), i));
    }
    let graph = if features_only { graph.clone() } else { Arc::new(graph.permuted(&perm)) };
    Ok(Signal::new(data, Space::Nodes { graph }))
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
            let p = Rng::new(*seed).permutation(n);
            let p = if *inverse { invert(&p) } else { p };
            Ok((p, *features_only))
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

fn invert(p: &[usize]) -> Vec<usize> {
    let mut inv = vec![0; p.len()];
    for (i, &to) in p.iter().enumerate() {
        inv[to] = i;
    }
    inv
}

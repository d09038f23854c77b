//! A short explanation beside each layer of why it is (or is not)
//! permutation equivariant for the current g. Written from the layer's kind,
//! what g does to X and A, and the measured verdict, so the words always
//! agree with the number next to them.

use crate::engine::check::{LayerCheck, Verdict};
use crate::engine::graph::Graph;
use crate::engine::graph_input::NodeMove;
use crate::engine::graph_views::is_automorphism;

/// What g does to this input, in the terms the explanations need.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GShape {
    /// Every node keeps its number.
    pub identity: bool,
    /// X moved but A did not (the features-only mistake, claim G5).
    pub mistake: bool,
    /// X's permutation maps the edges onto themselves (P A Pᵀ = A).
    pub automorphism: bool,
}

impl GShape {
    pub fn of(graph: &Graph, mv: &NodeMove) -> GShape {
        let identity = mv.features.iter().enumerate().all(|(i, &p)| i == p) && mv.is_consistent();
        GShape { identity, mistake: !mv.is_consistent(), automorphism: is_automorphism(graph, &mv.features) }
    }
}

fn aggregation_text(kind: &str, label: &str) -> String {
    match kind {
        "gcn" => "A GCN layer replaces each node's features by a degree-normalised average over itself and its neighbours, then applies one weight matrix W to every node: H' = Â H W.".into(),
        "gin" => "A GIN layer adds up each node's neighbours (a sum does not care in which order they come), adds the node itself, and runs the same small MLP on every node.".into(),
        _ => {
            let agg = ["sum", "mean", "max"].into_iter().find(|a| label.contains(a)).unwrap_or("sum");
            format!("A message-passing layer combines each node's own features with the {agg} of its neighbours' features, using the same weights for every node.")
        }
    }
}

/// The explanation for one layer; `previous` is the verdict of the layer before.
pub fn explain(check: &LayerCheck, previous: Option<Verdict>, g: GShape) -> String {
    if g.identity {
        return "g is the identity here (every node keeps its number), so both pipelines see the same input: every layer is trivially invariant.".into();
    }
    let v = check.verdict;
    let broken_before = matches!(previous, Some(Verdict::Neither) | Some(Verdict::Approximate));
    match check.kind {
        "gcn" | "gin" | "mpnn" => {
            let mut s = aggregation_text(check.kind, &check.label);
            let exact = matches!(v, Verdict::Equivariant | Verdict::Invariant);
            s.push_str(match (g.mistake, exact, g.automorphism, v) {
                (true, false, ..) => " Here X was permuted but A was not (the mistake): each row of features moved to another node, but every node still listens to its old neighbours, so the features and the neighbourhoods no longer belong together and f(g·x) is not P f(x). A must move with X: P A Pᵀ.",
                (true, true, true, _) => " X was permuted without A, but this permutation happens to map the edges onto themselves (P A Pᵀ = A), so leaving A alone is the same as moving it: no error this time.",
                (true, true, false, _) => " X was permuted without A, but the rows that moved carry the same values (or sit in look-alike neighbourhoods), so the mistake happens to be invisible to this layer. Try a permutation that moves nodes with different features.",
                (false, _, true, Verdict::Invariant) => " This permutation maps the edges onto themselves (a symmetry of the graph) and the features agree, so the output does not change at all: invariant, a special case of equivariant.",
                (false, _, false, Verdict::Invariant) => " Here every node's neighbourhood, as far as this layer can see, looks just like the one of the node that takes its number, so the outputs coincide: invariant, a special case of equivariant. Deeper layers see further and may tell the difference.",
                (false, _, _, Verdict::Equivariant) => " Renumbering the nodes renumbers the rows of H and both the rows and the columns of A (P A Pᵀ); the same weights act on every node, so the output rows are renumbered the same way: f(P·x) = P f(x), equivariant.",
                _ => "",
            });
            if broken_before {
                s.push_str(" An earlier layer already broke the symmetry.");
            }
            s
        }
        "relu" | "tanh" => {
            let mut s = "A pointwise nonlinearity looks at one number at a time, so it commutes with any renumbering of the rows: it keeps whatever symmetry its input had.".to_string();
            if broken_before || v == Verdict::Neither {
                s.push_str(" It cannot repair what the layer before broke.");
            }
            s
        }
        "readout_sum" | "readout_mean" | "readout_max" => {
            let op = match check.kind {
                "readout_sum" => "sum",
                "readout_mean" => "mean",
                _ => "maximum",
            };
            let mut s = format!("The readout takes the {op} of each feature over all nodes. It does not depend on the order of the rows, so renumbering the nodes cannot change it: this is where the node order is forgotten; everything before it was equivariant.");
            if v != Verdict::Invariant {
                s.push_str(" But it is only as invariant as what it reads: after the mistake the node embeddings are not a renumbering of the original ones, so the readout changes too.");
            } else if g.mistake {
                s.push_str(" After the mistake it happens to agree here: the embeddings it pools were not changed in a way this readout can see.");
            }
            s
        }
        "dense" => {
            if v == Verdict::Invariant {
                "The head sees only the pooled vector, which did not change, so its scores do not change either: the network's answer is invariant.".into()
            } else {
                "The head only sees the readout, and the readout already changed, so the scores change too.".into()
            }
        }
        "mlp" => {
            if v == Verdict::Invariant {
                "This MLP reads A and X written out in node order, with its own weight for every position. This g happens to leave both A and X exactly as they were (a symmetry of the graph and its features), so even the MLP sees the same numbers.".into()
            } else {
                "This MLP reads A and X written out in node order, z = [vec(A), vec(X)], with its own weight for every position of z. Renumbering the nodes moves the entries of A and X to other positions, under other weights, so the output changes: not invariant, and its output has no node order for g to act on, so not equivariant either. GNNs avoid this by sharing one set of weights over all nodes and aggregating neighbours with order-free sums.".into()
            }
        }
        _ => String::new(),
    }
}

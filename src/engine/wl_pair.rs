//! The 1-WL panel's computation for a pair of graphs (claim G6): colour
//! refinement run on both with one palette, round by round, and a network's
//! readout on both with the same weights. If 1-WL cannot tell the graphs
//! apart, no message-passing network can: their readouts agree.

use crate::engine::graph_input::{GraphInput, NodeFeatures};
use crate::engine::graph_views::feature_colours;
use crate::engine::models::graph::{build, GraphArch, GraphModelConfig};
use crate::engine::wl::{compare, WlComparison};

/// Most refinement rounds run (1-WL stabilises within N rounds; the presets
/// within a few).
pub const MAX_ROUNDS: usize = 12;

/// Both graphs refined, and the network's readout on each.
#[derive(Clone, Debug, PartialEq)]
pub struct WlPair {
    pub comparison: WlComparison,
    /// The features both graphs start from (their rows are the initial colours).
    pub features: NodeFeatures,
    /// The readout of the network (its last layer for the MLP) on each graph.
    pub readout_a: Vec<f32>,
    pub readout_b: Vec<f32>,
    /// Which layer `readout_*` come from, in words.
    pub readout_name: String,
    /// Why the readouts are missing or say nothing, when they do.
    pub model_note: Option<String>,
}

impl WlPair {
    /// Largest difference between the two readouts.
    pub fn readout_gap(&self) -> f32 {
        self.readout_a.iter().zip(&self.readout_b).map(|(a, b)| (a - b).abs()).fold(0.0, f32::max)
    }
}

/// The readout vector of `cfg`'s network on `input` (the layer that pools the
/// nodes; the MLP's only layer), and what it is.
fn readout(cfg: &GraphModelConfig, input: &GraphInput, kind: NodeFeatures) -> Result<(Vec<f32>, String), String> {
    let x = input.signal(kind)?;
    let width = x.shape().get(1).copied().unwrap_or(1);
    let model = build(cfg, input.node_count(), width).map_err(|e| e.0)?;
    let trace = model.trace(&x).map_err(|e| e.0)?;
    let k = model
        .layers
        .iter()
        .position(|l| l.kind().starts_with("readout"))
        .unwrap_or(model.layers.len().saturating_sub(1));
    let name = match model.layers.get(k) {
        Some(l) if cfg.arch != GraphArch::Mlp => format!("the readout, layer {} ({})", k + 1, l.kind()),
        _ => "the MLP's output".to_string(),
    };
    Ok((trace.get(k).map(|s| s.data.iter().copied().collect()).unwrap_or_default(), name))
}

/// Refine both graphs and run the network on both. The features are
/// `wanted` where both graphs have them, else all equal.
pub fn compare_pair(a: &GraphInput, b: &GraphInput, cfg: &GraphModelConfig, wanted: NodeFeatures) -> Option<WlPair> {
    let both = a.available_features().contains(&wanted) && b.available_features().contains(&wanted);
    let features = if both { wanted } else { NodeFeatures::Constant };
    let (xa, xb) = (a.feature_matrix(features).ok()?, b.feature_matrix(features).ok()?);
    let (ca, cb) = if xa.ncols() == xb.ncols() {
        feature_colours(xa.view(), xb.view())
    } else {
        (vec![0; a.node_count()], vec![0; b.node_count()])
    };
    let comparison = compare(&a.graph, Some(&ca), &b.graph, Some(&cb), MAX_ROUNDS);
    let (mut readout_a, mut readout_b, mut readout_name, mut model_note) = (vec![], vec![], String::new(), None);
    match (readout(cfg, a, features), readout(cfg, b, features)) {
        (Ok((ra, name)), Ok((rb, _))) if ra.len() == rb.len() => {
            readout_a = ra;
            readout_b = rb;
            readout_name = name;
        }
        (Err(e), _) | (_, Err(e)) => {
            model_note = Some(format!("The {} network cannot run here: {e}.", cfg.arch.name()))
        }
        _ => model_note = Some("The two graphs give outputs of different sizes.".into()),
    }
    if cfg.arch == GraphArch::Mlp && model_note.is_none() {
        model_note = Some("The MLP baseline is not a message-passing network, so 1-WL says nothing about it: it reads the node order, and even the same graph numbered differently gets another output.".into());
    }
    Some(WlPair { comparison, features, readout_a, readout_b, readout_name, model_note })
}

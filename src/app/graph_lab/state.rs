//! The graph lab's state: what it holds, how it starts from the URL, and the
//! checks that keep g and the features kind valid for the current graph.
//! Changes go through [`super::reducer`] (actions), [`super::gestures`]
//! (editor taps) and [`super::recompute`] (rerunning the pipelines).

pub use crate::app::clock::{join_errors as join, now_ms};
use crate::engine::graph::Graph;
use crate::engine::graph_input::{GraphInput, NodeFeatures, NodeMove};
use crate::engine::model::Model;
use crate::engine::models::graph::GraphModelConfig;
use crate::engine::pipelines::Pipelines;
use crate::engine::transform::{Step, Transform};
use crate::io::graph_link;
use crate::io::graph_presets;
use crate::io::graph_settings::{GraphSettings, LinkedGraph, DEFAULT_PRESET};
use crate::io::transform_edit::{self, GEdit};
use crate::io::transform_expr::Domain;
use std::rc::Rc;

/// Above this many nodes the lab draws points without labels, hides the
/// matrices and turns editing off: a 200 × 200 adjacency matrix is the most
/// a screen can show cell by cell.
pub const BIG: usize = 200;
/// Undo steps kept.
const UNDO_DEPTH: usize = 40;

/// Where the current graph came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    Preset(String),
    File(String),
    /// A preset or file the learner has edited.
    Edited,
    /// A graph carried by a link (`graph=`) or an imported state file.
    Link,
}

/// What a tap on a node does in the editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditMode {
    /// Tap empty space: add a node; tap a node, then another: toggle the edge.
    Edit,
    /// Tap a node or an edge: delete it.
    Delete,
    /// Tap two nodes: append `swap(i,j)` to g.
    Swap,
}

#[derive(Clone, Debug)]
pub struct GraphLabState {
    pub input: Rc<GraphInput>,
    pub source: Source,
    /// The `graph=` code of the current graph when it is not a preset
    /// (`Ok(None)` for a preset), or why it does not fit in a link.
    pub link: Result<Option<String>, String>,
    pub(super) undo: Vec<(Rc<GraphInput>, Source, NodeFeatures)>,
    /// The input with g applied, for drawing (labels and positions move with A).
    pub moved: Rc<GraphInput>,
    /// Where g sends each row of X and each node of A.
    pub node_move: NodeMove,
    pub g: Transform,
    pub features: NodeFeatures,
    pub cfg: GraphModelConfig,
    /// `None` when the model cannot run on this graph (the reason is in `model_error`).
    pub model: Option<Model>,
    pub model_error: Option<String>,
    pub pipelines: Option<Rc<Pipelines>>,
    pub compute_ms: f64,
    pub error: Option<String>,
    pub notice: Option<String>,
    /// The node of x the learner picked (highlighted everywhere).
    pub picked: Option<usize>,
    pub mode: EditMode,
    /// First node tapped in swap mode (a node of x).
    pub pending_swap: Option<usize>,
    /// Which layer's embedding colours the nodes (`None`: the last node layer).
    pub colour_layer: Option<usize>,
    /// The layer the compare strip shows, once the learner picked one (the
    /// first layer that is not exact until then); reset with the model.
    pub shown: Option<usize>,
    /// Force-layout frames still to run, and how many iterations each.
    pub layout_frames: usize,
    pub layout_iterations: usize,
    /// Bumped by every layout frame, so the animation schedules the next one.
    pub layout_tick: u64,
    /// The two presets of the 1-WL panel.
    pub wl: (String, String),
    /// Bumped on every change the URL should reflect.
    pub revision: u64,
    /// Bumped whenever the pipelines were recomputed.
    pub compute_rev: u64,
}

impl GraphLabState {
    pub fn new(settings: GraphSettings, errors: Vec<String>) -> Self {
        let preset = settings.preset.clone().unwrap_or_else(|| DEFAULT_PRESET.into());
        let (input, source) = match &settings.graph {
            Some(linked) => ((*linked.input).clone(), Source::Link),
            None => (
                graph_presets::load(&preset).unwrap_or_else(|| GraphInput::new(Graph::new(0, vec![]))),
                Source::Preset(preset),
            ),
        };
        let n = input.node_count();
        let mut s = GraphLabState {
            moved: Rc::new(input.clone()),
            input: Rc::new(input),
            source,
            link: Ok(None),
            undo: Vec::new(),
            node_move: NodeMove::identity(n),
            g: Transform::identity(),
            features: NodeFeatures::Degree,
            cfg: settings.model,
            model: None,
            model_error: None,
            pipelines: None,
            compute_ms: 0.0,
            error: None,
            notice: None,
            picked: None,
            mode: EditMode::Edit,
            pending_swap: None,
            colour_layer: None,
            shown: None,
            layout_frames: 0,
            layout_iterations: 0,
            layout_tick: 0,
            wl: settings.wl.clone(),
            revision: 0,
            compute_rev: 0,
        };
        let mut errors = errors;
        s.features = s.checked_features(settings.features, &mut errors);
        s.accept_g(settings.g, &mut errors);
        s.error = join(errors);
        s.refresh_link();
        s.recompute(true);
        s
    }

    /// Encode the current graph for the link again (after it changed).
    pub(super) fn refresh_link(&mut self) {
        self.link = match self.source {
            Source::Preset(_) => Ok(None),
            _ => graph_link::for_link(&self.input).map(Some),
        };
    }

    /// The settings the URL should hold.
    pub fn settings(&self) -> GraphSettings {
        GraphSettings {
            preset: match &self.source {
                Source::Preset(p) => Some(p.clone()),
                _ => None,
            },
            graph: self.link.clone().ok().flatten().map(|code| LinkedGraph { input: self.input.clone(), code }),
            g: self.g.clone(),
            model: self.cfg,
            features: Some(self.features),
            wl: self.wl.clone(),
        }
    }

    pub fn n(&self) -> usize {
        self.input.node_count()
    }

    pub fn is_big(&self) -> bool {
        self.n() > BIG
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True when g is the features-only mistake (claim G5).
    pub fn mistake(&self) -> bool {
        self.g.steps.iter().any(is_features_only)
    }

    /// `wanted` if this input has it, else its default (saying so in `errors`).
    pub(super) fn checked_features(&self, wanted: Option<NodeFeatures>, errors: &mut Vec<String>) -> NodeFeatures {
        let available = self.input.available_features();
        match wanted {
            Some(k) if available.contains(&k) => k,
            Some(k) => {
                let d = self.input.default_features();
                errors.push(format!(
                    "This graph has no “{}” features, so the nodes carry “{}” features instead.",
                    k.name(),
                    d.name()
                ));
                d
            }
            None => self.input.default_features(),
        }
    }

    /// Take `g` if it acts on the current graph; otherwise keep only the
    /// steps that do and say which were dropped.
    pub(super) fn accept_g(&mut self, g: Transform, errors: &mut Vec<String>) {
        let n = self.n();
        let (keep, dropped): (Vec<Step>, Vec<Step>) =
            g.steps.into_iter().partition(|s| NodeMove::of(&Transform::single(s.clone()), n).is_ok());
        if !dropped.is_empty() {
            let names: Vec<String> = dropped.iter().map(|s| s.to_string()).collect();
            errors.push(format!(
                "The graph has {n} nodes (0 to {}), so {} cannot act on it and {} left out of g.",
                n.saturating_sub(1),
                names.join(", "),
                if dropped.len() == 1 { "was" } else { "were" }
            ));
        }
        self.g = Transform { steps: keep };
    }

    /// A transformation-bar edit: the new g (if it acts here), or why not.
    pub(super) fn edit_g(&mut self, edit: GEdit) {
        match transform_edit::apply(&self.g, edit, Domain::Graph) {
            Ok(g) => self.set_g(g),
            Err(message) => self.error = Some(message),
        }
    }

    /// Replace g if it acts on this graph, else refuse it with the reason.
    pub(super) fn set_g(&mut self, g: Transform) {
        match NodeMove::of(&g, self.n()) {
            Ok(_) => {
                self.g = g;
                self.error = None;
                self.pending_swap = None;
                self.recompute(false);
            }
            Err(e) => self.error = Some(format!("{g} cannot act on this graph: {e}. g was kept.")),
        }
    }

    pub(super) fn push_undo(&mut self) {
        self.undo.push((self.input.clone(), self.source.clone(), self.features));
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
    }
}

pub fn is_features_only(s: &Step) -> bool {
    matches!(
        s,
        Step::Permute { features_only: true, .. }
            | Step::PermuteSeeded { features_only: true, .. }
            | Step::Swap { features_only: true, .. }
    )
}

/// The same step, permuting the features only (`on`) or X and A together.
pub fn with_features_only(s: &Step, on: bool) -> Step {
    match s.clone() {
        Step::Permute { perm, .. } => Step::Permute { perm, features_only: on },
        Step::PermuteSeeded { seed, inverse, .. } => Step::PermuteSeeded { seed, inverse, features_only: on },
        Step::Swap { i, j, .. } => Step::Swap { i, j, features_only: on },
        other => other,
    }
}

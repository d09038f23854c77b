//! The graph lab's state and how it is recomputed. Every change goes through
//! [`super::reducer`]; this file holds what the state is and the work it
//! does: rebuild the model, rerun only the pipelines a change invalidated,
//! keep g valid for the current graph, and move the drawing of g·x along.

use crate::engine::check::{compare, LayerCheck};
use crate::engine::graph::Graph;
use crate::engine::graph_input::{GraphInput, NodeFeatures, NodeMove};
use crate::engine::model::Model;
use crate::engine::models::graph::{build, GraphModelConfig};
use crate::engine::space::Signal;
use crate::engine::transform::{Step, Transform};
use crate::io::graph_presets;
use crate::io::graph_settings::{GraphSettings, DEFAULT_PRESET};
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

/// Both pipelines and their checks, recomputed together.
#[derive(Clone, Debug)]
pub struct Pipelines {
    pub x: Signal,
    pub gx: Signal,
    pub trace_x: Rc<Vec<Signal>>,
    pub trace_gx: Rc<Vec<Signal>>,
    pub checks: Vec<LayerCheck>,
}

#[derive(Clone, Debug)]
pub struct GraphLabState {
    pub input: Rc<GraphInput>,
    pub source: Source,
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
        let input = graph_presets::load(&preset).unwrap_or_else(|| GraphInput::new(Graph::new(0, vec![])));
        let n = input.node_count();
        let mut s = GraphLabState {
            moved: Rc::new(input.clone()),
            input: Rc::new(input),
            source: Source::Preset(preset),
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
        s.recompute(true);
        s
    }

    /// The settings the URL should hold.
    pub fn settings(&self) -> GraphSettings {
        GraphSettings {
            preset: match &self.source {
                Source::Preset(p) => Some(p.clone()),
                _ => None,
            },
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

    /// A new graph (from an edit, a preset or a file): keep g where it still
    /// acts, keep the features kind where it still exists, rerun everything.
    pub(super) fn set_input(&mut self, input: GraphInput, source: Source) {
        self.input = Rc::new(input);
        self.source = source;
        let mut notes = Vec::new();
        self.features = self.checked_features(Some(self.features), &mut notes);
        let g = std::mem::take(&mut self.g);
        self.accept_g(g, &mut notes);
        if !notes.is_empty() {
            self.notice = join(notes);
        }
        if self.picked.is_some_and(|p| p >= self.n()) {
            self.picked = None;
        }
        if self.pending_swap.is_some_and(|p| p >= self.n()) {
            self.pending_swap = None;
        }
        self.recompute(true);
    }

    /// Only the positions changed (a drag, a layout frame): move the drawing
    /// of g·x along without rerunning any network.
    pub(super) fn set_positions(&mut self, positions: Vec<[f32; 2]>) {
        let input = Rc::make_mut(&mut self.input);
        input.positions = Some(positions);
        let mut moved = (*self.moved).clone();
        moved.positions = input.positions.as_ref().map(|p| scatter(p, &self.node_move.graph));
        self.moved = Rc::new(moved);
    }

    /// Rerun the pipelines: both when `input_or_model` changed, else only g·x.
    pub(super) fn recompute(&mut self, input_or_model: bool) {
        let t0 = now_ms();
        let n = self.n();
        self.node_move = NodeMove::of(&self.g, n).unwrap_or_else(|_| NodeMove::identity(n));
        self.moved = Rc::new(self.input.permuted(&self.node_move));
        let x = match self.input.signal(self.features) {
            Ok(x) => x,
            Err(e) => {
                self.fail(format!("The node features cannot be built: {e}."));
                self.finish(t0);
                return;
            }
        };
        if input_or_model || self.model.is_none() {
            let width = x.shape().get(1).copied().unwrap_or(1);
            match build(&self.cfg, n, width) {
                Ok(m) => {
                    self.model = Some(m);
                    self.model_error = None;
                }
                Err(e) => {
                    self.model = None;
                    self.fail(format!("The {} model cannot run on this graph: {}.", self.cfg.arch.name(), e.0));
                    self.finish(t0);
                    return;
                }
            }
        }
        let Some(model) = self.model.as_ref() else { return };
        let trace_x = match (&self.pipelines, input_or_model) {
            (Some(p), false) => Ok(p.trace_x.clone()),
            _ => model.trace(&x).map(Rc::new).map_err(|e| e.0),
        };
        let result = trace_x.and_then(|trace_x| {
            let gx = self.g.act(&x).map_err(|e| format!("g cannot act on this graph: {e}"))?;
            let trace_gx = Rc::new(model.trace(&gx).map_err(|e| e.0)?);
            let checks = compare(model, &trace_x, &trace_gx, &self.g);
            Ok(Pipelines { x, gx, trace_x, trace_gx, checks })
        });
        match result {
            Ok(p) => self.pipelines = Some(Rc::new(p)),
            Err(e) => self.fail(e),
        }
        self.finish(t0);
    }

    fn fail(&mut self, message: String) {
        self.model_error = Some(message.clone());
        self.error = Some(message);
        self.pipelines = None;
    }

    fn finish(&mut self, t0: f64) {
        self.compute_ms = now_ms() - t0;
        self.compute_rev += 1;
        self.revision += 1;
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

/// `out[perm[i]] = v[i]`.
fn scatter<T: Clone>(v: &[T], perm: &[usize]) -> Vec<T> {
    let mut out = v.to_vec();
    for (i, &to) in perm.iter().enumerate() {
        if let (Some(slot), Some(x)) = (out.get_mut(to), v.get(i)) {
            *slot = x.clone();
        }
    }
    out
}

pub(super) fn join(messages: Vec<String>) -> Option<String> {
    (!messages.is_empty()).then(|| messages.join(" "))
}

pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

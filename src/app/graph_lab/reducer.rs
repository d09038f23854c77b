//! Everything a learner can do in the graph lab (`Action`), and what each
//! does to the state. Edits of the graph rerun both pipelines; a new g reruns
//! only g·x; dragging a node, a layout frame, picking a node rerun nothing.

use super::state::{is_features_only, join, with_features_only, EditMode, GraphLabState, Source};
use crate::engine::graph_input::{GraphInput, NodeFeatures};
use crate::engine::layout::force_layout;
use crate::engine::models::graph::GraphModelConfig;
use crate::engine::text::thousands;
use crate::engine::transform::Transform;
use crate::io::graph_file::{GraphFormat, ParsedGraph};
use crate::io::graph_presets;
use crate::io::graph_settings::GraphSettings;
use crate::io::transform_edit::GEdit;

use std::rc::Rc;
use yew::Reducible;

pub enum Action {
    /// Apply URL settings (a pasted link).
    ApplySettings(GraphSettings, Vec<String>),
    LoadPreset(String),
    LoadFile {
        name: String,
        parsed: ParsedGraph,
    },
    /// A graph restored from an imported state file.
    LoadLinked(GraphInput),
    /// Input that was refused, with the reason.
    Refuse(String),
    /// A node of x was tapped (or activated with the keyboard) in the editor.
    NodeTap(usize),
    /// A node of g·x was tapped.
    MovedNodeTap(usize),
    /// Empty space of the editor was tapped, at this position.
    BackgroundTap([f32; 2]),
    EdgeTap(usize, usize),
    /// A drag starts: remember the graph for undo.
    BeginDrag,
    MoveNode(usize, [f32; 2]),
    /// A node drag ended: the link takes the new drawing.
    EndDrag,
    RemoveNode(usize),
    SetNodeFeatures(usize, Vec<f32>),
    SetNodeType(usize, String),
    Undo,
    StartLayout,
    StopLayout,
    LayoutFrame,
    /// An edit of g from the transformation panel. Steps it sets or
    /// appends keep the features-only mistake when it is on.
    EditG(GEdit),
    /// Turn every step into its features-only version (the G5 mistake) or back.
    SetMistake(bool),
    SetModel(GraphModelConfig),
    SetFeatures(NodeFeatures),
    SetColourLayer(Option<usize>),
    /// Show this layer in the compare strip.
    Show(usize),
    Pick(Option<usize>),
    SetMode(EditMode),
    SetWl(String, String),
    DismissError,
}

impl Reducible for GraphLabState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::ApplySettings(settings, errors) => {
                let mut errors = errors;
                if let Some(linked) =
                    settings.graph.as_ref().filter(|g| s.link.as_ref().ok() != Some(&Some(g.code.clone())))
                {
                    s.push_undo();
                    s.input = linked.input.clone();
                    s.source = Source::Link;
                    s.picked = None;
                    s.refresh_link();
                } else if let Some(p) = settings.preset.as_ref().filter(|p| s.source != Source::Preset((*p).clone())) {
                    if let Some(input) = graph_presets::load(p) {
                        s.push_undo();
                        s.input = Rc::new(input);
                        s.source = Source::Preset(p.clone());
                        s.picked = None;
                        s.refresh_link();
                    }
                }
                s.features = s.checked_features(settings.features, &mut errors);
                s.accept_g(settings.g, &mut errors);
                if s.cfg != settings.model {
                    s.shown = None;
                }
                s.cfg = settings.model;
                s.wl = settings.wl;
                s.error = join(errors);
                s.colour_layer = None;
                s.recompute(true);
            }
            Action::LoadPreset(name) => match graph_presets::load(&name) {
                Some(input) => {
                    s.notice = None;
                    s.error = None;
                    s.load(input, Source::Preset(name));
                }
                None => s.error = Some(format!("There is no graph preset called “{name}”.")),
            },
            Action::LoadFile { name, parsed } => {
                let mut input = parsed.input;
                let laid_out = input.positions.is_some();
                if !laid_out {
                    input.positions = Some(input.positions_or_circle());
                }
                let format = match parsed.format {
                    GraphFormat::EdgeList => "edge list",
                    GraphFormat::Json => "JSON",
                };
                let mut lines = vec![format!(
                    "Loaded “{name}” ({format}): {} nodes, {} edges.",
                    thousands(input.node_count()),
                    thousands(input.graph.edges().len())
                )];
                if !parsed.warnings.is_empty() {
                    lines.push(format!("Accepted, but worth knowing: {}", parsed.warnings.join("; ")));
                }
                s.error = None;
                s.load(input, Source::File(name));
                s.notice = Some(match s.notice.take() {
                    Some(extra) => format!("{} {extra}", lines.join(" ")),
                    None => lines.join(" "),
                });
                if !laid_out {
                    s.start_layout();
                    // The undo step of the load is enough.
                    s.undo.pop();
                }
            }
            Action::LoadLinked(input) => {
                s.error = None;
                s.notice = None;
                s.load(input, Source::Link);
            }
            Action::Refuse(message) => s.error = Some(message),
            Action::NodeTap(i) => s.node_tap(i),
            Action::MovedNodeTap(j) => {
                // The drawing of g·x places nodes by A's permutation.
                if let Some(i) = s.node_move.graph.iter().position(|&to| to == j) {
                    if s.mode == EditMode::Swap {
                        s.swap_tap(i);
                    } else {
                        s.picked = if s.picked == Some(i) { None } else { Some(i) };
                    }
                }
            }
            Action::BackgroundTap(pos) => {
                if s.picked.is_some() || s.pending_swap.is_some() {
                    s.picked = None;
                    s.pending_swap = None;
                } else if s.mode == EditMode::Edit && !s.is_big() {
                    s.edit(|g| g.add_node(pos));
                    s.picked = None;
                }
            }
            Action::EdgeTap(u, v) => {
                if s.mode == EditMode::Delete {
                    s.edit(|g| g.toggle_edge(u, v));
                }
            }
            Action::BeginDrag => s.push_undo(),
            Action::MoveNode(i, pos) => {
                let mut positions = s.input.positions_or_circle();
                if let Some(p) = positions.get_mut(i) {
                    *p = [pos[0].clamp(0.0, 1.0), pos[1].clamp(0.0, 1.0)];
                    s.set_positions(positions);
                }
            }
            Action::EndDrag => {
                // A moved node is an edit of the drawing: the link carries it,
                // encoded once when the drag ends rather than on every pointer move.
                if matches!(s.source, Source::Preset(_)) {
                    s.source = Source::Edited;
                }
                s.refresh_link();
                s.revision += 1;
            }
            Action::RemoveNode(i) => s.remove_node(i),
            Action::SetNodeFeatures(i, values) => match s.input.set_node_features(i, &values) {
                Ok(next) => {
                    s.push_undo();
                    s.features = NodeFeatures::Given;
                    s.error = None;
                    s.set_input(next, Source::Edited);
                }
                Err(e) => s.error = Some(format!("Node {i}'s features were not changed: {e}.")),
            },
            Action::SetNodeType(i, t) => {
                let t = t.trim().to_string();
                if t.is_empty() || t.chars().count() > 24 {
                    s.error = Some("A node type is a short name, like C, O or club-A (1 to 24 characters).".into());
                } else {
                    s.push_undo();
                    let next = s.input.set_node_type(i, &t);
                    s.features = NodeFeatures::TypeOneHot;
                    s.error = None;
                    s.set_input(next, Source::Edited);
                }
            }
            Action::Undo => {
                if let Some((input, source, features)) = s.undo.pop() {
                    s.features = features;
                    s.layout_frames = 0;
                    s.set_input((*input).clone(), source);
                }
            }
            Action::StartLayout => s.start_layout(),
            Action::StopLayout => {
                s.layout_frames = 0;
                s.layout_done();
            }
            Action::LayoutFrame => {
                if s.layout_frames > 0 {
                    let positions = force_layout(&s.input.graph, &s.input.positions_or_circle(), s.layout_iterations);
                    s.set_positions(positions);
                    s.layout_frames -= 1;
                    s.layout_tick += 1;
                    if s.layout_frames == 0 {
                        s.layout_done();
                    }
                }
            }
            Action::EditG(edit) => {
                let mistake = s.mistake();
                let edit = match edit {
                    GEdit::Push(step) => GEdit::Push(with_features_only(&step, mistake || is_features_only(&step))),
                    GEdit::Set(step) => GEdit::Set(with_features_only(&step, mistake || is_features_only(&step))),
                    other => other,
                };
                s.edit_g(edit);
            }
            Action::SetMistake(on) => {
                let steps = s.g.steps.iter().map(|st| with_features_only(st, on)).collect();
                s.set_g(Transform { steps });
            }
            Action::SetModel(cfg) => {
                s.cfg = cfg;
                s.error = None;
                s.colour_layer = None;
                s.shown = None;
                s.recompute(true);
            }
            Action::SetFeatures(kind) => {
                if s.input.available_features().contains(&kind) {
                    s.features = kind;
                    s.recompute(true);
                }
            }
            Action::SetColourLayer(layer) => s.colour_layer = layer,
            Action::Show(k) => s.shown = Some(k),
            Action::Pick(node) => s.picked = node.filter(|&i| i < s.n()),
            Action::SetMode(mode) => {
                s.mode = mode;
                s.pending_swap = None;
            }
            Action::SetWl(a, b) => {
                s.wl = (a, b);
                s.revision += 1;
            }
            Action::DismissError => s.error = None,
        }
        Rc::new(s)
    }
}

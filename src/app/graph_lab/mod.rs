//! The graph lab (`#/graph`): edit or load a graph, renumber its nodes with
//! a permutation g, and compare a GNN (or the node-order MLP) on the graph
//! and on the renumbered graph, layer by layer (claims G1–G5); then see with
//! 1-WL colour refinement what message passing cannot tell apart (G6).
//!
//! The lab frame holds the editor, the renumbering and the network in its
//! side bar; the compare strip shows x, g·x, the network's verdict and one
//! layer's f(x), f(g·x), P f(x) and difference; below it, the readout, the
//! matrices X, A, P X, P A Pᵀ and every layer in detail.

mod editor;
mod explain;
mod gestures;
mod graph_canvas;
mod graph_svg;
mod layer_row;
mod matrices;
mod model_panel;
mod node_inspector;
mod recompute;
mod reducer;
mod state;
mod strip;
mod transform_bar;
mod vector_bars;
mod views;
mod wl_data;
mod wl_panel;

use crate::app::share::{self, Ran};
use crate::app::url;
use crate::app::widgets::bar_chart::{BarChart, Series};
use crate::app::widgets::compare_strip::{default_layer, CompareStrip};
use crate::app::widgets::compute_time::ComputeTime;
use crate::app::widgets::lab_frame::LabFrame;
use crate::app::widgets::layer_check::LayerCheckProps;
use crate::app::widgets::share_bar::ShareBarProps;
use crate::engine::check::LayerCheck;
use crate::engine::text::thousands;
use crate::io::graph_link;
use crate::io::graph_settings::{self, LinkedGraph};
use crate::io::import_state::ImportedState;
use crate::viz::bars::{COLOR_GX, COLOR_X};
use editor::Editor;
use explain::GShape;
use graph_canvas::GraphCanvas;
use graph_svg::{ByIdentity, GraphSvg};
use layer_row::{LayerRow, RowLabels};
use matrices::MatricesPanel;
use model_panel::ModelPanel;
use reducer::Action;
use state::{GraphLabState, Source, BIG};
use transform_bar::TransformBar;
use wl_panel::WlPanel;
use yew::prelude::*;

#[component]
pub fn GraphLab() -> Html {
    let state = use_reducer(|| {
        let (mut settings, errors) = graph_settings::read(&url::current_or_default());
        // A graph-lab file imported from another lab's share bar.
        if let Some(g) = share::take_imported_graph() {
            settings.graph = Some(LinkedGraph { input: std::rc::Rc::new(g), code: String::new() });
        }
        GraphLabState::new(settings, errors)
    });

    // Mirror the state into the URL, so a copied link reproduces the view.
    {
        let state = state.clone();
        url::use_url_mirror(state.revision, move |loc| graph_settings::write(loc, &state.settings()));
    }
    // A pasted link (hash change) applies its settings, keeping the graph
    // when the link names no preset.
    {
        let dispatch = state.dispatcher();
        url::use_pasted_links(
            "/graph",
            Callback::from(move |loc| {
                let (settings, errors) = graph_settings::read(&loc);
                dispatch.dispatch(Action::ApplySettings(settings, errors));
            }),
        );
    }
    // The force layout, a few iterations per animation frame.
    {
        let dispatch = state.dispatcher();
        let running = state.layout_frames > 0;
        use_effect_with((state.layout_tick, running), move |(_, running)| {
            let frame =
                running.then(|| gloo::render::request_animation_frame(move |_| dispatch.dispatch(Action::LayoutFrame)));
            move || drop(frame)
        });
    }

    let n = state.n();
    let big = state.is_big();
    let kinds: Vec<&'static str> =
        state.model.as_ref().map(|m| m.layers.iter().map(|l| l.kind()).collect()).unwrap_or_default();
    let views = {
        let p = state.pipelines.clone();
        use_memo(state.compute_rev, move |_| p.as_ref().map(|p| views::layer_views(p, n)).unwrap_or_default())
    };
    // Node colours; unchanged ones keep their identity, so a new g does not
    // redraw the drawing of x.
    let last_colours = use_mut_ref(|| None::<views::NodeColours>);
    let colours = {
        let (p, kinds) = (state.pipelines.clone(), kinds.clone());
        use_memo((state.compute_rev, state.colour_layer), move |(_, choice)| {
            let p = p.as_ref()?;
            let mut c = views::node_colours(p, *choice, &kinds);
            if let Some(old) = last_colours.borrow().as_ref() {
                if old.x.0 == c.x.0 {
                    c.x = old.x.clone();
                }
                if old.gx.0 == c.gx.0 {
                    c.gx = old.gx.clone();
                }
            }
            *last_colours.borrow_mut() = Some(c.clone());
            Some((c, views::node_layers(p)))
        })
    };
    let matrices = {
        let (p, input, kind, mv) =
            (state.pipelines.clone(), state.input.clone(), state.features, state.node_move.clone());
        use_memo(state.compute_rev, move |_| p.as_ref().and_then(|p| views::matrices(p, &input, kind, &mv)))
    };
    let shape = {
        let (input, mv) = (state.input.clone(), state.node_move.clone());
        use_memo(state.compute_rev, move |_| GShape::of(&input.graph, &mv))
    };

    let d = state.dispatcher();
    let dismiss = Callback::from(move |_| d.dispatch(Action::DismissError));
    let (source, preset) = match &state.source {
        Source::Preset(p) => (format!("preset “{p}”"), Some(AttrValue::from(p.clone()))),
        Source::File(name) => (format!("file “{name}”"), None),
        Source::Edited => ("your edits".to_string(), None),
        Source::Link => ("the graph from the link".to_string(), None),
    };
    let (node_colours, colour_choices) = match (*colours).clone() {
        Some((c, layers)) => (Some(c), layers),
        None => (None, vec![]),
    };
    let mut choices = vec![0];
    choices.extend(colour_choices.iter().copied());
    let colour_layer =
        state.colour_layer.filter(|c| choices.contains(c)).or(colour_choices.last().copied()).unwrap_or(0);
    let moved_index = |i: usize| state.node_move.graph.get(i).copied();
    // Borrowed, not cloned: each check holds ρ(g)f(x), 80,000 numbers per layer on random-10k.
    let checks: &[LayerCheck] = state.pipelines.as_ref().map(|p| p.checks.as_slice()).unwrap_or(&[]);
    let readout = state.pipelines.as_ref().and_then(|p| {
        let k = kinds.iter().position(|k| k.starts_with("readout")).unwrap_or(kinds.len().checked_sub(1)?);
        let (fx, fgx) = (p.trace_x.get(k)?, p.trace_gx.get(k)?);
        (fx.data.ndim() == 1).then(|| {
            let labels = (1..=fx.data.len()).map(|i| format!("h{i}")).collect::<Vec<_>>();
            let series = vec![
                Series { name: "x".into(), values: fx.data.iter().copied().collect(), color: COLOR_X },
                Series { name: "g·x".into(), values: fgx.data.iter().copied().collect(), color: COLOR_GX },
            ];
            (k, labels, series)
        })
    });
    let pick = {
        let d = state.dispatcher();
        Callback::from(move |i: usize| d.dispatch(Action::Pick(Some(i))))
    };
    let pick_moved = {
        let (d, graph) = (state.dispatcher(), state.node_move.graph.clone());
        Callback::from(move |j: usize| d.dispatch(Action::Pick(graph.iter().position(|&to| to == j))))
    };
    let row_labels = matrices.as_ref().as_ref().map(|m| RowLabels {
        fx: m.rows.clone(),
        fgx: m.pa_rows.clone(),
        moved: m.px_rows.clone(),
    });
    let highlight =
        state.picked.map(|i| (i, moved_index(i).unwrap_or(i), state.node_move.features.get(i).copied().unwrap_or(i)));

    let export = {
        let state = state.clone();
        Callback::from(move |()| {
            let (p, model) = (state.pipelines.as_ref()?, state.model.as_ref()?);
            Some(share::export_json_with(
                "graph",
                p,
                Ran { g: &state.g, model, model_gx: None },
                vec![("graph", graph_json(&state))],
            ))
        })
    };
    let import = {
        let (d, d2) = (state.dispatcher(), state.dispatcher());
        share::importer_with(
            Callback::from(move |e| d.dispatch(Action::Refuse(e))),
            Callback::from(move |_: ImportedState| {
                if let Some(g) = share::take_imported_graph() {
                    d2.dispatch(Action::LoadLinked(g));
                }
            }),
        )
    };
    let share = ShareBarProps {
        export,
        import,
        file_name: "symmetry-lab-graph.json".into(),
        title: "graphs".into(),
        link_note: state.link.clone().err().map(AttrValue::from),
    };

    // The compare strip: x, g·x, the verdict and one layer's four panels.
    let layers: Vec<LayerCheckProps> = checks.iter().map(LayerCheckProps::from_check).collect();
    let shown = state.shown.unwrap_or_else(|| default_layer(&layers)).min(layers.len().saturating_sub(1));
    let strip_view = {
        let (p, views, mv) = (state.pipelines.clone(), views.clone(), state.node_move.clone());
        use_memo((state.compute_rev, shown, state.picked), move |(_, k, picked)| {
            let (p, v) = (p.as_ref()?, views.get(*k)?);
            Some(strip::panels(p, *k, v, &mv, *picked))
        })
    };
    let (panels, mut note) = (*strip_view).clone().unwrap_or_default();
    if big {
        note.push_str(" x and g·x are drawn as points.");
    }
    if let Some(c) = &node_colours {
        note.push_str(&format!(" Node colours: {}.", c.source.trim_start_matches("the output of ")));
    }
    let on_show = {
        let d = state.dispatcher();
        Callback::from(move |k: usize| d.dispatch(Action::Show(k)))
    };
    let (x_view, gx_view) = if big {
        (
            html! { <GraphCanvas input={ByIdentity(state.input.clone())} colours={node_colours.as_ref().map(|c| c.x.clone())} label="the graph x" testid="graph-x" /> },
            html! { <GraphCanvas input={ByIdentity(state.moved.clone())} colours={node_colours.as_ref().map(|c| c.gx.clone())} label="the renumbered graph g·x" testid="graph-gx" /> },
        )
    } else {
        let d = state.dispatcher();
        (
            html! { <GraphSvg input={ByIdentity(state.input.clone())} colours={node_colours.as_ref().map(|c| c.x.clone())} picked={state.picked}
            label="the graph x (edit it in the side bar)" class="strip-graph" /> },
            html! { <GraphSvg input={ByIdentity(state.moved.clone())} colours={node_colours.as_ref().map(|c| c.gx.clone())}
            picked={state.picked.and_then(moved_index)} pending={state.pending_swap.and_then(moved_index)}
            label="the renumbered graph g·x (tap a node to pick it)" testid="graph-gx" class="strip-graph"
            on_node_tap={Callback::from(move |j| d.dispatch(Action::MovedNodeTap(j)))} /> },
        )
    };
    let strip = html! {
        <CompareStrip x={x_view} gx={gx_view} g={state.g.to_string()} {layers} selected={shown} on_select={on_show}
            {panels} note={(!note.is_empty()).then(|| AttrValue::from(note.trim().to_string()))}
            empty={state.model_error.clone().or_else(|| state.error.clone()).map(AttrValue::from)} />
    };
    let controls = html! {
        <>
            <Editor input={ByIdentity(state.input.clone())} colours={node_colours.as_ref().map(|c| c.x.clone())}
                picked={state.picked} pending={state.pending_swap} mode={state.mode} {big} can_undo={state.can_undo()}
                layout_running={state.layout_frames > 0} source={source} {preset} features={state.features} dispatch={state.dispatcher()} />
            <TransformBar g={state.g.clone()} node_move={state.node_move.clone()} mistake={state.mistake()} dispatch={state.dispatcher()} />
            <ModelPanel cfg={state.cfg} model={state.model.clone()} features={state.features} available={state.input.available_features()}
                colour_choices={choices} {colour_layer} dispatch={state.dispatcher()} />
        </>
    };

    // The parts an embed can show alone (`view=matrices`, `view=wl`).
    let matrices_panel = html! {
        <MatricesPanel matrices={(*matrices).clone()} {n} picked={state.picked} node_move={state.node_move.clone()} mistake={state.mistake()} dispatch={state.dispatcher()} />
    };
    let wl_panel = html! {
        <WlPanel pair={state.wl.clone()} cfg={state.cfg} features={state.features} dispatch={state.dispatcher()} />
    };
    let parts = vec![("matrices", matrices_panel.clone()), ("wl", wl_panel.clone())];
    let question = format!("{}|{}|{:?}", state.g, state.revision, state.cfg);

    html! {
        <LabFrame class="graph-lab" title="Graphs: renumber the nodes" views={parts} {question}
            lead="Renumber the nodes with a permutation g and compare the network on x and on g·x: message passing follows the renumbering, the readout does not change at all."
            {share} error={state.error.clone().map(AttrValue::from)} on_dismiss={dismiss} notice={state.notice.clone().map(AttrValue::from)}
            {controls} {strip} collapse_narrow=true>
            <div class="lab-status">
                <ComputeTime ms={state.compute_ms} />
                if big {
                    <span class="muted small" data-testid="big-graph-note">{ format!("{} nodes: drawn as points without labels, no matrices X and A (above {BIG} nodes); the strip shows the first {} rows of each layer.", thousands(n), strip::WINDOW) }</span>
                }
            </div>
            if let Some(c) = &node_colours {
                <p class="colour-legend">
                    <span class="muted">{ format!("Node colours: {}, projected on its main direction: ", c.source) }</span>
                    <span class="ramp" aria-hidden="true" style={format!("background: linear-gradient(to right, {}, {}, {})", c.scale.css(c.scale.lo), c.scale.css((c.scale.lo + c.scale.hi) / 2.0), c.scale.css(c.scale.hi))}></span>
                    <span class="muted">{ " Equal colours, equal embeddings; a node keeps its colour when g only renumbers it." }</span>
                </p>
            }
            if let Some((k, labels, series)) = readout {
                <div class="panel scores">
                    <h2 class="panel-title">{ if kinds.get(k) == Some(&"mlp") { "The MLP's output for x and for g·x".to_string() } else { format!("The readout (layer {}) for x and for g·x", k + 1) } }</h2>
                    <BarChart {labels} {series} caption="readout for x and for g·x" />
                </div>
            }
            { matrices_panel }
            if let Some(reason) = state.model_error.clone().filter(|_| state.pipelines.is_none()) {
                <p class="no-action-box">{ reason }</p>
            }
            <div class="layers">
                { for checks.iter().zip(views.iter()).enumerate().map(|(k, (c, v))| {
                    let previous = k.checked_sub(1).and_then(|j| checks.get(j)).map(|c| c.verdict);
                    html! {
                        <LayerRow check={LayerCheckProps::from_check(c)} view={v.clone()} {n}
                            explanation={explain::explain(c, previous, *shape)} highlight={highlight}
                            on_pick={pick.clone()} on_pick_moved={pick_moved.clone()} row_labels={row_labels.clone()} />
                    }
                }) }
            </div>
            { wl_panel }
        </LabFrame>
    }
}

/// The export's `graph`: the nodes and edges for a notebook, and (for a graph
/// that is not a preset) its code, which Import JSON restores it from.
fn graph_json(state: &GraphLabState) -> serde_json::Value {
    let edges: Vec<serde_json::Value> =
        state.input.graph.edges().iter().map(|&(u, v, w)| serde_json::json!([u, v, w])).collect();
    let mut doc = serde_json::json!({ "nodes": state.n(), "edges": edges });
    if !matches!(state.source, Source::Preset(_)) {
        doc["code"] = serde_json::Value::String(graph_link::encode(&state.input));
    }
    doc
}

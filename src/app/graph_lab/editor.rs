//! The input graph x: the editor (tap empty space to add a node, drag a node
//! to move it, tap a node then another to add or remove their edge; a delete
//! mode; a swap mode that appends swap(i,j) to g), undo, the animated force
//! layout, presets with their notes, and the file loader.

use super::graph_svg::{ByIdentity, GraphSvg};
use super::node_inspector::NodeInspector;
use super::reducer::Action;
use super::state::{EditMode, GraphLabState};
use crate::app::widgets::save_image::SaveImage;
use crate::engine::graph_input::{GraphInput, NodeFeatures};
use crate::engine::text::thousands;
use crate::io::graph_file::{parse_graph_file, MAX_FILE_BYTES};
use crate::io::graph_presets::PRESETS;
use gloo::file::callbacks::FileReader;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub input: ByIdentity<GraphInput>,
    pub colours: Option<ByIdentity<Vec<[u8; 3]>>>,
    pub picked: Option<usize>,
    pub pending: Option<usize>,
    pub mode: EditMode,
    pub big: bool,
    pub can_undo: bool,
    pub layout_running: bool,
    /// "preset “karate”", "file “x.txt”", "your edits".
    pub source: AttrValue,
    /// The preset in use, if any (its note is shown).
    pub preset: Option<AttrValue>,
    pub features: NodeFeatures,
    pub dispatch: UseReducerDispatcher<GraphLabState>,
}

fn hint(mode: EditMode, picked: Option<usize>, pending: Option<usize>) -> String {
    match (mode, picked, pending) {
        (EditMode::Edit, Some(i), _) => format!("Node {i} is picked: tap another node to add or remove the edge {i}–j, tap it again (or empty space) to let go. Drag any node to move it."),
        (EditMode::Edit, None, _) => "Tap empty space to add a node; tap a node, then another, to add or remove their edge; drag a node to move it.".into(),
        (EditMode::Delete, ..) => "Tap a node or an edge to delete it (Undo brings it back).".into(),
        (EditMode::Swap, _, Some(i)) => format!("Now tap the node to swap with node {i}."),
        (EditMode::Swap, _, None) => "Tap two nodes (here or in g·x) to append swap(i, j) to g.".into(),
    }
}

#[component]
pub fn Editor(p: &EditorProps) -> Html {
    let reader = use_mut_ref(|| None::<FileReader>);
    let d = &p.dispatch;
    let cb = |a: fn() -> Action| {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(a()))
    };
    let mode_button = |mode: EditMode, text: &'static str| {
        let d = d.clone();
        let on = p.mode == mode;
        html! {
            <button class={classes!("toggle", on.then_some("on"))} aria-pressed={on.to_string()}
                onclick={Callback::from(move |_| d.dispatch(Action::SetMode(mode)))}>{ text }</button>
        }
    };
    let on_node_key = {
        let (d, input) = (d.clone(), p.input.clone());
        Callback::from(move |(i, key): (usize, String)| {
            let step = 0.02;
            let delta = match key.as_str() {
                "Delete" | "Backspace" => return d.dispatch(Action::RemoveNode(i)),
                "Escape" => return d.dispatch(Action::Pick(None)),
                "ArrowUp" => [0.0, -step],
                "ArrowDown" => [0.0, step],
                "ArrowLeft" => [-step, 0.0],
                _ => [step, 0.0],
            };
            if let Some(q) = input.0.positions_or_circle().get(i) {
                d.dispatch(Action::BeginDrag);
                d.dispatch(Action::MoveNode(i, [q[0] + delta[0], q[1] + delta[1]]));
                d.dispatch(Action::EndDrag);
            }
        })
    };
    let onkeydown = {
        let d = d.clone();
        Callback::from(move |e: KeyboardEvent| {
            if (e.ctrl_key() || e.meta_key()) && e.key().eq_ignore_ascii_case("z") {
                e.prevent_default();
                d.dispatch(Action::Undo);
            }
        })
    };
    let onfile = {
        let (d, reader) = (d.clone(), reader.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let file = gloo::file::File::from(file);
            let name = file.name();
            if file.size() as usize > MAX_FILE_BYTES {
                d.dispatch(Action::Refuse(format!(
                    "“{name}” is larger than {} MB; your graph was kept.",
                    MAX_FILE_BYTES / (1024 * 1024)
                )));
                return;
            }
            let d = d.clone();
            let task = gloo::file::callbacks::read_as_bytes(&file, move |bytes| match bytes {
                Ok(bytes) => match parse_graph_file(&bytes) {
                    Ok(parsed) => d.dispatch(Action::LoadFile { name: name.clone(), parsed }),
                    Err(err) => {
                        d.dispatch(Action::Refuse(format!("“{name}” was not loaded: {err}. Your graph was kept.")))
                    }
                },
                Err(e) => d.dispatch(Action::Refuse(format!("“{name}” could not be read: {e}. Your graph was kept."))),
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    let n = p.input.0.node_count();
    let note = p.preset.as_ref().and_then(|name| PRESETS.iter().find(|q| q.name == name.as_str())).map(|q| q.note);
    // Above BIG nodes the drawing lives in the compare strip only: one
    // 10,000-point canvas of x per frame, not two.
    let drawing = (!p.big).then(|| {
        let d1 = d.clone();
        let d2 = d.clone();
        let d3 = d.clone();
        let d4 = d.clone();
        let d5 = d.clone();
        let d6 = d.clone();
        html! {
            <GraphSvg input={p.input.clone()} colours={p.colours.clone()} picked={p.picked} pending={p.pending}
                label="the graph x: editable drawing" testid="graph-x" draggable=true
                on_node_tap={Callback::from(move |i| d1.dispatch(Action::NodeTap(i)))}
                on_background_tap={Callback::from(move |pos| d2.dispatch(Action::BackgroundTap(pos)))}
                on_edge_tap={(p.mode == EditMode::Delete).then(|| Callback::from(move |(u, v)| d3.dispatch(Action::EdgeTap(u, v))))}
                on_drag_start={Callback::from(move |_| d4.dispatch(Action::BeginDrag))}
                on_drag={Callback::from(move |(i, pos)| d5.dispatch(Action::MoveNode(i, pos)))}
                on_drag_end={Callback::from(move |_| d6.dispatch(Action::EndDrag))}
                {on_node_key} class={classes!(format!("mode-{:?}", p.mode).to_lowercase())} />
        }
    });
    let layout_button = if p.layout_running {
        html! { <button onclick={cb(|| Action::StopLayout)}>{ "Stop layout" }</button> }
    } else {
        html! { <button onclick={cb(|| Action::StartLayout)} title="spread the nodes with a force-directed layout (Fruchterman–Reingold), animated">{ "Force layout" }</button> }
    };
    let stage = use_node_ref();
    html! {
        <div class="panel graph-editor" {onkeydown}>
            <h2 class="panel-title">{ "Graph x" }<span class="muted">{ format!(" · {} · {} nodes, {} edges", p.source, thousands(n), thousands(p.input.0.graph.edges().len())) }</span></h2>
            if let Some(drawing) = drawing {
                <div class="graph-stage" ref={stage.clone()}>{ drawing }</div>
                <SaveImage target={stage} name="symmetry-lab-graph" what="graph drawing" png=false svg_element=true />
            }
            if p.big {
                <p class="muted small">{ format!("Editing is off above {} nodes: at this size a drawing shows the crowd, not the nodes (it is in the compare strip, as points). The networks, the check and the force layout still run.", super::state::BIG) }</p>
            } else {
                <p class="muted small hint" aria-live="polite">{ hint(p.mode, p.picked, p.pending) }</p>
            }
            <div class="tools" role="toolbar" aria-label="Graph editing tools">
                if !p.big {
                    { mode_button(EditMode::Edit, "Edit") }
                    { mode_button(EditMode::Delete, "Delete") }
                    { mode_button(EditMode::Swap, "Swap two nodes") }
                }
                <button onclick={cb(|| Action::Undo)} disabled={!p.can_undo} title="Ctrl+Z">{ "Undo" }</button>
                { layout_button }
            </div>
            if let Some(i) = p.picked.filter(|_| !p.big) {
                <NodeInspector input={p.input.clone()} node={i} features={p.features} dispatch={p.dispatch.clone()} />
            }
            <div class="presets" role="group" aria-label="Preset graphs">
                { for PRESETS.iter().map(|pr| {
                    let d = d.clone();
                    let name = pr.name.to_string();
                    let on = p.preset.as_deref() == Some(pr.name);
                    html! { <button class={classes!(on.then_some("on"))} aria-pressed={on.to_string()} title={pr.note}
                        onclick={Callback::from(move |_| d.dispatch(Action::LoadPreset(name.clone())))}>{ pr.title }</button> }
                }) }
            </div>
            if let Some(note) = note {
                <p class="muted small preset-note">{ note }</p>
            }
            <label class="file-input">{ "Load a graph: an edge list (u v per line) or JSON " }
                <input type="file" accept=".txt,.csv,.tsv,.edges,.edgelist,.el,.json,text/plain,application/json" data-testid="graph-file" onchange={onfile} />
            </label>
        </div>
    }
}

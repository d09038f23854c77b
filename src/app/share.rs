//! What every lab's share bar does with its state: the JSON export built from
//! the lab's pipelines (`engine::export`, with the current link), and an
//! import that restores the view by going to the link the file holds (the
//! URL carries the whole view, including a drawing or typed sequence that
//! fits; each lab's hash listener applies it).

use crate::app::url;
use crate::engine::check::LayerCheck;
use crate::engine::export::Export;
use crate::engine::graph_input::GraphInput;
use crate::engine::model::Model;
use crate::engine::space::Signal;
use crate::engine::transform::Transform;
use crate::io::import_state::{parse_state, ImportedState};
use std::cell::RefCell;
use yew::Callback;

thread_local! {
    /// A graph from an imported graph-lab file, waiting for the graph lab:
    /// the lab takes it when it is open (its importer) or when it mounts (a
    /// file imported from another lab's share bar), since the link to the
    /// view may not hold a graph too big for it.
    static IMPORTED_GRAPH: RefCell<Option<GraphInput>> = const { RefCell::new(None) };
}

/// The graph of the last imported graph-lab file, once.
pub fn take_imported_graph() -> Option<GraphInput> {
    IMPORTED_GRAPH.with(|g| g.borrow_mut().take())
}

/// Everything an export needs, borrowed from a lab's pipelines.
pub struct Pipes<'a> {
    pub input: &'a Signal,
    pub transformed: &'a Signal,
    pub g: &'a Transform,
    pub model: &'a Model,
    /// The g·x pipeline's model when it differs (the sequence lab's slowed gates).
    pub model_gx: Option<&'a Model>,
    pub trace_x: &'a [Signal],
    pub trace_gx: &'a [Signal],
    pub checks: &'a [LayerCheck],
}

/// The `symmetry-lab/1` document of a lab, with the link of the current view.
pub fn export_json(lab: &str, p: Pipes) -> String {
    export_json_with(lab, p, vec![])
}

/// [`export_json`] with more top-level fields (the graph lab's `graph`).
pub fn export_json_with(lab: &str, p: Pipes, extra: Vec<(&str, serde_json::Value)>) -> String {
    let mut loc = url::current_or_default();
    loc.set("embed", None);
    let mut doc = Export {
        lab,
        url: loc.to_hash(),
        input: p.input,
        transformed: p.transformed,
        g: p.g,
        model: p.model,
        model_gx: p.model_gx,
        trace_x: p.trace_x,
        trace_gx: p.trace_gx,
        checks: p.checks,
    }
    .to_json();
    if let Some(fields) = doc.as_object_mut() {
        for (key, value) in extra {
            fields.insert(key.to_string(), value);
        }
    }
    serde_json::to_string(&doc).unwrap_or_default()
}

/// The share bar's import for a lab: read an exported file and go to the view
/// it holds (another lab's file opens that lab); a refused file goes to
/// `refuse` (the lab's alert) and the current view is kept.
pub fn importer(refuse: Callback<String>) -> Callback<Vec<u8>> {
    importer_with(refuse, Callback::noop())
}

/// [`importer`] that first hands an accepted state to the lab (the graph lab
/// then takes the file's graph, [`take_imported_graph`]), then goes to its view.
pub fn importer_with(refuse: Callback<String>, accepted: Callback<ImportedState>) -> Callback<Vec<u8>> {
    Callback::from(move |bytes: Vec<u8>| {
        if let Err(e) = import(&bytes, &accepted) {
            refuse.emit(e);
        }
    })
}

fn import(bytes: &[u8], accepted: &Callback<ImportedState>) -> Result<(), String> {
    let mut state = parse_state(bytes).map_err(|e| format!("The file was not imported: {e}."))?;
    if let Some(graph) = state.graph.take() {
        IMPORTED_GRAPH.with(|g| *g.borrow_mut() = Some(graph));
    }
    let hash = state.url.to_hash();
    accepted.emit(state);
    if let Some(window) = web_sys::window() {
        if window.location().hash().ok().as_deref() != Some(hash.as_str()) {
            window.location().set_hash(&hash).map_err(|_| "The browser refused to open the imported view.")?;
        }
    }
    Ok(())
}

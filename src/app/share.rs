//! What every lab's share bar does with its state: the JSON export built from
//! the lab's pipelines (`engine::export`, with the current link), and an
//! import that restores the view by going to the link the file holds (the
//! URL carries the whole view, including a drawing or typed sequence that
//! fits; each lab's hash listener applies it).

use crate::app::url;
use crate::engine::export::Export;
use crate::engine::graph_input::GraphInput;
use crate::engine::model::Model;
use crate::engine::pipelines::Pipelines;
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

/// What an export needs besides the lab's pipelines: g and the models that
/// ran (`model_gx` when the g·x pipeline ran another one: the sequence lab's
/// slowed gates).
pub struct Ran<'a> {
    pub g: &'a Transform,
    pub model: &'a Model,
    pub model_gx: Option<&'a Model>,
}

/// The `symmetry-lab/1` document of a lab's pipelines, with the link of the
/// current view.
pub fn export_json(lab: &str, p: &Pipelines, ran: Ran) -> String {
    export_json_with(lab, p, ran, vec![])
}

/// [`export_json`] with more top-level fields (the graph lab's `graph`).
pub fn export_json_with(lab: &str, p: &Pipelines, ran: Ran, extra: Vec<(&str, serde_json::Value)>) -> String {
    let mut loc = url::current_or_default();
    loc.set("embed", None);
    let mut doc = Export::of(lab, loc.to_hash(), p, ran.g, ran.model, ran.model_gx).to_json();
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

//! Share, embed, export and import, the same in every lab: copy the link
//! (the URL holds the whole view), copy an `<iframe>` snippet for a blog,
//! download the state as JSON (`data-testid="export-json"`) and read such a
//! file back (`data-testid="import-json"`).

use crate::app::download;
use crate::app::url;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShareBarProps {
    /// Builds the JSON export when asked (it can be large).
    pub export: Callback<(), Option<String>>,
    /// Receives the bytes of an imported state file.
    pub import: Callback<Vec<u8>>,
    /// File name of the export, e.g. `symmetry-lab-image.json`.
    pub file_name: AttrValue,
    /// Title of the lab, for the embed snippet.
    pub title: AttrValue,
    /// Shown when the learner's own input is too large for a link.
    #[prop_or_default]
    pub link_note: Option<AttrValue>,
}

fn page_link(embed: bool) -> String {
    let Some(window) = web_sys::window() else { return String::new() };
    let loc = window.location();
    let base = format!("{}{}", loc.origin().unwrap_or_default(), loc.pathname().unwrap_or_default());
    let mut hash = url::current_or_default();
    hash.set("embed", embed.then(|| "1".to_string()));
    format!("{base}{}", hash.to_hash())
}

/// The `<iframe>` snippet for bloggers, sized for the view it shows
/// (`view=`: the strip, one layer, or a named part of the lab).
pub fn embed_snippet(title: &str) -> String {
    let (view, _) = crate::io::classroom_settings::read(&url::current_or_default());
    let (w, h) = view.view.frame_size();
    format!(
        "<iframe src=\"{}\" title=\"Symmetry Lab: {}\" width=\"{w}\" height=\"{h}\" style=\"max-width:100%;border:1px solid #ccc;border-radius:8px\" loading=\"lazy\"></iframe>",
        page_link(true),
        title.replace('"', "&quot;")
    )
}

fn copy(text: String, status: UseStateHandle<Option<String>>, what: &'static str) {
    let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else { return };
    let promise = clipboard.write_text(&text);
    wasm_bindgen_futures::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => status.set(Some(format!("{what} copied."))),
            // No clipboard (an insecure page, a refused permission): show the text to copy by hand.
            Err(_) => status.set(Some(format!("Copy this {}: {text}", what.to_lowercase()))),
        }
    });
}

#[component]
pub fn ShareBar(p: &ShareBarProps) -> Html {
    let status = use_state(|| None::<String>);
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    let copy_link = {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| copy(page_link(false), status.clone(), "Link"))
    };
    let copy_embed = {
        let (status, title) = (status.clone(), p.title.to_string());
        Callback::from(move |_: MouseEvent| copy(embed_snippet(&title), status.clone(), "Embed code"))
    };
    let export = {
        let (status, make, name) = (status.clone(), p.export.clone(), p.file_name.to_string());
        Callback::from(move |_: MouseEvent| match make.emit(()) {
            Some(json) => match download::text(&name, "application/json", &json) {
                Ok(()) => status.set(Some(format!("Saved {name}."))),
                Err(e) => status.set(Some(format!("Could not save: {e}"))),
            },
            None => status.set(Some("Nothing to export yet.".into())),
        })
    };
    let import = {
        let (cb, reader) = (p.import.clone(), reader.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let cb = cb.clone();
            let task = gloo::file::callbacks::read_as_bytes(&gloo::file::File::from(file), move |bytes| {
                cb.emit(bytes.unwrap_or_default());
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    html! {
        <div class="share-bar" role="group" aria-label="Share, embed, export">
            <button onclick={copy_link} data-testid="copy-link">{ "Copy link" }</button>
            <button onclick={copy_embed} data-testid="copy-embed">{ "Copy embed code" }</button>
            <button onclick={export} data-testid="export-json">{ "Export JSON" }</button>
            <label class="file-button">{ "Import JSON" }
                <input type="file" accept="application/json,.json" data-testid="import-json" onchange={import} />
            </label>
            if let Some(s) = &*status { <span class="share-status" role="status">{ s.clone() }</span> }
            // Not the lab's Notice (`data-testid="notice"`): a lab says its own news there.
            if let Some(note) = &p.link_note { <p class="notice share-note" role="status" data-testid="link-note">{ note.clone() }</p> }
        </div>
    }
}

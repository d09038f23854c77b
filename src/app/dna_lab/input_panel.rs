//! The input: a sequence editor (type or paste, checked as you type), the
//! presets with their notes, a seeded random generator, and a FASTA loader
//! with a record picker. Refused input is explained and never replaces the
//! sequence the lab is using.

use super::state::{Action, DnaLabState, LoadedFile, Source};
use super::thousands;
use crate::io::dna_presets::{PRESETS, RANDOM_LEN};
use crate::io::fasta::{parse_fasta, MAX_FILE_BYTES};
use gloo::file::callbacks::FileReader;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InputPanelProps {
    pub text: Rc<str>,
    pub length: usize,
    pub source: Source,
    pub file: Option<Rc<LoadedFile>>,
    pub seed: u64,
    pub dispatch: UseReducerDispatcher<DnaLabState>,
}

/// The `value` of the element an event came from (a textarea here).
fn target_value(e: &InputEvent) -> String {
    e.target()
        .and_then(|t| js_sys::Reflect::get(&t, &JsValue::from_str("value")).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

fn source_text(source: &Source, length: usize) -> String {
    let what = match source {
        Source::Preset(p) => format!("preset “{p}”"),
        Source::Typed => "typed".into(),
        Source::File { name, record } => format!("“{record}” from {name}"),
    };
    format!(" · {what}, {} bases", thousands(length))
}

#[component]
pub fn InputPanel(p: &InputPanelProps) -> Html {
    let reader = use_mut_ref(|| None::<FileReader>);
    let seed = use_state(|| p.seed as u32);
    let oninput = {
        let d = p.dispatch.clone();
        Callback::from(move |e: InputEvent| d.dispatch(Action::EditText(target_value(&e))))
    };
    let onfile = {
        let (dispatch, reader) = (p.dispatch.clone(), reader.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let file = gloo::file::File::from(file);
            let name = file.name();
            if file.size() as usize > MAX_FILE_BYTES {
                let mb = MAX_FILE_BYTES / (1024 * 1024);
                dispatch.dispatch(Action::Refuse(format!("“{name}” is larger than {mb} MB; your sequence was kept.")));
                return;
            }
            let d = dispatch.clone();
            let task = gloo::file::callbacks::read_as_bytes(&file, move |bytes| match bytes {
                Ok(bytes) => match parse_fasta(&bytes) {
                    Ok(fasta) => d.dispatch(Action::LoadFile { name: name.clone(), fasta }),
                    Err(msg) => {
                        d.dispatch(Action::Refuse(format!("“{name}” was not loaded: {msg}. Your sequence was kept.")))
                    }
                },
                Err(e) => {
                    d.dispatch(Action::Refuse(format!("“{name}” could not be read: {e}. Your sequence was kept.")))
                }
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    let on_record = {
        let d = p.dispatch.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = s.value().parse::<usize>() {
                d.dispatch(Action::SelectRecord(i));
            }
        })
    };
    let on_seed = {
        let seed = seed.clone();
        Callback::from(move |e: InputEvent| {
            let v: HtmlInputElement = e.target_unchecked_into();
            if let Ok(n) = v.value().parse::<u32>() {
                seed.set(n);
            }
        })
    };
    let generate = |preset: &'static str| {
        let (d, seed) = (p.dispatch.clone(), *seed);
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Generate { preset: preset.into(), seed: seed as u64 }))
    };
    let current = match &p.source {
        Source::Preset(name) => Some(name.as_str()),
        _ => None,
    };
    html! {
        <div class="panel dna-input-panel">
            <h2 class="panel-title">{ "Sequence x" }<span class="muted">{ source_text(&p.source, p.length) }</span></h2>
            <label class="editor-label" for="dna-text">{ "Type or paste bases: A C G T, N and the IUPAC codes; lower case is fine." }</label>
            <textarea id="dna-text" data-testid="dna-text" class="dna-text" rows="4" spellcheck="false"
                autocomplete="off" value={p.text.to_string()} {oninput} />
            <ul class="preset-list" aria-label="Preset sequences">
                { for PRESETS.iter().filter(|pr| !pr.name.starts_with("random")).map(|pr| {
                    let d = p.dispatch.clone();
                    let name = pr.name.to_string();
                    let pressed = current == Some(pr.name);
                    html! {
                        <li>
                            <button class={classes!(pressed.then_some("on"))} aria-pressed={pressed.to_string()}
                                onclick={Callback::from(move |_| d.dispatch(Action::LoadPreset(name.clone())))}>{ pr.title }</button>
                            <span class="preset-note">{ pr.note }</span>
                        </li>
                    }
                }) }
            </ul>
            <div class="tools" role="group" aria-label="Random sequence">
                <span class="muted">{ "Random bases:" }</span>
                <label class="num">{ "seed" }<input type="number" min="0" max="4294967295" value={seed.to_string()} oninput={on_seed} /></label>
                <button onclick={generate("random")} title="uniform A, C, G, T from the seed">{ format!("{RANDOM_LEN} bases") }</button>
                <button onclick={generate("random-100k")} title="a bacterial-genome-sized window: the lab recomputes only what an edit touches">{ "100 kb" }</button>
            </div>
            <label class="file-input">{ "Load a FASTA file (.fa, .fasta, .txt) " }
                <input type="file" accept=".fa,.fasta,.fna,.ffn,.txt,text/plain" data-testid="dna-file" onchange={onfile} />
            </label>
            if let Some(f) = p.file.as_ref().filter(|f| f.fasta.records.len() > 1) {
                <label class="field record-pick">{ format!("Record of {} ({} records)", f.name, f.fasta.records.len()) }
                    <select data-testid="dna-record" onchange={on_record}>
                        { for f.fasta.records.iter().enumerate().map(|(i, r)| html! {
                            <option value={i.to_string()} selected={i == f.selected}>{ format!("{} ({} bases)", r.name, r.sequence.len()) }</option>
                        }) }
                    </select>
                </label>
            }
        </div>
    }
}

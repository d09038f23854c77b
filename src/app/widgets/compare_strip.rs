//! The compare strip (`data-testid="compare-strip"`): the answer on the first
//! screen of every lab. x and g·x, the network's verdict
//! (`data-testid="verdict"`), and one chosen layer's four panels — f(x),
//! f(g·x), ρ(g)f(x) and the difference — with that layer's verdict and
//! numbers. A layer picker (buttons, and the arrow keys) chooses the layer;
//! the strip stays in view while the detailed rows scroll below it.
//!
//! The lab draws the pictures (each lab has its own kind of signal); the
//! strip lays them out and says the words, the same way everywhere.

use super::layer_check::{attr_number, human_number, LayerCheckProps};
use crate::engine::check::{Origin, Verdict};
use web_sys::HtmlElement;
use yew::prelude::*;

/// One picture of the strip and its caption.
#[derive(Clone, PartialEq)]
pub struct Panel {
    /// `fx`, `fgx`, `moved`, `diff` (a `data-panel` attribute).
    pub key: &'static str,
    pub caption: AttrValue,
    pub body: Html,
}

impl Panel {
    pub fn new(key: &'static str, caption: impl Into<AttrValue>, body: Html) -> Self {
        Panel { key, caption: caption.into(), body }
    }
}

#[derive(Properties, PartialEq)]
pub struct CompareStripProps {
    /// The input and its transform, drawn by the lab.
    pub x: Html,
    pub gx: Html,
    /// The transformation as written (`shift(4,6)`).
    pub g: AttrValue,
    /// Every layer's check, in order (the last is the network's output).
    pub layers: Vec<LayerCheckProps>,
    /// The layer shown in the panels.
    pub selected: usize,
    pub on_select: Callback<usize>,
    /// The selected layer's four panels.
    pub panels: Vec<Panel>,
    /// More about the network's answer, under its verdict (a classifier's
    /// prediction for x and g·x).
    #[prop_or_default]
    pub head_extra: Html,
    /// Shown instead of the panels when nothing could be computed.
    #[prop_or_default]
    pub empty: Option<AttrValue>,
    /// A note under the panels (which channel they show).
    #[prop_or_default]
    pub note: Option<AttrValue>,
}

/// The network's verdict in one sentence.
pub fn network_sentence(head: &LayerCheckProps, g: &str) -> String {
    let inv = human_number(head.invariance_error);
    match head.verdict {
        Verdict::Invariant => format!("The network's output is invariant to {g}: it does not change (error {inv})."),
        Verdict::Equivariant => format!(
            "The network's output is equivariant to {g}: it moves with the input (error {}).",
            human_number(head.equivariance_error.unwrap_or(0.0))
        ),
        Verdict::Approximate => format!(
            "The network's output is only approximately invariant to {g} (error {}, against {} for a scramble).",
            human_number(head.smaller_error()),
            human_number(head.baseline_error)
        ),
        Verdict::Neither if head.insensitive() => format!(
            "The network's output is not invariant to {g}. Its error {} looks small only because the output barely reacts to where things are (a scramble of the input: {}).",
            human_number(head.smaller_error()),
            human_number(head.baseline_error)
        ),
        Verdict::Neither => format!("The network's output is not invariant to {g}: it changes (error {inv})."),
    }
}

/// Short name of a layer for the picker: `3 maxpool`.
fn short(l: &LayerCheckProps) -> String {
    format!("{} {}", l.index + 1, l.kind)
}

#[component]
pub fn CompareStrip(p: &CompareStripProps) -> Html {
    let picker = use_node_ref();
    let n = p.layers.len();
    let selected = p.selected.min(n.saturating_sub(1));
    let head = p.layers.last();
    let onkeydown = {
        let (on_select, picker) = (p.on_select.clone(), picker.clone());
        Callback::from(move |e: KeyboardEvent| {
            let to = match e.key().as_str() {
                "ArrowRight" | "ArrowDown" => (selected + 1).min(n.saturating_sub(1)),
                "ArrowLeft" | "ArrowUp" => selected.saturating_sub(1),
                "Home" => 0,
                "End" => n.saturating_sub(1),
                _ => return,
            };
            e.prevent_default();
            on_select.emit(to);
            // Keep the focus on the chosen button (roving tab index).
            if let Some(el) = picker.cast::<HtmlElement>() {
                if let Ok(Some(b)) = el.query_selector(&format!("[data-layer-pick=\"{to}\"]")) {
                    if let Ok(b) = wasm_bindgen::JsCast::dyn_into::<HtmlElement>(b) {
                        let _ = b.focus();
                    }
                }
            }
        })
    };
    let chosen = p.layers.get(selected);
    html! {
        <section class="compare-strip" data-testid="compare-strip" aria-label="x, g·x and one layer, compared">
            <div class="strip-verdict">
                if let Some(h) = head {
                    <p class={classes!("net-verdict", format!("verdict-{}", h.verdict.as_str()))} data-testid="verdict"
                        data-verdict={h.verdict.as_str()} data-layer={h.index.to_string()}
                        data-invariance-error={attr_number(h.invariance_error)} role="status" aria-live="polite">
                        <span class="verdict-badge">{ h.verdict.as_str() }</span>
                        <span>{ network_sentence(h, &p.g) }</span>
                    </p>
                } else {
                    <p class="net-verdict" data-testid="verdict" data-verdict="none" role="status">
                        { p.empty.clone().unwrap_or_else(|| AttrValue::from("Nothing to compare yet.")) }
                    </p>
                }
                { p.head_extra.clone() }
            </div>
            <div class="strip-body">
                <div class="strip-inputs">
                    <figure class="strip-panel" data-panel="x"><figcaption>{ "x" }</figcaption>{ p.x.clone() }</figure>
                    <figure class="strip-panel" data-panel="gx"><figcaption>{ "g·x" }</figcaption>{ p.gx.clone() }</figure>
                </div>
                <div class="strip-layer">
                    <div class="layer-picker" role="radiogroup" aria-label="Layer shown in the strip (arrow keys move)" ref={picker} {onkeydown}>
                        { for p.layers.iter().map(|l| {
                            let k = l.index;
                            let on = k == selected;
                            let cb = p.on_select.clone();
                            let origin = l.origin();
                            html! {
                                <button type="button" role="radio" aria-checked={on.to_string()} tabindex={if on { "0" } else { "-1" }}
                                    class={classes!("pick", format!("verdict-{}", l.verdict.as_str()), on.then_some("on"),
                                        (origin == Origin::Here).then_some("breaks"), l.no_action.as_ref().map(|_| "verdict-none"))}
                                    data-layer-pick={k.to_string()} title={l.label.clone()}
                                    onclick={Callback::from(move |_: MouseEvent| cb.emit(k))}>
                                    { short(l) }
                                </button>
                            }
                        }) }
                    </div>
                    if let Some(c) = chosen {
                        <p class={classes!("strip-check", format!("verdict-{}", c.verdict.as_str()), c.no_action.as_ref().map(|_| "verdict-none"))}>
                            <span class="verdict-badge">{ c.badge().0 }</span>
                            <span class="strip-label">{ format!("Layer {}: {}. ", c.index + 1, c.label) }</span>
                            <span>{ c.sentence() }</span>
                            if let Some(w) = c.origin_words() { <span class="origin-words">{ " " }{ w }</span> }
                        </p>
                    }
                    <div class="strip-panels">
                        { for p.panels.iter().map(|panel| html! {
                            <figure class="strip-panel" data-panel={panel.key}>
                                <figcaption>{ panel.caption.clone() }</figcaption>
                                { panel.body.clone() }
                            </figure>
                        }) }
                    </div>
                    if let Some(note) = &p.note { <p class="strip-note muted">{ note.clone() }</p> }
                </div>
            </div>
        </section>
    }
}

/// The layer a strip shows before the learner picks one: the first whose
/// verdict is not exact (where the symmetry is first lost), else the first.
pub fn default_layer(layers: &[LayerCheckProps]) -> usize {
    layers.iter().position(|l| !matches!(l.verdict, Verdict::Invariant | Verdict::Equivariant)).unwrap_or(0)
}

//! The compare strip (`data-testid="compare-strip"`): the answer on the first
//! screen of every lab. x and g·x, the network's verdict
//! (`data-testid="verdict"`), and one chosen layer's four panels — f(x),
//! f(g·x), ρ(g)f(x) and the difference — with that layer's verdict and
//! numbers. A layer picker (buttons, and the arrow keys) chooses the layer;
//! the strip stays in view while the detailed rows scroll below it.
//!
//! The lab draws the pictures (each lab has its own kind of signal); the
//! strip lays them out and says the words, the same way everywhere.

use super::layer_check::{attr_number, human_number, LayerCheckProps, LayerCheckReadout};
use super::predict::{use_predict, GuessButtons, GuessResult, PredictAction};
use crate::app::url;
use crate::engine::check::{Origin, Verdict};
use crate::io::classroom_settings::{self, PredictScope, View};
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
        Verdict::Neither if head.above_scramble() => format!(
            "The network's output is not invariant to {g}. Its error {} is small, but larger than a scramble of the input causes ({}): g really changes it.",
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

/// Focus the picker's button for layer `k` (roving tab index).
fn focus_pick(picker: &NodeRef, k: usize) {
    if let Some(el) = picker.cast::<HtmlElement>() {
        if let Ok(Some(b)) = el.query_selector(&format!("[data-layer-pick=\"{k}\"]")) {
            if let Ok(b) = wasm_bindgen::JsCast::dyn_into::<HtmlElement>(b) {
                let _ = b.focus();
            }
        }
    }
}

/// The layer an arrow key moves to from `selected` (of `n`), if any.
fn step(key: &str, selected: usize, n: usize) -> Option<usize> {
    let last = n.checked_sub(1)?;
    match key {
        "ArrowRight" | "ArrowDown" => Some((selected + 1).min(last)),
        "ArrowLeft" | "ArrowUp" => Some(selected.saturating_sub(1)),
        "Home" => Some(0),
        "End" => Some(last),
        _ => None,
    }
}

#[component]
pub fn CompareStrip(p: &CompareStripProps) -> Html {
    let picker = use_node_ref();
    let predict = use_predict();
    let n = p.layers.len();
    let selected = p.selected.min(n.saturating_sub(1));
    let head = p.layers.last();
    let classroom = classroom_settings::read(&url::current_or_default()).0;
    let present = classroom.present;
    let onkeydown = {
        let (on_select, picker) = (p.on_select.clone(), picker.clone());
        Callback::from(move |e: KeyboardEvent| {
            let Some(to) = step(&e.key(), selected, n) else { return };
            e.prevent_default();
            e.stop_propagation();
            on_select.emit(to);
            focus_pick(&picker, to);
        })
    };
    {
        // Presenting: the arrow keys step through the layers from anywhere
        // on the page (but not while typing in a field).
        let on_select = p.on_select.clone();
        use_effect_with((present, selected, n), move |&(present, selected, n)| {
            let listener = present.then(|| {
                web_sys::window().and_then(|w| w.document()).map(|d| {
                    let options = gloo::events::EventListenerOptions::enable_prevent_default();
                    gloo::events::EventListener::new_with_options(&d, "keydown", options, move |e| {
                        let e: &KeyboardEvent = wasm_bindgen::JsCast::unchecked_ref(e);
                        let typing = e
                            .target()
                            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                            .is_some_and(|t| matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
                        if typing || e.default_prevented() {
                            return;
                        }
                        if let Some(to) = step(&e.key(), selected, n) {
                            e.prevent_default();
                            on_select.emit(to);
                        }
                    })
                })
            });
            move || drop(listener)
        });
    }
    let hiding = predict.as_ref().is_some_and(|p| p.hiding());
    let scope = predict.as_ref().and_then(|p| p.scope);
    let chosen = p.layers.get(selected);
    let verdict = match (head, hiding) {
        (Some(h), true) => html! {
            <div class="net-verdict hidden-answer" data-testid="verdict" data-hidden="predict" data-layer={h.index.to_string()} role="group"
                aria-label="Your prediction: what does g do to the network's output?">
                <GuessButtons layer={h.index} label={format!("Predict: under {}, the network's output is…", p.g)} />
                { reveal_button(&predict, n) }
            </div>
        },
        (Some(h), false) => html! {
            <div class="net-verdict-wrap">
                <p class={classes!("net-verdict", format!("verdict-{}", h.verdict.as_str()))} data-testid="verdict"
                    data-verdict={h.verdict.as_str()} data-layer={h.index.to_string()}
                    data-invariance-error={attr_number(h.invariance_error)} role="status" aria-live="polite">
                    <span class="verdict-badge">{ h.verdict.as_str() }</span>
                    <span>{ network_sentence(h, &p.g) }</span>
                </p>
                <GuessResult layer={h.index} verdict={h.verdict} why={AttrValue::from(h.sentence())} />
            </div>
        },
        (None, _) => html! {
            <p class="net-verdict" data-testid="verdict" data-verdict="none" role="status">
                { p.empty.clone().unwrap_or_else(|| AttrValue::from("Nothing to compare yet.")) }
            </p>
        },
    };
    html! {
        <section class={classes!("compare-strip", hiding.then_some("predicting"))} data-testid="compare-strip" aria-label="x, g·x and one layer, compared">
            <div class="strip-verdict">
                { verdict }
                if !hiding { { p.head_extra.clone() } }
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
                            let verdict_class = (!hiding).then(|| classes!(
                                format!("verdict-{}", l.verdict.as_str()),
                                (l.origin() == Origin::Here).then_some("breaks"),
                                l.no_action.as_ref().map(|_| "verdict-none"),
                            ));
                            let guessed = predict.as_ref().and_then(|p| p.guesses.get(&k)).map(|g| g.as_str());
                            html! {
                                <button type="button" role="radio" aria-checked={on.to_string()} tabindex={if on { "0" } else { "-1" }}
                                    class={classes!("pick", on.then_some("on"), verdict_class, guessed.map(|_| "guessed"))}
                                    data-layer-pick={k.to_string()} title={l.label.clone()}
                                    onclick={Callback::from(move |_: MouseEvent| cb.emit(k))}>
                                    { short(l) }
                                    if hiding && guessed.is_some() { <span class="pick-guess">{ " ✎" }</span> }
                                </button>
                            }
                        }) }
                    </div>
                    if let Some(c) = chosen {
                        if hiding {
                            <div class="strip-check hidden-answer">
                                <span class="strip-label">{ format!("Layer {}: {}. ", c.index + 1, c.label) }</span>
                                if scope == Some(PredictScope::Layers) {
                                    <GuessButtons layer={c.index} label={format!("Your guess for layer {}", c.index + 1)} />
                                } else {
                                    <span class="muted">{ "Its verdict is hidden until you have answered above." }</span>
                                }
                            </div>
                        } else {
                            <p class={classes!("strip-check", format!("verdict-{}", c.verdict.as_str()), c.no_action.as_ref().map(|_| "verdict-none"))}>
                                <span class="verdict-badge">{ c.badge().0 }</span>
                                <span class="strip-label">{ format!("Layer {}: {}. ", c.index + 1, c.label) }</span>
                                <span>{ c.sentence() }</span>
                                if let Some(w) = c.origin_words() { <span class="origin-words">{ " " }{ w }</span> }
                            </p>
                        }
                    }
                    <div class="strip-panels">
                        { for p.panels.iter().map(|panel| html! {
                            <figure class="strip-panel" data-panel={panel.key}>
                                <figcaption>{ panel.caption.clone() }</figcaption>
                                if hiding && panel.key == "diff" {
                                    <p class="no-action-box">{ "hidden until you have guessed" }</p>
                                } else {
                                    { panel.body.clone() }
                                }
                            </figure>
                        }) }
                    </div>
                    if let Some(note) = &p.note { <p class="strip-note muted">{ note.clone() }</p> }
                </div>
            </div>
            if classroom.embed {
                // An embed has no layer rows: every layer's readout, compact, below the strip.
                <ol class="embed-checks" aria-label="Every layer's verdict">
                    { for p.layers.iter().map(|l| html! { <li><span class="strip-label">{ short(l) }</span><LayerCheckReadout ..l.clone() /></li> }) }
                </ol>
            }
        </section>
    }
}

/// "Show the answers", enabled once every asked layer has a guess.
fn reveal_button(predict: &Option<super::predict::Predict>, n: usize) -> Html {
    let Some(predict) = predict.clone() else { return html! {} };
    let ready = predict.complete(n);
    let missing = match predict.scope {
        Some(PredictScope::Layers) => (0..n).filter(|k| !predict.guesses.contains_key(k)).count(),
        _ => usize::from(!ready),
    };
    let reveal = Callback::from(move |_: MouseEvent| predict.dispatch(PredictAction::Reveal));
    html! {
        <p class="reveal-row">
            <button class="reveal" onclick={reveal} disabled={!ready} data-testid="reveal">{ "Show the answers" }</button>
            if !ready {
                <span class="muted">{ if missing == 1 { " One guess to go.".to_string() } else { format!(" {missing} guesses to go (the picker's layers).") } }</span>
            }
        </p>
    }
}

/// The layer a strip shows before the learner picks one: the one a link
/// names (`view=layer=K`), else the first whose verdict is not exact (where
/// the symmetry is first lost), else the first.
pub fn default_layer(layers: &[LayerCheckProps]) -> usize {
    if let View::Layer(k) = classroom_settings::read(&url::current_or_default()).0.view {
        return k.min(layers.len().saturating_sub(1));
    }
    layers.iter().position(|l| !matches!(l.verdict, Verdict::Invariant | Verdict::Equivariant)).unwrap_or(0)
}

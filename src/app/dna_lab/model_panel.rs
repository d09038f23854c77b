//! The model picker: a plain conv1d stack or an RC-equivariant one, the
//! padding, the global pooling, the seed of the random filters, and a motif
//! box that turns the first filter into a detector for a consensus (IUPAC
//! allowed; the second convolution then passes its channels through, and
//! the panel says so). Below, the model as a chain of blueprint blocks,
//! each of which shows its layer in the compare strip.

use super::state::{Action, DnaLabState};
use crate::engine::kernels::conv1d::Padding;
use crate::engine::model::Model;
use crate::engine::models::dna::{DnaArch, DnaModelConfig};
use crate::engine::nucleotide::reverse_complement;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ModelPanelProps {
    pub cfg: DnaModelConfig,
    pub model: Rc<Model>,
    /// A motif worth trying on the current preset.
    pub suggestion: Option<&'static str>,
    pub dispatch: UseReducerDispatcher<DnaLabState>,
}

/// With a motif, the model's second convolution is a pass-through (each
/// output channel copies one input channel at the centre tap, see
/// `engine::models::dna`): its index, so the lab says what it is.
pub fn pass_through_layer(cfg: &DnaModelConfig, model: &Model) -> Option<usize> {
    cfg.motif.as_ref()?;
    model.layers.iter().enumerate().filter(|(_, l)| matches!(l.kind(), "conv1d" | "rc_conv1d")).nth(1).map(|(k, _)| k)
}

/// The blueprint family of a layer kind, for colouring.
pub fn family(kind: &str) -> &'static str {
    match kind {
        "conv1d" | "rc_conv1d" => "bp-linear",
        "relu" | "tanh" => "bp-nonlin",
        "strand_pool" => "bp-pool",
        "gap" | "gmp" => "bp-global",
        _ => "bp-head",
    }
}

fn select(label: &'static str, options: &[(&'static str, &'static str)], current: &str, on: Callback<String>) -> Html {
    let onchange = Callback::from(move |e: Event| {
        let s: HtmlSelectElement = e.target_unchecked_into();
        on.emit(s.value());
    });
    html! {
        <label class="field">{ label }
            <select {onchange}>
                { for options.iter().map(|(name, title)| html! { <option value={*name} selected={*name == current}>{ *title }</option> }) }
            </select>
        </label>
    }
}

#[component]
pub fn ModelPanel(p: &ModelPanelProps) -> Html {
    let cfg = p.cfg.clone();
    let motif_text = use_state(|| cfg.motif.as_ref().map(|m| m.consensus.clone()).unwrap_or_default());
    {
        let motif_text = motif_text.clone();
        let current = cfg.motif.as_ref().map(|m| m.consensus.clone()).unwrap_or_default();
        use_effect_with(current, move |c| motif_text.set(c.clone()));
    }
    let set = |f: fn(&mut DnaModelConfig, &str)| {
        let (d, cfg) = (p.dispatch.clone(), cfg.clone());
        Callback::from(move |v: String| {
            let mut c = cfg.clone();
            f(&mut c, &v);
            d.dispatch(Action::SetModel(c));
        })
    };
    let arch = select(
        "Model",
        &[("conv", "conv"), ("rc-conv", "rc-conv")],
        cfg.arch.name(),
        set(|c, v| c.arch = DnaArch::parse(v).unwrap_or(c.arch)),
    );
    let pad = select(
        "Padding",
        &[("circular", "circular (wrap)"), ("zero", "zero")],
        cfg.padding.name(),
        set(|c, v| c.padding = if v == "zero" { Padding::Zero } else { Padding::Circular }),
    );
    let pool = select(
        "Global pooling",
        &[("avg", "average (gap)"), ("max", "max (gmp)")],
        if cfg.global_max { "max" } else { "avg" },
        set(|c, v| c.global_max = v == "max"),
    );
    let on_seed = {
        let (d, cfg) = (p.dispatch.clone(), cfg.clone());
        Callback::from(move |e: Event| {
            let v: HtmlInputElement = e.target_unchecked_into();
            if let Ok(seed) = v.value().parse::<u32>() {
                d.dispatch(Action::SetModel(DnaModelConfig { seed: seed as u64, ..cfg.clone() }));
            }
        })
    };
    let on_motif_text = {
        let motif_text = motif_text.clone();
        Callback::from(move |e: InputEvent| {
            let v: HtmlInputElement = e.target_unchecked_into();
            motif_text.set(v.value());
        })
    };
    let submit_motif = {
        let (d, t) = (p.dispatch.clone(), motif_text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            d.dispatch(Action::SetMotif((*t).clone()));
        })
    };
    let d = p.dispatch.clone();
    let clear_motif = Callback::from(move |_: MouseEvent| d.dispatch(Action::SetMotif(String::new())));
    let motif_note = match &cfg.motif {
        Some(m) => format!(
            "w1 detects {} (+1 on an exact match, ≤ −1 with one mismatch); {} reads {} on the other strand. The other first-layer filters are random (from the seed). With a motif the second convolution is a pass-through: it copies each channel unchanged, so the score is the pooled {}.",
            m.consensus,
            if cfg.arch == DnaArch::RcConv { "its partner RC(w1)" } else { "no filter" },
            reverse_complement(&m.consensus),
            if cfg.arch == DnaArch::RcConv { "max(w1, RC(w1))" } else { "w1" },
        ),
        None => "All filters are random (from the seed).".into(),
    };
    let pass = pass_through_layer(&cfg, &p.model);
    html! {
        <div class="panel model-panel">
            <h2 class="panel-title">{ "Network" }</h2>
            <p class="muted">{ cfg.arch.summary() }</p>
            <div class="fields">
                { arch }{ pad }{ pool }
                <label class="field">{ "Seed (weights)" }
                    <input type="number" min="0" max="4294967295" value={cfg.seed.to_string()} onchange={on_seed} />
                </label>
            </div>
            <form class="g-form motif-form" onsubmit={submit_motif}>
                <label>{ "Motif " }
                    <input type="text" value={(*motif_text).clone()} oninput={on_motif_text} spellcheck="false"
                        data-testid="motif-input" placeholder="e.g. TATAAA" aria-label="motif consensus for the first filter, IUPAC codes allowed" />
                </label>
                <button type="submit">{ "Use motif" }</button>
                <button type="button" onclick={clear_motif} disabled={cfg.motif.is_none()}>{ "Random filters" }</button>
            </form>
            <p class="muted small">{ motif_note }
                if let Some(sug) = p.suggestion.filter(|s| cfg.motif.as_ref().map(|m| m.consensus.as_str()) != Some(*s)) {
                    { " Try " }
                    <button class="linkish" onclick={{
                        let d = p.dispatch.clone();
                        Callback::from(move |_: MouseEvent| d.dispatch(Action::SetMotif(sug.to_string())))
                    }}>{ sug }</button>{ " on this sequence." }
                }
            </p>
            <ol class="chain" aria-label="the layers of the network">
                { for p.model.layers.iter().enumerate().map(|(k, l)| {
                    let d = p.dispatch.clone();
                    html! {
                        <li class={classes!("chain-block", family(l.kind()))}>
                            <button type="button" class="linkish" title="show this layer in the compare strip"
                                onclick={Callback::from(move |_: MouseEvent| d.dispatch(Action::Show(k)))}>
                                { l.kind() }{ if pass == Some(k) { " (pass-through)" } else { "" } }
                            </button>
                        </li>
                    }
                }) }
            </ol>
        </div>
    }
}

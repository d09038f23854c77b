//! The model settings: which cell is shown in detail, its size, bias, gate,
//! the gate-rescale switch of S2, where the weights come from and the seed.
//! Every setting applies to all three models (they are compared side by
//! side below); only the detailed views follow the picked one.

use super::reducer::Action;
use super::state::SeqLabState;
use crate::app::math;
use crate::app::widgets::explain::Explain;
use crate::engine::models::sequence::{BiasMode, SequenceArch, SequenceModelConfig, WeightSource};
use crate::engine::transform::fmt_num;
use crate::io::sequence_settings::{bias_name, weights_name, MAX_HIDDEN, REST_H0};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ModelPanelProps {
    pub cfg: SequenceModelConfig,
    pub dispatch: UseReducerDispatcher<SeqLabState>,
}

/// A `<select>` over named options that dispatches a changed config.
fn select<T: Copy + PartialEq + 'static>(
    label: &'static str,
    options: Vec<(T, &'static str, String)>,
    current: T,
    cfg: SequenceModelConfig,
    set: fn(&mut SequenceModelConfig, T),
    dispatch: &UseReducerDispatcher<SeqLabState>,
) -> Html {
    let d = dispatch.clone();
    let opts = options.clone();
    let onchange = Callback::from(move |e: Event| {
        let s: HtmlSelectElement = e.target_unchecked_into();
        if let Some((v, _, _)) = opts.iter().find(|(_, name, _)| *name == s.value()) {
            let mut c = cfg;
            set(&mut c, *v);
            d.dispatch(Action::SetModel(c));
        }
    });
    html! {
        <label class="field">{ label }
            <select {onchange} data-testid={format!("select-{}", label.to_lowercase())}>
                { for options.iter().map(|(v, name, title)| html! { <option value={*name} selected={*v == current}>{ title.clone() }</option> }) }
            </select>
        </label>
    }
}

/// A number field that dispatches a changed config when the value parses.
fn number(
    label: &'static str,
    (min, max, step): (&'static str, &'static str, &'static str),
    value: String,
    cfg: SequenceModelConfig,
    set: fn(&mut SequenceModelConfig, &str) -> bool,
    dispatch: &UseReducerDispatcher<SeqLabState>,
) -> Html {
    let d = dispatch.clone();
    let onchange = Callback::from(move |e: Event| {
        let v: HtmlInputElement = e.target_unchecked_into();
        let mut c = cfg;
        if set(&mut c, &v.value()) {
            d.dispatch(Action::SetModel(c));
        }
    });
    html! {
        <label class="field">{ label }
            <input type="number" {min} {max} {step} {value} {onchange} />
        </label>
    }
}

#[component]
pub fn ModelPanel(p: &ModelPanelProps) -> Html {
    let cfg = p.cfg;
    let d = &p.dispatch;
    let arch = select(
        "Model",
        SequenceArch::ALL.iter().map(|a| (*a, a.name(), a.name().to_string())).collect(),
        cfg.arch,
        cfg,
        |c, v| c.arch = v,
        d,
    );
    let bias = select(
        "Bias",
        vec![
            (BiasMode::Off, bias_name(BiasMode::Off), "off (h0 = 0)".into()),
            (BiasMode::Random, bias_name(BiasMode::Random), "random (h0 = 0)".into()),
            (BiasMode::Rest, bias_name(BiasMode::Rest), format!("at rest (h0 = {})", fmt_num(REST_H0))),
        ],
        cfg.bias,
        cfg,
        |c, v| c.bias = v,
        d,
    );
    let weights = select(
        "Weights",
        vec![
            (WeightSource::Seeded, weights_name(WeightSource::Seeded), "random (from the seed)".into()),
            (WeightSource::Hand, weights_name(WeightSource::Hand), "hand-set".into()),
        ],
        cfg.weights,
        cfg,
        |c, v| c.weights = v,
        d,
    );
    let hidden = number(
        "Hidden units",
        ("1", "32", "1"),
        cfg.hidden.to_string(),
        cfg,
        |c, v| v.parse::<usize>().ok().filter(|n| (1..=MAX_HIDDEN).contains(n)).map(|n| c.hidden = n).is_some(),
        d,
    );
    let alpha = number(
        "Gate α",
        ("0.001", "1", "0.01"),
        fmt_num(cfg.alpha),
        cfg,
        |c, v| v.parse::<f32>().ok().filter(|a| (1e-3..=1.0).contains(a)).map(|a| c.alpha = a).is_some(),
        d,
    );
    let seed = number(
        "Seed",
        ("0", "4294967295", "1"),
        cfg.seed.to_string(),
        cfg,
        |c, v| v.parse::<u32>().map(|n| c.seed = n as u64).is_ok(),
        d,
    );
    let toggle_rescale = {
        let d = p.dispatch.clone();
        Callback::from(move |_| {
            d.dispatch(Action::SetModel(SequenceModelConfig { gate_rescale: !cfg.gate_rescale, ..cfg }))
        })
    };
    let heavy = cfg.hidden > 16;
    html! {
        <div class="panel model-panel">
            <h2 class="panel-title">{ "Networks" }</h2>
            <p class="muted formula"><code>{ cfg.arch.summary() }</code></p>
            <div class="rescale-row">
                <button class={classes!("toggle", "rescale", cfg.gate_rescale.then_some("on"))} role="switch"
                    aria-checked={cfg.gate_rescale.to_string()} onclick={toggle_rescale} data-testid="rescale">
                    { if cfg.gate_rescale { "Gate rescale: on" } else { "Gate rescale: off" } }
                </button>
                <span class="muted">{ "for g·x, slow the gates by the warp factor A (α → α/A); the plain RNN has no gate" }</span>
                <Explain topic="the gate rescale" term="time-warping">
                    <p>{ "A gated cell moves only a fraction α of the way to its new value at each step. Played A times slower, the input lasts A times as many steps; with α/A per step the state covers the same path by the same instants, so the trajectory for g·x is x's trajectory on a stretched clock. A plain RNN replaces its state at every step and has nothing to slow down." }</p>
                    { math::gated_rnn() }
                </Explain>
            </div>
            <div class="fields">
                { arch }{ bias }{ alpha }{ hidden }{ weights }{ seed }
            </div>
            <p class="muted small">
                { format!("Memory of the gated models: about {} steps (1/α). ", fmt_num((1.0 / cfg.alpha).round())) }
                if heavy {
                    <strong class="heavy">{ format!("{} units is a heavy setting: each step costs about {}× the default 8 units, and the LSTM at warp(8) can take longer than a frame.", cfg.hidden, (cfg.hidden * cfg.hidden) / 64) }</strong>
                } else {
                    { "Kept small (8 units by default) so that drawing stays smooth." }
                }
            </p>
        </div>
    }
}

//! The limit of message passing (claim G6): 1-WL colour refinement on two
//! graphs, one round per click, beside the network's readout on both. On
//! "two triangles" and "hexagon" every round gives the same colour histogram,
//! and every message-passing GNN the same readout, although the graphs differ.

use super::graph_canvas::GraphCanvas;
use super::graph_svg::{ByIdentity, GraphSvg};
use super::reducer::Action;
use super::state::{GraphLabState, BIG};
use super::wl_data::{compute, WlData};
use crate::app::widgets::bar_chart::{BarChart, Series};
use crate::app::widgets::layer_check::human_number;
use crate::engine::graph_input::NodeFeatures;
use crate::engine::models::graph::GraphModelConfig;
use crate::io::graph_presets::PRESETS;
use crate::viz::bars::{COLOR_GX, COLOR_X};
use crate::viz::palette::category;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WlPanelProps {
    pub pair: (String, String),
    pub cfg: GraphModelConfig,
    pub features: NodeFeatures,
    pub dispatch: UseReducerDispatcher<GraphLabState>,
}

fn preset_select(label: &'static str, current: &str, on: Callback<String>) -> Html {
    let onchange = Callback::from(move |e: Event| on.emit(e.target_unchecked_into::<HtmlSelectElement>().value()));
    html! {
        <label class="field">{ label }
            <select {onchange}>
                { for PRESETS.iter().map(|p| html! { <option value={p.name} selected={p.name == current}>{ p.title }</option> }) }
            </select>
        </label>
    }
}

/// Colour swatches with counts: the histogram of one round.
fn histogram(h: &[(u32, usize)]) -> Html {
    html! {
        <span class="wl-hist">
            { for h.iter().map(|&(c, count)| {
                let [r, g, b] = category(c as usize);
                html! { <span class="wl-bin"><span class="swatch" style={format!("background: rgb({r},{g},{b})")}></span>{ format!("×{count}") }</span> }
            }) }
        </span>
    }
}

fn drawing(data: &WlData, which: usize, round: usize) -> Html {
    let (input, title) = if which == 0 { (&data.a, "graph A") } else { (&data.b, "graph B") };
    let r = &data.comparison.rounds[round.min(data.comparison.rounds.len().saturating_sub(1))];
    let colours = if which == 0 { &r.colours_a } else { &r.colours_b };
    let colours = Some(ByIdentity(Rc::new(colours.iter().map(|&c| category(c as usize)).collect::<Vec<_>>())));
    let label = format!("{title} coloured by 1-WL round {round}");
    if input.node_count() > BIG {
        html! { <GraphCanvas input={ByIdentity(input.clone())} {colours} {label} /> }
    } else {
        html! { <GraphSvg input={ByIdentity(input.clone())} {colours} {label} testid={if which == 0 { "wl-graph-a" } else { "wl-graph-b" }} /> }
    }
}

#[component]
pub fn WlPanel(p: &WlPanelProps) -> Html {
    let data = {
        let (pair, cfg, features) = (p.pair.clone(), p.cfg, p.features);
        use_memo((pair, cfg, features), |(pair, cfg, features)| compute(pair, cfg, *features))
    };
    let round = use_state(|| 0usize);
    {
        let round = round.clone();
        use_effect_with((p.pair.clone(), p.features), move |_| round.set(0));
    }
    let set_pair = |first: bool| {
        let (d, pair) = (p.dispatch.clone(), p.pair.clone());
        Callback::from(move |v: String| {
            let (a, b) = if first { (v, pair.1.clone()) } else { (pair.0.clone(), v) };
            d.dispatch(Action::SetWl(a, b));
        })
    };
    let Some(data) = (*data).clone() else {
        return html! { <section class="panel wl-panel"><p>{ "These presets could not be loaded." }</p></section> };
    };
    let rounds = data.comparison.rounds.len();
    let last = rounds.saturating_sub(1);
    let r = (*round).min(last);
    let step = {
        let round = round.clone();
        Callback::from(move |_| round.set((r + 1).min(last)))
    };
    let to_end = {
        let round = round.clone();
        Callback::from(move |_| round.set(last))
    };
    let reset = {
        let round = round.clone();
        Callback::from(move |_| round.set(0))
    };
    let now = &data.comparison.rounds[r];
    let told_apart = data.comparison.distinguished_at().filter(|&d| d <= r);
    let same_graph = p.pair.0 == p.pair.1;
    let verdict = match (told_apart, r == last) {
        (Some(0), _) => "Told apart before any message is passed: the starting colours already differ in number (a different node count, or different features), so a readout that sums sees it at once.".to_string(),
        (Some(d), _) => format!("Told apart at round {d}: the colour histograms differ, so 1-WL tells these graphs apart. A GNN as strong as 1-WL (GIN, or sums) can too; mean or max aggregation may not: compare the readouts below."),
        (None, true) if data.comparison.distinguished_at().is_none() => format!(
            "Stable after round {last}, and the histograms never differed: 1-WL cannot tell these graphs apart, so no message-passing GNN can either{}.",
            if same_graph { " (here they are the same graph)" } else { ", although they are different graphs" }
        ),
        _ => format!("Round {r}: the same colour histogram on both graphs so far. Step on."),
    };
    let gap = data.readout_gap();
    let labels: Vec<String> = (1..=data.readout_a.len()).map(|k| format!("h{k}")).collect();
    let series = vec![
        Series { name: format!("A: {}", p.pair.0), values: data.readout_a.clone(), color: COLOR_X },
        Series { name: format!("B: {}", p.pair.1), values: data.readout_b.clone(), color: COLOR_GX },
    ];
    let features_note = if data.features == NodeFeatures::Constant {
        "all nodes start with the same colour (equal features)".to_string()
    } else {
        format!("nodes start coloured by their “{}” features", data.features.name())
    };
    html! {
        <section class="panel wl-panel" aria-labelledby="wl-title">
            <h2 class="panel-title" id="wl-title">{ "The limit of message passing: 1-WL colour refinement" }</h2>
            <p class="muted">{ "Each round gives every node a new colour for (its colour, the multiset of its neighbours' colours): exactly what one message-passing layer can see. If two graphs have the same colour counts at every round, every message-passing GNN gives them the same readout." }</p>
            <div class="fields wl-fields">
                { preset_select("Graph A", &p.pair.0, set_pair(true)) }
                { preset_select("Graph B", &p.pair.1, set_pair(false)) }
            </div>
            <div class="tools">
                <button onclick={step} disabled={r >= last} data-testid="wl-step">{ "Step: refine once" }</button>
                <button onclick={to_end} disabled={r >= last}>{ "Run to the end" }</button>
                <button onclick={reset} disabled={r == 0}>{ "Back to round 0" }</button>
                <span class="muted" data-testid="wl-round" data-round={r.to_string()} data-rounds={rounds.to_string()}>{ format!("round {r} of {last} · {features_note} · computed in {:.1} ms", data.ms) }</span>
            </div>
            <div class="wl-body">
            <div class="wl-graphs">
                <figure class="wl-graph">
                    <figcaption>{ format!("A: {}", p.pair.0) }</figcaption>
                    { drawing(&data, 0, r) }
                    { histogram(&now.histogram_a) }
                </figure>
                <figure class="wl-graph">
                    <figcaption>{ format!("B: {}", p.pair.1) }</figcaption>
                    { drawing(&data, 1, r) }
                    { histogram(&now.histogram_b) }
                </figure>
            </div>
            <div class="wl-side">
            <p class={classes!("wl-verdict", if told_apart.is_some() { "differ" } else { "same" })} data-testid="wl-verdict"
                data-same={now.same.to_string()} data-distinguished-at={data.comparison.distinguished_at().map(|d| d.to_string())} aria-live="polite">{ verdict }</p>
            if let Some(note) = &data.model_note {
                <p class="muted small">{ note.clone() }</p>
            }
            if !data.readout_a.is_empty() {
                <div class="wl-readout">
                    <h3>{ format!("The {} network on both graphs: {}", p.cfg.arch.name(), data.readout_name) }</h3>
                    <BarChart {labels} {series} caption="readout of graph A and graph B" />
                    <p data-testid="wl-readout-gap" data-gap={format!("{gap:e}")}>{ format!("Largest difference between the two readouts: {}.", human_number(gap as f64)) }
                        <span class="muted">{ if gap < 1e-4 { " The same weights, different graphs, the same answer." } else { " The network tells these two graphs apart." } }</span>
                    </p>
                </div>
            }
            </div>
            </div>
        </section>
    }
}

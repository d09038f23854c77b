//! The network: architecture (GCN, GIN, message passing with sum, mean or max,
//! or the node-order MLP baseline), readout, node features, seed, and which
//! layer colours the nodes. Below it, the model as a chain of blueprint blocks.

use super::reducer::Action;
use super::state::GraphLabState;
use crate::engine::graph_input::NodeFeatures;
use crate::engine::layers::graph::readout::ReadoutMode;
use crate::engine::model::Model;
use crate::engine::models::graph::{GraphArch, GraphModelConfig};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ModelPanelProps {
    pub cfg: GraphModelConfig,
    pub model: Option<Model>,
    pub features: NodeFeatures,
    pub available: Vec<NodeFeatures>,
    /// Choices of the colour picker: 0 = input X, k = layer k (1-based).
    pub colour_choices: Vec<usize>,
    pub colour_layer: usize,
    pub dispatch: UseReducerDispatcher<GraphLabState>,
}

/// The blueprint family of a layer kind, for colouring.
pub fn family(kind: &str) -> &'static str {
    match kind {
        "gcn" | "gin" | "mpnn" => "bp-linear",
        "relu" | "tanh" => "bp-nonlin",
        "readout_sum" | "readout_mean" | "readout_max" => "bp-global",
        _ => "bp-head",
    }
}

fn feature_title(k: NodeFeatures) -> &'static str {
    match k {
        NodeFeatures::Given => "given (file or editor)",
        NodeFeatures::Degree => "degree",
        NodeFeatures::TypeOneHot => "one-hot node type",
        NodeFeatures::Constant => "constant 1",
    }
}

fn select(
    label: &'static str,
    options: Vec<(String, String)>,
    current: &str,
    disabled: bool,
    on: Callback<String>,
) -> Html {
    let onchange = Callback::from(move |e: Event| on.emit(e.target_unchecked_into::<HtmlSelectElement>().value()));
    html! {
        <label class="field">{ label }
            <select {onchange} {disabled}>
                { for options.iter().map(|(value, title)| html! { <option value={value.clone()} selected={value == current}>{ title.clone() }</option> }) }
            </select>
        </label>
    }
}

#[component]
pub fn ModelPanel(p: &ModelPanelProps) -> Html {
    let cfg = p.cfg;
    let d = &p.dispatch;
    let set_cfg = |f: fn(&mut GraphModelConfig, &str) -> bool| {
        let d = d.clone();
        Callback::from(move |v: String| {
            let mut c = cfg;
            if f(&mut c, &v) {
                d.dispatch(Action::SetModel(c));
            }
        })
    };
    let arch = select(
        "Model",
        GraphArch::ALL.iter().map(|a| (a.name().to_string(), a.name().to_string())).collect(),
        cfg.arch.name(),
        false,
        set_cfg(|c, v| GraphArch::parse(v).map(|a| c.arch = a).is_some()),
    );
    let readout = select(
        "Readout",
        ReadoutMode::ALL.iter().map(|m| (m.name().to_string(), m.name().to_string())).collect(),
        cfg.readout.name(),
        cfg.arch == GraphArch::Mlp,
        set_cfg(|c, v| ReadoutMode::parse(v).map(|m| c.readout = m).is_some()),
    );
    let features = {
        let d = d.clone();
        select(
            "Node features",
            p.available.iter().map(|k| (k.name().to_string(), feature_title(*k).to_string())).collect(),
            p.features.name(),
            false,
            Callback::from(move |v: String| {
                if let Some(k) = NodeFeatures::parse(&v) {
                    d.dispatch(Action::SetFeatures(k));
                }
            }),
        )
    };
    let kinds: Vec<&str> = p.model.as_ref().map(|m| m.layers.iter().map(|l| l.kind()).collect()).unwrap_or_default();
    let colour = {
        let d = d.clone();
        let options = p
            .colour_choices
            .iter()
            .map(|&k| {
                let title = if k == 0 {
                    "input X".to_string()
                } else {
                    format!("layer {k} ({})", kinds.get(k - 1).unwrap_or(&"?"))
                };
                (k.to_string(), title)
            })
            .collect();
        select(
            "Colour nodes by",
            options,
            &p.colour_layer.to_string(),
            false,
            Callback::from(move |v: String| d.dispatch(Action::SetColourLayer(v.parse().ok()))),
        )
    };
    let on_seed = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            if let Ok(seed) = e.target_unchecked_into::<HtmlInputElement>().value().parse::<u32>() {
                d.dispatch(Action::SetModel(GraphModelConfig { seed: seed as u64, ..cfg }));
            }
        })
    };
    html! {
        <div class="panel model-panel">
            <h2 class="panel-title">{ "Network" }</h2>
            <p class="muted">{ cfg.arch.summary() }</p>
            <div class="fields">
                { arch }{ readout }{ features }
                <label class="field">{ "Seed" }
                    <input type="number" min="0" max="4294967295" value={cfg.seed.to_string()} onchange={on_seed} />
                </label>
                { colour }
            </div>
            <ol class="chain" aria-label="the layers of the network">
                { for kinds.iter().enumerate().map(|(k, kind)| html! {
                    <li class={classes!("chain-block", family(kind))}>
                        <a href={format!("#layer-{k}")} onclick={Callback::from(move |e: MouseEvent| {
                            e.prevent_default();
                            if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&format!("layer-{k}"))) {
                                el.scroll_into_view();
                            }
                        })}>{ *kind }</a>
                    </li>
                }) }
            </ol>
            <p class="muted small">{ "Every GNN layer uses one set of weights for all nodes and combines neighbours with a sum, mean or max, which do not care about the order of the nodes. The MLP baseline instead reads the adjacency matrix and the features in node order." }</p>
        </div>
    }
}

//! The picked node: its number, name, type and degree, and its features,
//! editable as a value or a small vector (which makes the features "given"),
//! or its type (which feeds the one-hot features).

use super::graph_svg::ByIdentity;
use super::reducer::Action;
use super::state::GraphLabState;
use crate::engine::graph_input::{GraphInput, NodeFeatures};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NodeInspectorProps {
    pub input: ByIdentity<GraphInput>,
    pub node: usize,
    pub features: NodeFeatures,
    pub dispatch: UseReducerDispatcher<GraphLabState>,
}

/// The node's current feature vector, as the learner would type it.
fn current_values(input: &GraphInput, kind: NodeFeatures, i: usize) -> String {
    input
        .feature_matrix(kind)
        .ok()
        .and_then(|m| (i < m.nrows()).then(|| m.row(i).iter().map(|v| format!("{v}")).collect::<Vec<_>>().join(", ")))
        .unwrap_or_default()
}

/// "1, 0.5 -2" → [1, 0.5, -2], or what is wrong.
fn parse_values(text: &str) -> Result<Vec<f32>, String> {
    let parts: Vec<&str> = text.split(|c: char| c == ',' || c.is_whitespace()).filter(|t| !t.is_empty()).collect();
    if parts.is_empty() {
        return Err("type one number, or several separated by commas".into());
    }
    if parts.len() > 16 {
        return Err("a node takes at most 16 features here".into());
    }
    parts
        .iter()
        .map(|t| t.parse::<f32>().ok().filter(|v| v.is_finite()).ok_or_else(|| format!("“{t}” is not a number")))
        .collect()
}

#[component]
pub fn NodeInspector(p: &NodeInspectorProps) -> Html {
    let input = &p.input.0;
    let i = p.node;
    let values = use_state(String::new);
    let kind = use_state(String::new);
    {
        let (values, kind, shown) = (values.clone(), kind.clone(), current_values(input, p.features, i));
        let t = input.types.as_ref().and_then(|t| t.get(i).cloned()).unwrap_or_default();
        use_effect_with((i, p.input.clone(), p.features), move |_| {
            values.set(shown);
            kind.set(t);
        });
    }
    let edit = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let submit_values = {
        let (d, values) = (p.dispatch.clone(), values.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match parse_values(&values) {
                Ok(v) => d.dispatch(Action::SetNodeFeatures(i, v)),
                Err(m) => d.dispatch(Action::Refuse(format!("Node {i}'s features were not changed: {m}."))),
            }
        })
    };
    let submit_type = {
        let (d, kind) = (p.dispatch.clone(), kind.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            d.dispatch(Action::SetNodeType(i, (*kind).clone()));
        })
    };
    let d = p.dispatch.clone();
    let remove = Callback::from(move |_| d.dispatch(Action::RemoveNode(i)));
    let name = input.label(i);
    let derived = matches!(p.features, NodeFeatures::Degree | NodeFeatures::Constant | NodeFeatures::TypeOneHot);
    html! {
        <div class="node-inspector" aria-live="polite">
            <p class="inspector-head">
                <strong>{ format!("Node {i}") }</strong>
                if name != i.to_string() { <span class="muted">{ format!(" · {name}") }</span> }
                <span class="muted">{ format!(" · degree {}", input.graph.degree(i)) }</span>
                <button class="small-button" onclick={remove}>{ "Delete node" }</button>
            </p>
            <form class="inline-form" onsubmit={submit_values}>
                <label>{ "Features " }
                    <input type="text" value={(*values).clone()} oninput={edit(&values)} spellcheck="false"
                        aria-label={format!("features of node {i}: one number or several separated by commas")} data-testid="node-features" />
                </label>
                <button type="submit">{ "Set" }</button>
            </form>
            if derived {
                <p class="muted small">{ format!("These are the derived “{}” features; setting values gives every node its own (“given” features, zeros for the others).", p.features.name()) }</p>
            }
            <form class="inline-form" onsubmit={submit_type}>
                <label>{ "Type " }
                    <input type="text" value={(*kind).clone()} oninput={edit(&kind)} spellcheck="false" size="8"
                        aria-label={format!("type of node {i}, for one-hot features")} />
                </label>
                <button type="submit">{ "Set type" }</button>
            </form>
        </div>
    }
}

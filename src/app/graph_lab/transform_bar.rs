//! The renumbered graph g·x and the transformation bar: stack random
//! permutations (from a seed), swaps and explicit permutations into g, see the
//! composed permutation in cycle notation, undo it with g⁻¹, type an
//! expression, and switch on the features-only mistake (claim G5).

use super::graph_canvas::GraphCanvas;
use super::graph_svg::{GraphSvg, Shared};
use super::reducer::Action;
use super::state::GraphLabState;
use crate::app::widgets::g_expression::GExpression;
use crate::engine::graph_input::{GraphInput, NodeMove};
use crate::engine::graph_views::{cycle_text, moved_count, thousands};
use crate::engine::transform::{Step, Transform};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TransformBarProps {
    pub g: Transform,
    pub node_move: NodeMove,
    pub moved: Shared<GraphInput>,
    pub colours: Option<Shared<Vec<[u8; 3]>>>,
    /// The picked node and the pending swap, in g·x's numbering.
    pub picked: Option<usize>,
    pub pending: Option<usize>,
    pub big: bool,
    pub mistake: bool,
    pub dispatch: UseReducerDispatcher<GraphLabState>,
}

/// The composed permutation in words.
fn composed_text(perm: &[usize]) -> String {
    let moved = moved_count(perm);
    if moved == 0 {
        return "the identity (every node keeps its number)".into();
    }
    format!("{} (moves {} of {} nodes)", cycle_text(perm, 160), thousands(moved), thousands(perm.len()))
}

fn text_state(state: &UseStateHandle<String>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| state.set(e.target_unchecked_into::<HtmlInputElement>().value()))
}

#[component]
pub fn TransformBar(p: &TransformBarProps) -> Html {
    let seed = use_state(|| "7".to_string());
    let swap_i = use_state(|| "0".to_string());
    let swap_j = use_state(|| "1".to_string());
    let explicit = use_state(String::new);
    let d = &p.dispatch;
    let fo = p.mistake;
    let add = |make: Box<dyn Fn() -> Result<Step, String>>| {
        let d = d.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match make() {
                Ok(step) => d.dispatch(Action::PushStep(step)),
                Err(m) => d.dispatch(Action::Refuse(m)),
            }
        })
    };
    let add_perm = {
        let seed = seed.clone();
        add(Box::new(move || {
            let s = seed
                .trim()
                .parse::<u32>()
                .map_err(|_| format!("“{}” is not a seed: use a whole number from 0 to 4294967295.", *seed))?;
            Ok(Step::PermuteSeeded { seed: s as u64, inverse: false, features_only: fo })
        }))
    };
    let add_swap = {
        let (i, j) = (swap_i.clone(), swap_j.clone());
        add(Box::new(move || {
            let parse = |v: &str| v.trim().parse::<usize>().map_err(|_| format!("“{v}” is not a node number."));
            Ok(Step::Swap { i: parse(&i)?, j: parse(&j)?, features_only: fo })
        }))
    };
    let add_explicit = {
        let explicit = explicit.clone();
        add(Box::new(move || {
            let perm = explicit
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|t| !t.is_empty())
                .map(|t| {
                    t.parse::<usize>()
                        .map_err(|_| format!("“{t}” is not a node number; list where each node goes, like 2, 0, 1."))
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Step::Permute { perm, features_only: fo })
        }))
    };
    let cb = |a: fn() -> Action| {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(a()))
    };
    let toggle_mistake = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            d.dispatch(Action::SetMistake(e.target_unchecked_into::<HtmlInputElement>().checked()))
        })
    };
    let apply_text = {
        let d = d.clone();
        Callback::from(move |text: String| d.dispatch(Action::SetTransformText(text)))
    };
    let drawing = if p.big {
        html! { <GraphCanvas input={p.moved.clone()} colours={p.colours.clone()} label="the renumbered graph g·x" testid="graph-gx" /> }
    } else {
        let d = d.clone();
        html! {
            <GraphSvg input={p.moved.clone()} colours={p.colours.clone()} picked={p.picked} pending={p.pending}
                label="the renumbered graph g·x (tap a node to pick it)" testid="graph-gx"
                on_node_tap={Callback::from(move |j| d.dispatch(Action::MovedNodeTap(j)))} />
        }
    };
    html! {
        <div class="panel transform-panel">
            <h2 class="panel-title">{ "Renumbered graph g·x" }</h2>
            <div class="graph-stage">{ drawing }</div>
            <div class="g-stack" aria-live="polite">
                <span class="g-label">{ "g = " }</span>
                if p.g.steps.is_empty() { <span class="muted">{ "identity" }</span> }
                { for p.g.steps.iter().enumerate().map(|(i, st)| {
                    let d = d.clone();
                    html! {
                        <span class="chip">
                            <code>{ st.to_string() }</code>
                            <button class="chip-x" aria-label={format!("remove {st}")} onclick={Callback::from(move |_| d.dispatch(Action::RemoveStep(i)))}>{ "×" }</button>
                        </span>
                    }
                }) }
            </div>
            <p class="composed" data-testid="composed">
                { if p.mistake { "A moves by " } else { "Composed: " } }<strong>{ composed_text(&p.node_move.graph) }</strong>
                if p.mistake {
                    <br />{ "X moves by " }<strong>{ composed_text(&p.node_move.features) }</strong>
                }
                <span class="muted">{ " (node i becomes node g(i); steps apply left to right)" }</span>
            </p>
            <form class="tools" onsubmit={add_perm}>
                <label class="num">{ "seed" }<input type="number" min="0" value={(*seed).clone()} oninput={text_state(&seed)} aria-label="seed of the random permutation" /></label>
                <button type="submit">{ "+ random perm" }</button>
            </form>
            <form class="tools" onsubmit={add_swap}>
                <label class="num">{ "i" }<input type="number" min="0" value={(*swap_i).clone()} oninput={text_state(&swap_i)} aria-label="first node to swap" /></label>
                <label class="num">{ "j" }<input type="number" min="0" value={(*swap_j).clone()} oninput={text_state(&swap_j)} aria-label="second node to swap" /></label>
                <button type="submit">{ "+ swap" }</button>
            </form>
            <form class="tools" onsubmit={add_explicit}>
                <label>{ "explicit " }<input type="text" value={(*explicit).clone()} oninput={text_state(&explicit)} placeholder="2, 0, 1, …" spellcheck="false" aria-label="explicit permutation: where each node goes, in order" /></label>
                <button type="submit">{ "+ perm" }</button>
            </form>
            <div class="tools">
                <button onclick={cb(|| Action::ApplyInverse)} title="append g⁻¹: the composed permutation becomes the identity">{ "Apply g⁻¹" }</button>
                <button onclick={cb(|| Action::ClearTransform)}>{ "Reset g" }</button>
            </div>
            <label class={classes!("mistake-toggle", p.mistake.then_some("on"))}>
                <input type="checkbox" checked={p.mistake} onchange={toggle_mistake} data-testid="mistake-toggle" />
                { " The mistake: permute the features X but leave A alone (permx, swapx)" }
            </label>
            <GExpression g={p.g.to_string()} example="perm(7);swap(0,1)" on_apply={apply_text} />
        </div>
    }
}

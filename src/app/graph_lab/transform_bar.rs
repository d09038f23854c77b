//! The graph lab's transformation controls: the shared transformation panel
//! (chips, set or compose, g⁻¹, reset, typed expression) with the graph's
//! quick steps — a random permutation from a seed, swap(i, j), an explicit
//! permutation — the composed permutation in cycle notation, and the
//! features-only mistake switch (claim G5).

use super::reducer::Action;
use super::state::GraphLabState;
use crate::app::widgets::transform_panel::{QuickStep, TransformPanel};
use crate::engine::graph_input::NodeMove;
use crate::engine::graph_views::{cycle_text, moved_count};
use crate::engine::text::thousands;
use crate::engine::transform::{Step, Transform};
use crate::io::transform_edit::GEdit;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The seed and the swap the fields start at (and go back to on Reset g).
const DEFAULT_SEED: u32 = 7;
const DEFAULT_SWAP: (usize, usize) = (0, 1);

#[derive(Properties, PartialEq)]
pub struct TransformBarProps {
    pub g: Transform,
    pub node_move: NodeMove,
    pub mistake: bool,
    pub dispatch: UseReducerDispatcher<GraphLabState>,
}

/// A permutation in words: its cycles and how many nodes it moves.
fn perm_text(perm: &[usize]) -> String {
    let moved = moved_count(perm);
    if moved == 0 {
        return "the identity (every node keeps its number)".into();
    }
    format!("{} (moves {} of {} nodes)", cycle_text(perm, 160), thousands(moved), thousands(perm.len()))
}

/// The composed element: one permutation, or (the mistake) one for X and one for A.
fn composed_text(mv: &NodeMove, mistake: bool) -> String {
    if mistake {
        format!("X moves by {}; A moves by {}", perm_text(&mv.features), perm_text(&mv.graph))
    } else {
        perm_text(&mv.graph)
    }
}

/// The explicit permutation typed as "2, 0, 1", or why it is not one.
fn parse_explicit(text: &str) -> Result<Vec<usize>, String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(|t| t.parse::<usize>().map_err(|_| format!("“{t}” is not a node number")))
        .collect()
}

/// A number field that keeps the last value that parses.
fn number_field<T: std::str::FromStr + 'static>(state: &UseStateHandle<T>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| {
        if let Ok(v) = e.target_unchecked_into::<HtmlInputElement>().value().trim().parse::<T>() {
            state.set(v);
        }
    })
}

#[component]
pub fn TransformBar(p: &TransformBarProps) -> Html {
    let seed = use_state(|| DEFAULT_SEED);
    let swap_i = use_state(|| DEFAULT_SWAP.0);
    let swap_j = use_state(|| DEFAULT_SWAP.1);
    let explicit = use_state(String::new);
    let fo = p.mistake;
    let on_edit = {
        let (d, seed, swap_i, swap_j) = (p.dispatch.clone(), seed.clone(), swap_i.clone(), swap_j.clone());
        Callback::from(move |e: GEdit| {
            if e == GEdit::Clear {
                seed.set(DEFAULT_SEED);
                swap_i.set(DEFAULT_SWAP.0);
                swap_j.set(DEFAULT_SWAP.1);
            }
            d.dispatch(Action::EditG(e));
        })
    };
    let on_explicit = {
        let explicit = explicit.clone();
        Callback::from(move |e: InputEvent| explicit.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let toggle_mistake = {
        let d = p.dispatch.clone();
        Callback::from(move |e: Event| {
            d.dispatch(Action::SetMistake(e.target_unchecked_into::<HtmlInputElement>().checked()))
        })
    };
    let random = Step::PermuteSeeded { seed: *seed as u64, inverse: false, features_only: fo };
    let swap = Step::Swap { i: *swap_i, j: *swap_j, features_only: fo };
    let mut quick = vec![
        QuickStep::new(random.to_string(), "a random renumbering of all nodes, from the seed", random),
        QuickStep::new(swap.to_string(), "swap the numbers of nodes i and j", swap),
    ];
    let typed = parse_explicit(&explicit);
    if let Some(perm) = typed.as_ref().ok().filter(|perm| !perm.is_empty()) {
        let step = Step::Permute { perm: perm.clone(), features_only: fo };
        quick.push(QuickStep::new(step.to_string(), "node i becomes the i-th number of the list", step));
    }
    let explicit_hint = typed.err().map(|e| format!("{e}: list where each node goes, like 2, 0, 1."));
    let meaning = if p.mistake {
        "The mistake is on: node i's features go to row g(i), but its edges stay where they were."
    } else {
        "Node i becomes node g(i): its features and its edges go with it."
    };
    let fields = html! {
        <div class="graph-g-fields">
            <div class="tools" role="group" aria-label="The quick buttons' seed and nodes">
                <label class="num">{ "seed " }<input type="number" min="0" max="4294967295" value={seed.to_string()} oninput={number_field(&seed)} aria-label="seed of the random permutation" /></label>
                <label class="num">{ "i " }<input type="number" min="0" value={swap_i.to_string()} oninput={number_field(&swap_i)} aria-label="first node to swap" /></label>
                <label class="num">{ "j " }<input type="number" min="0" value={swap_j.to_string()} oninput={number_field(&swap_j)} aria-label="second node to swap" /></label>
            </div>
            <label class="explicit-perm">{ "explicit " }
                <input type="text" value={(*explicit).clone()} oninput={on_explicit} placeholder="2, 0, 1, …" spellcheck="false"
                    aria-label="explicit permutation: where each node goes, in order" />
            </label>
            if let Some(hint) = explicit_hint { <p class="muted small explicit-hint" role="status">{ hint }</p> }
            <p class="muted small">{ meaning }</p>
        </div>
    };
    let mistake = html! {
        <label class={classes!("mistake-toggle", p.mistake.then_some("on"))}>
            <input type="checkbox" checked={p.mistake} onchange={toggle_mistake} data-testid="mistake-toggle" />
            { " The mistake: permute the features X but leave A alone (permx, swapx)" }
        </label>
    };
    html! {
        <TransformPanel g={p.g.clone()} {on_edit} {quick} composed={composed_text(&p.node_move, p.mistake)}
            example="perm(7);swap(0,1)" title="Renumbering g" after={mistake}>
            { fields }
        </TransformPanel>
    }
}

//! The transformation bar: stack reverse complements and cyclic shifts into
//! g, see the composed element (every word of the group {id, RC} ⋉ Z_L
//! reduces to "RC or not, then one shift"), undo it with g⁻¹, or type an
//! expression.

use super::state::{Action, DnaLabState};
use crate::app::widgets::g_expression::GExpression;
use crate::engine::transform::{Step, Transform};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TransformBarProps {
    pub g: Transform,
    /// Length of the strand (shifts are taken modulo it).
    pub length: usize,
    pub dispatch: UseReducerDispatcher<DnaLabState>,
}

/// "rc then shift(3)": the composed element in words, shifts modulo `l`.
fn composed_text(g: &Transform, l: usize) -> String {
    let s = g.simplified();
    let l = l.max(1) as i64;
    let steps: Vec<String> = s
        .steps
        .iter()
        .filter_map(|st| match st {
            Step::Roll { k } if (*k as i64).rem_euclid(l) == 0 => None,
            Step::Roll { k } => Some(format!("shift({})", (*k as i64).rem_euclid(l))),
            other => Some(other.to_string()),
        })
        .collect();
    if steps.is_empty() {
        "the identity (nothing moves)".into()
    } else {
        steps.join(" then ")
    }
}

#[component]
pub fn TransformBar(p: &TransformBarProps) -> Html {
    let k = use_state(|| 3i32);
    let push = |step: Step| {
        let d = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::PushStep(step.clone())))
    };
    let add_shift = {
        let (d, k) = (p.dispatch.clone(), k.clone());
        Callback::from(move |_: MouseEvent| d.dispatch(Action::PushStep(Step::Roll { k: *k })))
    };
    let on_k = {
        let k = k.clone();
        Callback::from(move |e: InputEvent| {
            let v: HtmlInputElement = e.target_unchecked_into();
            if let Ok(n) = v.value().parse::<i32>() {
                k.set(n.clamp(-1_000_000, 1_000_000));
            }
        })
    };
    let d = p.dispatch.clone();
    let inverse = Callback::from(move |_: MouseEvent| d.dispatch(Action::ApplyInverse));
    let d = p.dispatch.clone();
    let reset = Callback::from(move |_: MouseEvent| d.dispatch(Action::ClearTransform));
    let apply_text = {
        let d = p.dispatch.clone();
        Callback::from(move |text: String| d.dispatch(Action::SetTransformText(text)))
    };
    html! {
        <div class="panel transform-panel">
            <h2 class="panel-title">{ "Transformation g" }</h2>
            <div class="g-stack" aria-live="polite">
                <span class="g-label">{ "g = " }</span>
                if p.g.steps.is_empty() { <span class="muted">{ "identity" }</span> }
                { for p.g.steps.iter().enumerate().map(|(i, st)| {
                    let d = p.dispatch.clone();
                    html! {
                        <span class="chip">
                            <code>{ st.to_string() }</code>
                            <button class="chip-x" aria-label={format!("remove {st}")} onclick={Callback::from(move |_| d.dispatch(Action::RemoveStep(i)))}>{ "×" }</button>
                        </span>
                    }
                }) }
            </div>
            <p class="composed" data-testid="composed">{ "Composed: " }<strong>{ composed_text(&p.g, p.length) }</strong>
                <span class="muted">{ " (steps apply left to right; rc then shift(k) = shift(−k) then rc)" }</span></p>
            <div class="tools" role="group" aria-label="Add a transformation">
                <button onclick={push(Step::ReverseComplement)} title="read the other strand, 5′→3′">{ "+ rc" }</button>
                <label class="num">{ "k" }<input type="number" min="-1000000" max="1000000" value={k.to_string()} oninput={on_k} aria-label="shift amount k" /></label>
                <button onclick={add_shift} title="cyclic shift: every base moves k positions to the right, wrapping around">{ "+ shift(k)" }</button>
            </div>
            <div class="tools">
                <button onclick={inverse} title="append g⁻¹: the composed element becomes the identity">{ "Apply g⁻¹" }</button>
                <button onclick={reset}>{ "Reset g" }</button>
            </div>
            <GExpression g={p.g.to_string()} example="rc;shift(4)" on_apply={apply_text} />
            <p class="muted small">{ "rc reverses the positions and swaps A↔T, C↔G: the same molecule read from the other strand. shift(k) moves the bases k places, wrapping around the end (a circular genome, or a plasmid)." }</p>
        </div>
    }
}

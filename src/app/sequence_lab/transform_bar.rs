//! The sequence lab's transformation controls: the shared transformation
//! panel (chips, set or compose, reset, typed expression) with two quick
//! steps, a delay by k steps and a time warp by a factor A, and the fields
//! they read. Delays form a monoid of time translations and warps a monoid
//! of rescalings: neither can be undone here, so the panel offers no g⁻¹
//! and says why.

use super::reducer::Action;
use super::state::SeqLabState;
use crate::app::widgets::transform_panel::{QuickStep, TransformPanel};
use crate::engine::models::sequence::time_scale;
use crate::engine::transform::{fmt_num, Step, Transform};
use crate::io::transform_edit::GEdit;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The delay and the warp slider the fields start at.
const DEFAULT_DELAY: usize = 5;
const DEFAULT_SLIDER: i32 = 4;

#[derive(Properties, PartialEq)]
pub struct TransformBarProps {
    pub g: Transform,
    pub dispatch: UseReducerDispatcher<SeqLabState>,
}

/// Warp factors offered by the slider: 0.25 to 8 in quarter octaves.
fn factor_of(slider: i32) -> f32 {
    let a = 2f32.powf(slider as f32 / 4.0);
    (a * 100.0).round() / 100.0
}

/// "delay(5) then warp(2): time runs 2× slower in g·x": the composed element in words.
fn composed_text(g: &Transform) -> String {
    if g.steps.is_empty() {
        return "the identity (nothing moves)".into();
    }
    let steps = g.steps.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(" then ");
    let a = time_scale(g);
    if a == 1.0 {
        steps
    } else if a > 1.0 {
        format!("{steps}: time runs {}× slower in g·x", fmt_num(a))
    } else {
        format!("{steps}: time runs {}× faster in g·x", fmt_num(1.0 / a))
    }
}

#[component]
pub fn TransformBar(p: &TransformBarProps) -> Html {
    let k = use_state(|| DEFAULT_DELAY);
    let slider = use_state(|| DEFAULT_SLIDER);
    let on_edit = {
        let (d, k, slider) = (p.dispatch.clone(), k.clone(), slider.clone());
        Callback::from(move |e: GEdit| {
            if e == GEdit::Clear {
                k.set(DEFAULT_DELAY);
                slider.set(DEFAULT_SLIDER);
            }
            d.dispatch(Action::EditG(e));
        })
    };
    let set_k = {
        let k = k.clone();
        Callback::from(move |e: InputEvent| {
            let v: HtmlInputElement = e.target_unchecked_into();
            if let Ok(n) = v.value().parse::<usize>() {
                k.set(n.min(512));
            }
        })
    };
    let set_slider = {
        let s = slider.clone();
        Callback::from(move |e: InputEvent| {
            let v: HtmlInputElement = e.target_unchecked_into();
            if let Ok(n) = v.value().parse::<i32>() {
                s.set(n.clamp(-8, 12));
            }
        })
    };
    let a = factor_of(*slider);
    let quick = vec![
        QuickStep::new(
            format!("delay({})", *k),
            "start the signal k steps later, inside its left padding",
            Step::Delay { k: *k },
        ),
        QuickStep::new(
            format!("warp({})", fmt_num(a)),
            "play the signal A times slower (A < 1: faster)",
            Step::Warp { factor: a },
        ),
    ];
    let fields = html! {
        <div class="tools seq-g-fields" role="group" aria-label="The delay k and the warp factor A the buttons use">
            <label class="num">{ "k " }<input type="number" min="0" max="512" value={k.to_string()} oninput={set_k} aria-label="delay in steps" /></label>
            <label class="slider">{ "A " }
                <input type="range" min="-8" max="12" step="1" value={slider.to_string()} oninput={set_slider}
                    aria-label="warp factor A, from 0.25 to 8" aria-valuetext={fmt_num(a)} />
                <span class="muted">{ fmt_num(a) }</span>
            </label>
        </div>
    };
    let no_inverse = html! {
        <p class="muted small no-inverse">{ "No g⁻¹ here: delays and warps form a monoid, not a group (an advance would cut off the start of a signal, a squeeze averages samples away). Reset g goes back to the identity." }</p>
    };
    html! {
        <TransformPanel g={p.g.clone()} {on_edit} {quick} composed={composed_text(&p.g)} invertible={false}
            example="delay(5);warp(2)" after={no_inverse}>
            { fields }
        </TransformPanel>
    }
}

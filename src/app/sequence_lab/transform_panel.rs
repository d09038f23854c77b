//! The transformation: delays and warps stacked into g (left to right), a
//! typed expression, and x and g·x drawn on g·x's clock. Delays form a
//! monoid of time translations and warps a monoid of rescalings: neither has
//! an inverse here, so there is no g⁻¹ button, only a reset.

use super::state::{Action, SeqLabState};
use crate::app::widgets::g_expression::GExpression;
use crate::app::widgets::line_chart::{ChartData, LineChart};
use crate::engine::models::sequence::time_scale;
use crate::engine::transform::{fmt_num, Step, Transform};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TransformPanelProps {
    pub g: Transform,
    /// x and g·x on g·x's clock.
    pub inputs: Option<ChartData>,
    /// The step-through cursor on g·x's clock.
    pub cursor: Option<f64>,
    /// Steps of left padding (shaded on the chart).
    pub pad: usize,
    pub dispatch: UseReducerDispatcher<SeqLabState>,
}

/// Warp factors offered by the slider: 0.25 to 8 in quarter octaves.
fn factor_of(slider: i32) -> f32 {
    let a = 2f32.powf(slider as f32 / 4.0);
    (a * 100.0).round() / 100.0
}

/// What the shaded ranges of the inputs chart are, if there are any.
fn shading_note(delay: bool, padding: bool) -> Option<&'static str> {
    match (delay, padding) {
        (true, true) => Some("Shaded on the left: the delay (darker), then the left padding."),
        (true, false) => Some("Shaded on the left: the delay."),
        (false, true) => Some("Shaded on the left: the left padding."),
        (false, false) => None,
    }
}

#[component]
pub fn TransformPanel(p: &TransformPanelProps) -> Html {
    let k = use_state(|| 5usize);
    let slider = use_state(|| 4i32);
    let add_delay = {
        let (d, k) = (p.dispatch.clone(), k.clone());
        Callback::from(move |_: MouseEvent| d.dispatch(Action::PushStep(Step::Delay { k: *k })))
    };
    let add_warp = {
        let (d, s) = (p.dispatch.clone(), slider.clone());
        Callback::from(move |_: MouseEvent| d.dispatch(Action::PushStep(Step::Warp { factor: factor_of(*s) })))
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
    let d = p.dispatch.clone();
    let reset = Callback::from(move |_: MouseEvent| d.dispatch(Action::ClearTransform));
    let apply_text = {
        let d = p.dispatch.clone();
        Callback::from(move |text: String| d.dispatch(Action::SetTransformText(text)))
    };
    let a = time_scale(&p.g);
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
            <p class="composed muted">
                { "Steps apply left to right. " }
                if a != 1.0 { { format!("Time runs {}× slower in g·x. ", fmt_num(a)) } }
                { "Delays and warps cannot be undone (a monoid, not a group), so there is no g⁻¹." }
            </p>
            <div class="tools" role="group" aria-label="Add a delay">
                <label class="num">{ "k" }<input type="number" min="0" max="512" value={k.to_string()} oninput={set_k} aria-label="delay in steps" /></label>
                <button onclick={add_delay}>{ format!("+ delay({})", *k) }</button>
            </div>
            <div class="tools" role="group" aria-label="Add a time warp">
                <label class="slider">{ "A" }
                    <input type="range" min="-8" max="12" step="1" value={slider.to_string()} oninput={set_slider}
                        aria-label="warp factor A, from 0.25 to 8" aria-valuetext={fmt_num(factor_of(*slider))} />
                </label>
                <button onclick={add_warp}>{ format!("+ warp({})", fmt_num(factor_of(*slider))) }</button>
                <button onclick={reset}>{ "Reset g" }</button>
            </div>
            <GExpression g={p.g.to_string()} example="delay(5);warp(2)" on_apply={apply_text} />
            if let Some(inputs) = p.inputs.clone() {
                <LineChart data={inputs} cursor={p.cursor} width={640} height={220} class="inputs-chart"
                    caption="The input x and the transformed input g·x on the clock of g·x" />
                if let Some(text) = shading_note(crate::engine::analysis::time_axis::has_delay(&p.g), p.pad > 0) {
                    <p class="muted small">{ text }</p>
                }
            }
        </div>
    }
}

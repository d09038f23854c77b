//! The transformation bar: stack shifts, quarter turns and flips into g, see
//! the composed element, undo it with g⁻¹ (claim C1), or type an expression.
//! A slider sets g to a rotation by any angle (bilinear interpolation), and
//! the circular mask fades the input to its disc so nothing leaves the frame.

use super::actions::Action;
use super::state::ImageLabState;
use crate::app::widgets::g_expression::GExpression;
use crate::app::widgets::heatmap::{Heatmap, Plane};
use crate::engine::grid_group::Mat2;
use crate::engine::transform::{Fill, Step, Transform};
use crate::viz::colormap::{ColorMap, Scale};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TransformBarProps {
    pub g: Transform,
    pub fill: Fill,
    pub gx: Option<Plane>,
    pub mask: bool,
    pub dispatch: UseReducerDispatcher<ImageLabState>,
}

/// The angle of g in degrees when g is a single rotation (quarter turns included).
pub fn rotation_angle(g: &Transform) -> Option<f32> {
    if let [Step::Rotate { degrees }] = g.steps.as_slice() {
        return Some(*degrees);
    }
    let (m, t) = g.image_normal_form()?;
    if t != (0, 0) || g.is_identity() {
        return None;
    }
    (0..4).find(|&k| Mat2::rot90_pow(k) == m).map(|k| 90.0 * k as f32)
}

/// "rot90 then shift(0,-3)": the composed element in words.
fn composed_text(g: &Transform) -> String {
    let s = g.simplified();
    if s.is_identity() {
        return "the identity (nothing moves)".into();
    }
    s.steps.iter().map(|st| st.to_string()).collect::<Vec<_>>().join(" then ")
}

fn number_input(state: &UseStateHandle<i32>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| {
        let v: HtmlInputElement = e.target_unchecked_into();
        if let Ok(n) = v.value().parse::<i32>() {
            state.set(n.clamp(-64, 64));
        }
    })
}

#[component]
pub fn TransformBar(p: &TransformBarProps) -> Html {
    let dx = use_state(|| 3i32);
    let dy = use_state(|| 5i32);
    let push = |step: Step| {
        let d = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::PushStep(step.clone())))
    };
    let add_shift = {
        let (d, dx, dy, fill) = (p.dispatch.clone(), dx.clone(), dy.clone(), p.fill);
        Callback::from(move |_: MouseEvent| d.dispatch(Action::PushStep(Step::Shift { dx: *dx, dy: *dy, fill })))
    };
    let set_fill = |fill: Fill| {
        let d = p.dispatch.clone();
        Callback::from(move |_: Event| d.dispatch(Action::SetFill(fill)))
    };
    let d = p.dispatch.clone();
    let inverse = Callback::from(move |_: MouseEvent| d.dispatch(Action::ApplyInverse));
    let d = p.dispatch.clone();
    let reset = Callback::from(move |_: MouseEvent| d.dispatch(Action::ClearTransform));
    let apply_text = {
        let d = p.dispatch.clone();
        Callback::from(move |text: String| d.dispatch(Action::SetTransformText(text)))
    };
    let angle = rotation_angle(&p.g);
    let shown = angle.unwrap_or(0.0).rem_euclid(360.0);
    let on_angle = {
        let d = p.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let v: HtmlInputElement = e.target_unchecked_into();
            if let Ok(deg) = v.value().parse::<f32>() {
                d.dispatch(Action::SetRotation(deg));
            }
        })
    };
    let on_mask = {
        let (d, mask) = (p.dispatch.clone(), p.mask);
        Callback::from(move |_: Event| d.dispatch(Action::SetMask(!mask)))
    };
    let ink = Scale { map: ColorMap::Ink, lo: 0.0, hi: 1.0 };
    html! {
        <div class="panel transform-panel">
            <h2 class="panel-title">{ "Transformed input g·x" }</h2>
            <div class="canvas-stack">
                if let Some(gx) = p.gx.clone() {
                    <Heatmap plane={gx} scale={ink} label="the transformed input g·x" class="input-image" />
                }
            </div>
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
            <p class="composed" data-testid="composed">{ "Composed: " }<strong>{ composed_text(&p.g) }</strong>
                <span class="muted">{ " (steps apply left to right)" }</span></p>
            <div class="tools" role="group" aria-label="Add a transformation">
                <label class="num">{ "dx" }<input type="number" min="-64" max="64" value={dx.to_string()} oninput={number_input(&dx)} /></label>
                <label class="num">{ "dy" }<input type="number" min="-64" max="64" value={dy.to_string()} oninput={number_input(&dy)} /></label>
                <button onclick={add_shift}>{ "+ shift" }</button>
                <button onclick={push(Step::Point(Mat2::ROT90))} title="quarter turn counterclockwise">{ "+ rot90" }</button>
                <button onclick={push(Step::Point(Mat2::rot90_pow(2)))}>{ "+ rot180" }</button>
                <button onclick={push(Step::Point(Mat2::rot90_pow(3)))}>{ "+ rot270" }</button>
                <button onclick={push(Step::Point(Mat2::FLIP_X))} title="mirror left-right">{ "+ flip ↔" }</button>
                <button onclick={push(Step::Point(Mat2::FLIP_Y))} title="mirror top-bottom">{ "+ flip ↕" }</button>
            </div>
            <div class="tools rotation-tools" role="group" aria-label="Rotate by any angle">
                <label class="slider angle">{ "Rotate g = rot(θ)" }
                    <input type="range" min="0" max="360" step="1" value={format!("{shown}")} oninput={on_angle.clone()}
                        data-testid="angle-slider" aria-label="rotation angle in degrees" aria-valuetext={format!("{shown} degrees")} />
                </label>
                <label class="num">{ "θ" }
                    <input type="number" min="0" max="360" step="1" value={format!("{shown}")} oninput={on_angle} aria-label="rotation angle in degrees" />{ "°" }
                </label>
                <label title="fade the input to its inscribed disc before the network sees it, so nothing leaves the frame when it turns">
                    <input type="checkbox" checked={p.mask} onchange={on_mask} data-testid="mask-toggle" />{ " circular mask" }
                </label>
            </div>
            <div class="tools" role="radiogroup" aria-label="What enters the image when it shifts">
                <span class="muted">{ "Shift fill:" }</span>
                <label><input type="radio" name="fill" checked={p.fill == Fill::Cyclic} onchange={set_fill(Fill::Cyclic)} />{ " cyclic (wrap around)" }</label>
                <label><input type="radio" name="fill" checked={p.fill == Fill::Zero} onchange={set_fill(Fill::Zero)} />{ " zero fill" }</label>
            </div>
            <div class="tools">
                <button onclick={inverse} title="append g⁻¹: the composed element becomes the identity">{ "Apply g⁻¹" }</button>
                <button onclick={reset}>{ "Reset g" }</button>
            </div>
            <GExpression g={p.g.to_string()} example="shift(3,5);rot90" on_apply={apply_text} />
        </div>
    }
}

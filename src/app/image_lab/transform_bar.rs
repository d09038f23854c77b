//! The image lab's transformation controls: the shared transformation panel
//! (chips, set or compose, g⁻¹, reset, typed expression) with the image's
//! quick steps (a shift by dx, dy; quarter turns; flips), what a shift fills
//! in, and a rotation by any angle (bilinear interpolation) with the
//! circular mask that fades the input to its disc so nothing leaves the
//! frame.

use super::reducer::Action;
use super::state::ImageLabState;
use crate::app::widgets::transform_panel::{QuickStep, TransformPanel};
use crate::engine::grid_group::Mat2;
use crate::engine::transform::{Fill, Step, Transform};
use crate::io::transform_edit::GEdit;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The shift the dx, dy fields start at (and go back to on Reset g): a
/// multiple of the pooling stride, so every layer of a CNN stays exact.
pub const DEFAULT_SHIFT: (i32, i32) = (4, 6);

#[derive(Properties, PartialEq)]
pub struct TransformBarProps {
    pub g: Transform,
    pub fill: Fill,
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
    let dx = use_state(|| DEFAULT_SHIFT.0);
    let dy = use_state(|| DEFAULT_SHIFT.1);
    let on_edit = {
        let (d, dx, dy) = (p.dispatch.clone(), dx.clone(), dy.clone());
        Callback::from(move |e: GEdit| {
            if e == GEdit::Clear {
                dx.set(DEFAULT_SHIFT.0);
                dy.set(DEFAULT_SHIFT.1);
            }
            d.dispatch(Action::EditG(e));
        })
    };
    let set_fill = |fill: Fill| {
        let d = p.dispatch.clone();
        Callback::from(move |_: Event| d.dispatch(Action::SetFill(fill)))
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
    let shift = Step::Shift { dx: *dx, dy: *dy, fill: p.fill };
    let quick = vec![
        QuickStep::new(
            format!("shift({},{})", *dx, *dy),
            "move the picture by dx columns right and dy rows down",
            shift,
        ),
        QuickStep::new("rot90", "quarter turn counterclockwise", Step::Point(Mat2::ROT90)),
        QuickStep::new("rot180", "half turn", Step::Point(Mat2::rot90_pow(2))),
        QuickStep::new("rot270", "quarter turn clockwise", Step::Point(Mat2::rot90_pow(3))),
        QuickStep::new("flip ↔", "mirror left-right (flipx)", Step::Point(Mat2::FLIP_X)),
        QuickStep::new("flip ↕", "mirror top-bottom (flipy)", Step::Point(Mat2::FLIP_Y)),
    ];
    let fields = html! {
        <div class="tools" role="group" aria-label="The shift's dx and dy, and what enters the image">
            <label class="num">{ "dx " }<input type="number" min="-64" max="64" value={dx.to_string()} oninput={number_input(&dx)} /></label>
            <label class="num">{ "dy " }<input type="number" min="-64" max="64" value={dy.to_string()} oninput={number_input(&dy)} /></label>
            <span class="fill-choice" role="radiogroup" aria-label="What enters the image when it shifts">
                <label><input type="radio" name="fill" checked={p.fill == Fill::Cyclic} onchange={set_fill(Fill::Cyclic)} />{ " wrap around" }</label>
                <label><input type="radio" name="fill" checked={p.fill == Fill::Zero} onchange={set_fill(Fill::Zero)} />{ " zero fill" }</label>
            </span>
        </div>
    };
    let rotation = html! {
        <div class="tools rotation-tools" role="group" aria-label="Rotate by any angle">
            <label class="slider angle">{ "rot(θ)" }
                <input type="range" min="0" max="360" step="1" value={format!("{shown}")} oninput={on_angle.clone()}
                    data-testid="angle-slider" aria-label="rotation angle in degrees" aria-valuetext={format!("{shown} degrees")} />
            </label>
            <label class="num">{ "θ " }
                <input type="number" min="0" max="360" step="1" value={format!("{shown}")} oninput={on_angle} aria-label="rotation angle in degrees" />{ "°" }
            </label>
            <label title="fade the input to its inscribed disc before the network sees it, so nothing leaves the frame when it turns">
                <input type="checkbox" checked={p.mask} onchange={on_mask} data-testid="mask-toggle" />{ " circular mask" }
            </label>
        </div>
    };
    html! {
        <TransformPanel g={p.g.clone()} {on_edit} {quick} composed={composed_text(&p.g)} example="shift(4,6);rot90" after={rotation}>
            { fields }
        </TransformPanel>
    }
}

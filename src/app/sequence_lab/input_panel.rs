//! The input: a curve over time drawn with the pointer (mouse, finger or
//! pen: dragging sets the values under it), the presets, the signal's length
//! and sampling, and the left padding the networks see before it.

use super::reducer::Action;
use super::state::{SeqLabState, Source};
use super::views::signal_chart;
use crate::app::widgets::line_chart::{ChartPointer, LineChart, PointerPhase};
use crate::engine::space::Signal;
use crate::io::sequence_presets::{Sampling, PRESETS};
use crate::io::sequence_settings::{BEATS, MAX_PAD};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// "1 beat", "2.5 beats".
fn beats(d: f32) -> String {
    let n = crate::engine::transform::fmt_num(d);
    if d == 1.0 {
        format!("{n} beat")
    } else {
        format!("{n} beats")
    }
}

/// Sampling rates offered, in steps per beat.
const RATES: [u32; 7] = [1, 2, 4, 8, 16, 32, 64];

#[derive(Properties, PartialEq)]
pub struct InputPanelProps {
    pub input: Rc<Signal>,
    /// Changes whenever `input` does.
    pub input_rev: u64,
    pub source: Source,
    pub sampling: Sampling,
    pub pad: usize,
    pub can_undo: bool,
    /// The cursor on the signal's clock, in beats (`None` inside the padding).
    pub cursor: Option<f64>,
    pub dispatch: UseReducerDispatcher<SeqLabState>,
}

#[component]
pub fn InputPanel(p: &InputPanelProps) -> Html {
    let last = use_mut_ref(|| None::<(f32, f32)>);
    let label = match &p.source {
        Source::Preset(name) => PRESETS.iter().find(|q| q.name == name).map_or(name.clone(), |q| q.title.to_string()),
        Source::Drawing => "your drawing".into(),
    };
    let chart = {
        let (input, sampling, label) = (p.input.clone(), p.sampling, label.clone());
        use_memo((p.input_rev, label.clone()), move |_| signal_chart(&input, sampling, &label))
    };
    let on_pointer = {
        let (d, last) = (p.dispatch.clone(), last.clone());
        Callback::from(move |e: ChartPointer| {
            let pt = (e.x as f32, e.y as f32);
            match e.phase {
                PointerPhase::Down => {
                    d.dispatch(Action::BeginStroke);
                    d.dispatch(Action::Stroke(pt, pt));
                    *last.borrow_mut() = Some(pt);
                }
                PointerPhase::Move => {
                    let prev = last.borrow_mut().replace(pt);
                    if let Some(prev) = prev {
                        d.dispatch(Action::Stroke(prev, pt));
                    }
                }
                PointerPhase::Up => *last.borrow_mut() = None,
            }
        })
    };
    let set_beats = {
        let (d, s) = (p.dispatch.clone(), p.sampling);
        Callback::from(move |e: InputEvent| {
            let v: HtmlInputElement = e.target_unchecked_into();
            if let Ok(b) = v.value().parse::<f32>() {
                d.dispatch(Action::SetSampling(Sampling { duration: b.clamp(BEATS.0, BEATS.1), ..s }));
            }
        })
    };
    let set_rate = {
        let (d, s) = (p.dispatch.clone(), p.sampling);
        Callback::from(move |e: Event| {
            let v: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(r) = v.value().parse::<f32>() {
                d.dispatch(Action::SetSampling(Sampling { rate: r, ..s }));
            }
        })
    };
    let set_pad = {
        let d = p.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let v: HtmlInputElement = e.target_unchecked_into();
            if let Ok(n) = v.value().parse::<usize>() {
                d.dispatch(Action::SetPad(n));
            }
        })
    };
    let d = p.dispatch.clone();
    let undo = Callback::from(move |_| d.dispatch(Action::Undo));
    let d = p.dispatch.clone();
    let clear = Callback::from(move |_| d.dispatch(Action::Clear));
    let steps = p.input.shape()[0];
    html! {
        <div class="panel input-panel">
            <h2 class="panel-title">{ "Input x" }<span class="muted">{ format!(" · {label}") }</span></h2>
            <LineChart data={(*chart).clone()} cursor={p.cursor} on_pointer={Some(on_pointer)} testid="draw-canvas"
                width={640} height={250} class="draw-chart"
                caption="The input signal over time. Drag on it with a mouse, finger or pen to draw new values." />
            <div class="tools" role="toolbar" aria-label="Drawing tools">
                <button onclick={undo} disabled={!p.can_undo}>{ "Undo" }</button>
                <button onclick={clear} title="a flat zero signal to draw on">{ "Clear" }</button>
                <span class="muted hint">{ "drag on the curve to draw" }</span>
            </div>
            <div class="presets" role="group" aria-label="Preset signals">
                { for PRESETS.iter().map(|pr| {
                    let d = p.dispatch.clone();
                    let name = pr.name.to_string();
                    let on = p.source == Source::Preset(name.clone());
                    html! { <button class={classes!("toggle", on.then_some("on"))} aria-pressed={on.to_string()} title={pr.note}
                        onclick={Callback::from(move |_| d.dispatch(Action::LoadPreset(name.clone())))}>{ pr.title }</button> }
                }) }
            </div>
            <div class="fields sampling">
                <label class="field">{ format!("Length: {}", beats(p.sampling.duration)) }
                    <input type="range" min={BEATS.0.to_string()} max={BEATS.1.to_string()} step="0.25"
                        value={p.sampling.duration.to_string()} oninput={set_beats} aria-label="length in beats" />
                </label>
                <label class="field">{ "Sampling" }
                    <select onchange={set_rate} aria-label="steps per beat">
                        { for RATES.iter().map(|r| html! {
                            <option value={r.to_string()} selected={*r as f32 == p.sampling.rate}>{ format!("{r} steps per beat") }</option>
                        }) }
                    </select>
                </label>
                <label class="field">{ format!("Left padding: {} steps", p.pad) }
                    <input type="range" min="0" max={MAX_PAD.to_string()} step="1" value={p.pad.to_string()}
                        oninput={set_pad} aria-label="left padding in steps" data-testid="pad" />
                </label>
            </div>
            <p class="muted sampling-note" data-testid="sampling">
                { format!("T = {steps} steps ({} × {} steps per beat)", beats(p.sampling.duration), p.sampling.rate) }
                if p.pad > 0 { { format!(", after {} zero steps of padding: the networks read {} steps.", p.pad, steps + p.pad) } }
            </p>
        </div>
    }
}

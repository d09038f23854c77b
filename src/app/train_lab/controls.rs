//! The run's settings, the training buttons and the run's progress, and the
//! test letter the strip checks. Every control is a native form element
//! (keyboard operable, labelled); a value the parser refuses is reported in
//! the alert and the current one kept. The test transformation g has its own
//! panel (`transform_bar`).

use super::reducer::Action;
use super::state::{Pace, TrainState};
use crate::app::widgets::compute_time::ComputeTime;
use crate::engine::models::image::ImageArch;
use crate::engine::train::AugGroup;
use crate::engine::train::CLASS_NAMES;
use crate::io::train_settings::{TrainSettings, MAX_EPOCHS};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    pub state: UseReducerHandle<TrainState>,
}

/// How a control's text changes the settings, or why it cannot.
type Edit = Box<dyn Fn(&mut TrainSettings, &str) -> Result<(), String>>;

fn edit(f: impl Fn(&mut TrainSettings, &str) -> Result<(), String> + 'static) -> Edit {
    Box::new(f)
}

fn select_value(e: &Event) -> String {
    e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default()
}

fn input_value(e: &Event) -> String {
    e.target_dyn_into::<HtmlInputElement>().map(|s| s.value()).unwrap_or_default()
}

/// Test letters the strip can be pointed at.
pub const SAMPLES_SHOWN: usize = 4;

#[component]
pub fn Controls(p: &ControlsProps) -> Html {
    let st = &p.state;
    let s = st.settings.clone();
    let apply = |f: Edit| {
        let (d, s) = (st.dispatcher(), s.clone());
        Callback::from(move |v: String| {
            let mut next = s.clone();
            match f(&mut next, &v) {
                Ok(()) => d.dispatch(Action::Apply(next, vec![])),
                Err(e) => d.dispatch(Action::Refuse(e)),
            }
        })
    };
    let on_model = apply(edit(|n, v| ImageArch::parse(v).map(|a| n.arch = a).ok_or("unknown model".into())));
    let on_group = apply(edit(|n, v| {
        AugGroup::parse(v)
            .map(|g| {
                n.group = g;
                n.copies = g.order() - 1;
            })
            .ok_or("unknown group".into())
    }));
    let on_pace = {
        let d = st.dispatcher();
        Callback::from(move |e: Event| {
            if let Some(p) = Pace::parse(&select_value(&e)) {
                d.dispatch(Action::SetPace(p));
            }
        })
    };
    let on_copies = apply(edit(|n, v| v.parse().map(|c| n.copies = c).map_err(|_| "copies: a whole number".into())));
    let on_seed = apply(edit(|n, v| {
        v.parse::<u32>()
            .map(|x| n.seed = x as u64)
            .map_err(|_| format!("“{v}” is not a valid seed; use a whole number from 0 to 4294967295."))
    }));
    let on_epochs = apply(edit(|n, v| {
        v.parse::<usize>()
            .ok()
            .filter(|e| (1..=MAX_EPOCHS).contains(e))
            .map(|e| n.epochs = e)
            .ok_or(format!("“{v}” is not a valid number of epochs; use a whole number from 1 to {MAX_EPOCHS}."))
    }));
    let on_aug = apply(edit(|n, v| {
        n.aug = v == "on";
        Ok(())
    }));
    let d = st.dispatcher();
    let button = |label: String, action: fn() -> Action, disabled: bool, what: &'static str| {
        let d = d.clone();
        html! { <button type="button" onclick={Callback::from(move |_| d.dispatch(action()))} {disabled} title={what}>{ label }</button> }
    };
    let (epochs, ready) = (st.epochs(), st.ready());
    let prepared = st.trainer.as_ref().map_or((0, 0), |t| t.borrow().prepared());
    // The class of each test letter the strip can show.
    let letters: Vec<&str> = st
        .trainer
        .as_ref()
        .map(|t| t.borrow().test.labels.iter().take(SAMPLES_SHOWN).map(|&c| CLASS_NAMES[c]).collect())
        .unwrap_or_default();
    let target = st.next_target();
    let max_copies = s.group.order() - 1;
    html! {
        <div class="train-controls">
            <div class="tools">
                <label>{ "Body " }
                    <select aria-label="Fixed feature body" onchange={on_model.reform(|e: Event| select_value(&e))}>
                        { for ImageArch::ALL.iter().map(|a| html! { <option value={a.name()} selected={*a == s.arch}>{ a.name() }</option> }) }
                    </select>
                </label>
                <label>{ "Augment with " }
                    <select aria-label="Augmentation group" data-testid="aug-group" onchange={on_group.reform(|e: Event| select_value(&e))}>
                        { for AugGroup::ALL.iter().map(|g| html! { <option value={g.name()} selected={*g == s.group}>{ g.title() }</option> }) }
                    </select>
                </label>
                <label>{ "copies per letter " }
                    <input type="number" min="0" max={max_copies.to_string()} value={s.copies_used().to_string()} aria-label="Augmented copies per training letter" onchange={on_copies.reform(|e: Event| input_value(&e))} />
                </label>
            </div>
            <div class="tools">
                <label>{ "seed " }
                    <input type="number" min="0" value={s.seed.to_string()} aria-label="Random seed of data, body and head" onchange={on_seed.reform(|e: Event| input_value(&e))} />
                </label>
                <label>{ "epochs " }
                    <input type="number" min="1" max={MAX_EPOCHS.to_string()} value={s.epochs.to_string()} aria-label="Epochs per press of Train" onchange={on_epochs.reform(|e: Event| input_value(&e))} />
                </label>
            </div>
            <div class="tools">
                <label>{ "speed " }
                    <select aria-label="Training speed" data-testid="train-pace" onchange={on_pace}>
                        { for Pace::ALL.iter().map(|p| html! { <option value={p.name()} selected={*p == st.pace}>{ p.title() }</option> }) }
                    </select>
                </label>
            </div>
            <div class="tools train-buttons">
                if st.running && epochs < st.stop_at {
                    { button("Pause".into(), || Action::Pause, false, "Pause training") }
                } else {
                    { button(if epochs == 0 { format!("Train {target} epochs") } else { format!("Train to epoch {target}") }, || Action::Train, false, "Train both heads") }
                }
                { button("Step".into(), || Action::Step, st.running, "Train one more epoch") }
                { button("Reset".into(), || Action::Reset, false, "Reset both heads to their random start") }
                <label class="head-pick">{ "Check " }
                    <select aria-label="Head shown in the per-layer check" onchange={on_aug.reform(|e: Event| select_value(&e))}>
                        <option value="on" selected={s.aug}>{ "augmented head" }</option>
                        <option value="off" selected={!s.aug}>{ "plain head" }</option>
                    </select>
                </label>
            </div>
            <div class="lab-status train-status">
                <span data-testid="train-progress" data-epoch={epochs.to_string()} data-ready={ready.to_string()} data-running={st.running.to_string()} aria-live="polite">
                    { if ready { format!("epoch {epochs}") } else { format!("features {} / {}", prepared.0, prepared.1) } }
                    if st.running && ready { { format!(" → {}", st.stop_at) } }
                </span>
                <progress max={st.stop_at.max(1).to_string()} value={epochs.min(st.stop_at.max(1)).to_string()} aria-label="Training progress" />
                <ComputeTime ms={st.compute_ms} />
                <span class="muted">{ format!("longest tick {:.1} ms", st.longest_ms) }</span>
            </div>
            <div class="tools sample-pick" role="group" aria-label="Test letter checked in the strip">
                <span class="muted">{ "Test letter x: " }</span>
                { for (0..SAMPLES_SHOWN).map(|i| {
                    let d = st.dispatcher();
                    let on = st.sample == i;
                    let class = letters.get(i).copied().unwrap_or("?");
                    html! { <button type="button" class={classes!("toggle", on.then_some("on"))} aria-pressed={on.to_string()}
                        title={format!("check test letter {} ({class})", i + 1)}
                        onclick={Callback::from(move |_| d.dispatch(Action::Sample(i)))}>{ format!("{} ({class})", i + 1) }</button> }
                }) }
            </div>
        </div>
    }
}

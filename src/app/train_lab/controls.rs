//! The run's settings and the training buttons. Every control is a native
//! form element (keyboard operable, labelled); a g the parser refuses is
//! reported in the alert and the current one kept.

use super::state::{Action, TrainState};
use crate::engine::models::image::ImageArch;
use crate::engine::train::AugGroup;
use crate::io::train_settings::{TrainSettings, MAX_EPOCHS};
use crate::io::transform_expr::{self, Domain};
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
    let on_copies = apply(edit(|n, v| v.parse().map(|c| n.copies = c).map_err(|_| "copies: a whole number".into())));
    let on_g = apply(edit(|n, v| {
        transform_expr::parse(v, Domain::Image)
            .map(|g| n.g = g)
            .map_err(|e| format!("The transformation “{v}” was not understood: {e}."))
    }));
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
                <label>{ "Test g = " }
                    <input type="text" class="g-input" data-testid="train-g" value={s.g.to_string()} aria-label="Transformation g applied to the test letters" onchange={on_g.reform(|e: Event| input_value(&e))} />
                </label>
                <label>{ "seed " }
                    <input type="number" min="0" value={s.seed.to_string()} aria-label="Random seed of data, body and head" onchange={on_seed.reform(|e: Event| input_value(&e))} />
                </label>
                <label>{ "epochs " }
                    <input type="number" min="1" max={MAX_EPOCHS.to_string()} value={s.epochs.to_string()} aria-label="Epochs per press of Train" onchange={on_epochs.reform(|e: Event| input_value(&e))} />
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
                if !ready { <span class="muted">{ "preparing features…" }</span> }
            </div>
        </div>
    }
}

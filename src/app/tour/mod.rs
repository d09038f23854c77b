//! The guided tour (`#/tour?step=N`): the blueprint step by step, each step a
//! short text and a live lab embedded through its URL state, showing exactly
//! the part the step talks about (`view=`), which the tour then brings into
//! view and outlines. A "try this" can wait for the learner's action (the
//! lab's link gains, say, `model=cnn-gap`) and then say what to look at; "Show
//! me" does the action for a teacher in a hurry. Presentation mode
//! (`present=1`) scales the whole page, the embedded lab too; arrows, space,
//! Page Up/Down, Home and End move between steps. On a phone the lab frame
//! grows to its content, so there is no scroll box inside the page.

mod frame;
mod steps;

use super::url;
use frame::{use_lab_frame, LabWatch};
use steps::STEPS;
use wasm_bindgen::JsCast;
use yew::prelude::*;

fn step_from_url() -> usize {
    url::current_or_default().get("step").and_then(|s| s.parse::<usize>().ok()).unwrap_or(1).clamp(1, STEPS.len()) - 1
}

/// The lab link of step `k`, embedded (and presenting when the tour is).
fn frame_src(k: usize, presenting: bool) -> String {
    let view = STEPS[k].view;
    let sep = if view.contains('?') { "&" } else { "?" };
    format!("./{view}{sep}embed=1{}", if presenting { "&present=1" } else { "" })
}

#[component]
pub fn Tour() -> Html {
    let step = use_state(step_from_url);
    let presenting = use_state(|| url::current_or_default().get("present") == Some("1"));
    let k = *step;
    let s = &STEPS[k];
    // A pasted or clicked tour link moves to its step.
    let loc = url::use_hash_location();
    {
        let (step, presenting) = (step.clone(), presenting.clone());
        let wanted = (loc.get("step").map(str::to_string), loc.get("present") == Some("1"));
        use_effect_with(wanted, move |(wanted_step, wanted_present)| {
            if let Some(n) = wanted_step.as_ref().and_then(|s| s.parse::<usize>().ok()) {
                step.set(n.clamp(1, STEPS.len()) - 1);
            }
            presenting.set(*wanted_present);
        });
    }
    {
        let presenting = *presenting;
        use_effect_with((k, presenting), move |(k, presenting)| {
            let mut loc = url::current_or_default();
            loc.route = "/tour".into();
            loc.set("step", Some((k + 1).to_string()));
            loc.set("present", presenting.then(|| "1".to_string()));
            url::replace(&loc);
        });
    }
    // Keyboard navigation on the whole page while the tour is shown.
    {
        let step = step.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                let options = gloo::events::EventListenerOptions::enable_prevent_default();
                gloo::events::EventListener::new_with_options(&w, "keydown", options, move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                    let in_field = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON"))
                        .unwrap_or(false);
                    let next = match e.key().as_str() {
                        "ArrowRight" | "PageDown" => Some((*step + 1).min(STEPS.len() - 1)),
                        " " if !in_field => Some((*step + 1).min(STEPS.len() - 1)),
                        "ArrowLeft" | "PageUp" => Some(step.saturating_sub(1)),
                        "Home" => Some(0),
                        "End" => Some(STEPS.len() - 1),
                        _ => None,
                    };
                    if let Some(n) = next {
                        e.prevent_default();
                        step.set(n);
                    }
                })
            });
            move || drop(listener)
        });
    }

    let iframe = use_node_ref();
    let watch: LabWatch = use_lab_frame(iframe.clone(), k, s);
    let go = |n: usize| {
        let step = step.clone();
        Callback::from(move |_: MouseEvent| step.set(n))
    };
    let toggle_present = {
        let presenting = presenting.clone();
        Callback::from(move |_: MouseEvent| {
            let on = !*presenting;
            if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                if on {
                    if let Some(el) = doc.document_element() {
                        let _ = el.request_fullscreen();
                    }
                } else if doc.fullscreen_element().is_some() {
                    doc.exit_fullscreen();
                }
            }
            presenting.set(on);
        })
    };
    let show_me = s.awaits.as_ref().map(|a| {
        let (iframe, param, value) = (iframe.clone(), a.param, a.show);
        Callback::from(move |_: MouseEvent| frame::set_param(&iframe, param, value))
    });
    let src = frame_src(k, *presenting);
    let chapter = |i: usize| STEPS[i].chapter;
    html! {
        <section class={classes!("page", "tour", presenting.then_some("presenting"))} aria-roledescription="slideshow">
            <div class="tour-text">
                <p class="step-counter" data-testid="tour-step" data-target={s.target} aria-live="polite">{ format!("Step {} of {}", k + 1, STEPS.len()) }</p>
                <h1>{ s.title }</h1>
                <p class="lead">{ s.text }</p>
                <div class={classes!("try", watch.done.then_some("done"))} data-testid="tour-try" data-done={watch.done.to_string()}>
                    <p><strong>{ "Try this: " }</strong>{ s.try_this }</p>
                    if let (Some(a), true) = (&s.awaits, watch.done) {
                        <p class="then" role="status"><strong>{ "✓ Now look: " }</strong>{ a.then }</p>
                    } else if let (Some(a), Some(cb)) = (&s.awaits, show_me) {
                        <p><button onclick={cb} data-testid="show-me">{ format!("Show me ({}={})", a.param, a.show) }</button>
                            <span class="muted">{ " or do it yourself in the lab" }</span></p>
                    }
                </div>
                <div class="tour-nav">
                    <button onclick={go(k.saturating_sub(1))} disabled={k == 0} title="previous step"><span aria-hidden="true">{ "← " }</span>{ "Back" }</button>
                    <button onclick={go((k + 1).min(STEPS.len() - 1))} disabled={k + 1 == STEPS.len()} title="next step" class="primary">{ "Next" }<span aria-hidden="true">{ " →" }</span></button>
                    <button onclick={toggle_present} aria-pressed={presenting.to_string()} data-testid="tour-present">
                        { if *presenting { "Leave presentation" } else { "Present (full screen)" } }
                    </button>
                </div>
                <p class="muted keys">{ "Keys: ← → or Page Up / Page Down, Space for next, Home / End. Click outside the lab first if it has the focus." }</p>
                <details class="tour-index-wrap" open={!*presenting}>
                    <summary>{ format!("All {} steps", STEPS.len()) }</summary>
                    <ol class="tour-index">
                        { for STEPS.iter().enumerate().map(|(i, st)| html! {
                            <li class={classes!((i == k).then_some("current"))}>
                                if i == 0 || chapter(i) != chapter(i - 1) { <span class="chapter">{ st.chapter }</span> }
                                <button class="link" onclick={go(i)} aria-current={(i == k).then_some("step")}>{ st.title }</button>
                            </li>
                        }) }
                    </ol>
                </details>
            </div>
            <div class="tour-view">
                <iframe ref={iframe} key={src.clone()} src={src} title={format!("Live lab: {}", s.title)} loading="eager"></iframe>
                <a class="open-full" href={s.view} target="_blank" rel="noopener">{ "Open this lab on its own ↗" }</a>
            </div>
        </section>
    }
}

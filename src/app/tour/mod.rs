//! The guided tour (`#/tour?step=N`): the blueprint step by step, each step a
//! short text and a live lab embedded through its URL state. Presentation
//! mode is full screen with large type, for a projector; arrows, space,
//! Page Up/Down, Home and End move between steps.

mod steps;

use super::url;
use steps::STEPS;
use wasm_bindgen::JsCast;
use yew::prelude::*;

fn step_from_url() -> usize {
    url::current_or_default().get("step").and_then(|s| s.parse::<usize>().ok()).unwrap_or(1).clamp(1, STEPS.len()) - 1
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
    let src = format!("./{}{}embed=1", s.view, if s.view.contains('?') { "&" } else { "?" });
    html! {
        <section class={classes!("page", "tour", presenting.then_some("presenting"))} aria-roledescription="slideshow">
            <div class="tour-text">
                <p class="step-counter" data-testid="tour-step" aria-live="polite">{ format!("Step {} of {}", k + 1, STEPS.len()) }</p>
                <h1>{ s.title }</h1>
                <p class="lead">{ s.text }</p>
                <p class="try"><strong>{ "Try this: " }</strong>{ s.try_this }</p>
                <div class="tour-nav">
                    <button onclick={go(k.saturating_sub(1))} disabled={k == 0} title="previous step"><span aria-hidden="true">{ "← " }</span>{ "Back" }</button>
                    <button onclick={go((k + 1).min(STEPS.len() - 1))} disabled={k + 1 == STEPS.len()} title="next step" class="primary">{ "Next" }<span aria-hidden="true">{ " →" }</span></button>
                    <button onclick={toggle_present} aria-pressed={presenting.to_string()}>
                        { if *presenting { "Leave presentation" } else { "Present (full screen)" } }
                    </button>
                </div>
                <p class="muted keys">{ "Keys: ← → or Page Up / Page Down, Space for next, Home / End. Click outside the lab first if it has the focus." }</p>
                <ol class="tour-index">
                    { for STEPS.iter().enumerate().map(|(i, st)| html! {
                        <li class={classes!((i == k).then_some("current"))}>
                            <button class="link" onclick={go(i)} aria-current={(i == k).then_some("step")}>{ st.title }</button>
                        </li>
                    }) }
                </ol>
            </div>
            <div class="tour-view">
                <iframe key={k.to_string()} src={src} title={format!("Live lab: {}", s.title)} loading="eager"></iframe>
                <a class="open-full" href={s.view} target="_blank" rel="noopener">{ "Open this lab on its own ↗" }</a>
            </div>
        </section>
    }
}

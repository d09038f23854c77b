//! The message for input that was refused (`data-testid="error"`,
//! `role="alert"`). Refused input never replaces the learner's work; this only
//! says why.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AlertProps {
    pub message: Option<AttrValue>,
    pub on_dismiss: Callback<()>,
}

#[component]
pub fn Alert(p: &AlertProps) -> Html {
    let Some(msg) = p.message.clone() else { return html! {} };
    let dismiss = p.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="alert" data-testid="error" role="alert">
            <span class="alert-icon" aria-hidden="true">{ "!" }</span>
            <span class="alert-text">{ msg }</span>
            <button class="alert-close" onclick={dismiss} aria-label="Dismiss this message">{ "×" }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub message: Option<AttrValue>,
}

/// A calm, non-error note (for example "your picture was downscaled").
#[component]
pub fn Notice(p: &NoticeProps) -> Html {
    match p.message.clone() {
        Some(m) => html! { <div class="notice" data-testid="notice" role="status">{ m }</div> },
        None => html! {},
    }
}

//! The frame every lab shares: its title and one-line lead, the share bar,
//! the refusal alert and the notice, then a side bar of controls beside the
//! main column, whose top is the compare strip (kept in view) and whose rest
//! is the lab's detailed rows. On narrow screens the side bar becomes a
//! compact bar above the strip that opens on demand.

use super::alert::{Alert, Notice};
use super::share_bar::{ShareBar, ShareBarProps};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LabFrameProps {
    /// The lab's class (`image-lab`, `graph-lab`, ...).
    pub class: AttrValue,
    pub title: AttrValue,
    /// One or two sentences: what to do here.
    pub lead: AttrValue,
    pub share: ShareBarProps,
    pub error: Option<AttrValue>,
    pub on_dismiss: Callback<()>,
    #[prop_or_default]
    pub notice: Option<AttrValue>,
    /// The controls: input, transformation, model.
    pub controls: Html,
    /// The compare strip.
    pub strip: Html,
    /// Everything below the strip: the layer rows and the analyses.
    #[prop_or_default]
    pub children: Html,
    /// On narrow screens (where the side bar sits above the strip), start
    /// with the controls folded into their bar, so the strip is on the first
    /// screen; they open on demand. Wide screens always show them.
    #[prop_or_default]
    pub collapse_narrow: bool,
}

/// Where the side bar stops being a side bar (the CSS uses the same width).
const NARROW: &str = "(max-width: 1000px)";

fn is_narrow() -> bool {
    web_sys::window().and_then(|w| w.match_media(NARROW).ok().flatten()).is_some_and(|m| m.matches())
}

#[component]
pub fn LabFrame(p: &LabFrameProps) -> Html {
    let share = &p.share;
    let open = use_state(|| !(p.collapse_narrow && is_narrow()));
    {
        // Crossing the narrow width folds or unfolds the controls again.
        let open = open.clone();
        use_effect_with(p.collapse_narrow, move |&collapse| {
            let listener = collapse
                .then(|| web_sys::window().and_then(|w| w.match_media(NARROW).ok().flatten()))
                .flatten()
                .map(|mq| {
                    let query = mq.clone();
                    gloo::events::EventListener::new(&mq, "change", move |_| open.set(!query.matches()))
                });
            move || drop(listener)
        });
    }
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| open.set(e.target_unchecked_into::<web_sys::Element>().has_attribute("open")))
    };
    html! {
        <section class={classes!("page", "lab", "lab-frame", p.class.to_string())}>
            <header class="lab-head">
                <div class="lab-title">
                    <h1>{ p.title.clone() }</h1>
                    <p class="lead">{ p.lead.clone() }</p>
                </div>
                <ShareBar export={share.export.clone()} import={share.import.clone()} file_name={share.file_name.clone()}
                    title={share.title.clone()} link_note={share.link_note.clone()} />
            </header>
            <Alert message={p.error.clone()} on_dismiss={p.on_dismiss.clone()} />
            <Notice message={p.notice.clone()} />
            <div class="lab-body">
                <aside class="lab-controls" aria-label="Input, transformation and model">
                    <details class="controls-toggle" open={*open} {ontoggle}>
                        <summary>{ "Input, g and model" }</summary>
                        <div class="controls-inner">{ p.controls.clone() }</div>
                    </details>
                </aside>
                <div class="lab-main">
                    { p.strip.clone() }
                    <div class="lab-details">{ p.children.clone() }</div>
                </div>
            </div>
        </section>
    }
}

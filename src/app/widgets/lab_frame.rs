//! The frame every lab shares: its title and one-line lead, the share bar,
//! the refusal alert and the notice, then a side bar of controls beside the
//! main column, whose top is the compare strip (kept in view) and whose rest
//! is the lab's detailed rows. On narrow screens the strip comes first, then
//! the controls, then the rows.
//!
//! The classroom modes live here too, the same in every lab:
//! - `present=1`: the title and the strip only, everything scaled for a
//!   projector; the arrow keys step through the layers (the strip listens);
//!   Esc or the button leaves.
//! - `predict=1` / `predict=head`: the predict state every readout reads
//!   (see `predict`), with a "Predict first" switch in the head.
//! - `embed=1`: the lab alone; `view=` picks the strip (the default, or
//!   `layer=K`) or one named part of the lab (`views`).

use super::alert::{Alert, Notice};
use super::predict::{PredictAction, PredictState};
use super::share_bar::{ShareBar, ShareBarProps};
use crate::app::url;
use crate::io::classroom_settings::{self, View};
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
    /// Parts of the lab an embed can show alone (`view=sweep`, `angle`,
    /// `matrices`, `wl`, `tracks`), by name.
    #[prop_or_default]
    pub views: Vec<(&'static str, Html)>,
    /// What the learner is asked about (g, model, input): when it changes,
    /// predict mode clears the guesses.
    #[prop_or_default]
    pub question: AttrValue,
    /// Everything below the strip: the layer rows and the analyses.
    #[prop_or_default]
    pub children: Html,
    /// Start with the controls folded on narrow screens (at most 1000 px
    /// wide, where they stand above the strip), so the strip is on the
    /// first screen; a tap on "Input, g and model" opens them.
    #[prop_or_default]
    pub collapse_narrow: bool,
}

/// Where the side bar stops being a side bar (the CSS uses the same width).
const NARROW: &str = "(max-width: 1000px)";

fn is_narrow() -> bool {
    web_sys::window().and_then(|w| w.match_media(NARROW).ok().flatten()).is_some_and(|m| m.matches())
}

/// Set or clear one parameter of the address (a hashchange: every listener sees it).
fn set_param(key: &'static str, value: Option<&'static str>) {
    let mut loc = url::current_or_default();
    loc.set(key, value.map(String::from));
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&loc.to_hash());
    }
}

#[component]
pub fn LabFrame(p: &LabFrameProps) -> Html {
    let loc = url::use_hash_location();
    let (classroom, _) = classroom_settings::read(&loc);
    let predict = use_reducer(|| PredictState { scope: classroom.predict, ..Default::default() });
    {
        let predict = predict.clone();
        use_effect_with(classroom.predict, move |scope| {
            if predict.scope != *scope {
                predict.dispatch(PredictAction::SetScope(*scope));
            }
        });
    }
    {
        let predict = predict.clone();
        use_effect_with(p.question.clone(), move |q| predict.dispatch(PredictAction::Ask(q.clone())));
    }
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
    let hiding = predict.hiding();
    let class = classes!(
        "page",
        "lab",
        "lab-frame",
        p.class.to_string(),
        classroom.present.then_some("presenting"),
        hiding.then_some("predicting"),
        classroom.embed.then_some(format!("embed-view-{}", view_class(&classroom.view)))
    );
    let toggle_predict = {
        let on = predict.scope.is_some();
        Callback::from(move |_: Event| set_param("predict", (!on).then_some("1")))
    };
    let present = Callback::from(|_: MouseEvent| set_param("present", Some("1")));
    let leave = Callback::from(|_: MouseEvent| set_param("present", None));
    {
        // Esc leaves presentation mode.
        use_effect_with(classroom.present, move |on| {
            let listener = on.then(|| {
                web_sys::window().and_then(|w| w.document()).map(|d| {
                    gloo::events::EventListener::new(&d, "keydown", |e| {
                        let e: &KeyboardEvent = wasm_bindgen::JsCast::unchecked_ref(e);
                        if e.key() == "Escape" {
                            set_param("present", None);
                        }
                    })
                })
            });
            move || drop(listener)
        });
    }
    let named = match classroom.view {
        View::Named(name) if classroom.embed => p.views.iter().find(|(n, _)| *n == name).map(|(_, h)| h.clone()),
        _ => None,
    };
    let head = html! {
        <header class="lab-head">
            <div class="lab-title">
                <h1>{ p.title.clone() }</h1>
                <p class="lead">{ p.lead.clone() }</p>
            </div>
            if !classroom.embed {
                <div class="lab-modes" role="group" aria-label="Classroom">
                    <label class="predict-toggle" title="hide every verdict and error until you have guessed">
                        <input type="checkbox" checked={predict.scope.is_some()} onchange={toggle_predict} data-testid="predict-toggle" />
                        { " Predict first" }
                    </label>
                    if classroom.present {
                        <button onclick={leave} data-testid="present-exit">{ "Leave presentation (Esc)" }</button>
                    } else {
                        <button onclick={present} data-testid="present" title="everything large, one layer at a time (arrow keys)">{ "Present" }</button>
                    }
                </div>
                <ShareBar export={share.export.clone()} import={share.import.clone()} file_name={share.file_name.clone()}
                    title={share.title.clone()} link_note={share.link_note.clone()} />
            }
        </header>
    };
    html! {
        <ContextProvider<UseReducerHandle<PredictState>> context={predict.clone()}>
            <section {class} data-present={classroom.present.then_some("1")}>
                { head }
                <Alert message={p.error.clone()} on_dismiss={p.on_dismiss.clone()} />
                <Notice message={p.notice.clone()} />
                if let Some(part) = named {
                    <div class="embed-part">{ part }</div>
                } else {
                    <div class="lab-body">
                        if !classroom.embed && !classroom.present {
                            <aside class="lab-controls" aria-label="Input, transformation and model">
                                <details class="controls-toggle" open={*open} {ontoggle}>
                                    <summary>{ "Input, g and model" }</summary>
                                    <div class="controls-inner">{ p.controls.clone() }</div>
                                </details>
                            </aside>
                        }
                        <div class="lab-main">
                            { p.strip.clone() }
                            if !classroom.embed && !classroom.present {
                                <div class="lab-details">
                                    { p.children.clone() }
                                    if crate::app::teachers::note_for(&p.class).is_some() {
                                        <details class="teacher-panel">
                                            <summary>{ "For teachers: the objective, a question for the class, the link" }</summary>
                                            <crate::app::teachers::NoteCard id={p.class.clone()} />
                                            <p><a href="#/teachers">{ "Every lab's notes, printable" }</a></p>
                                        </details>
                                    }
                                </div>
                            }
                        </div>
                    </div>
                }
            </section>
        </ContextProvider<UseReducerHandle<PredictState>>>
    }
}

fn view_class(v: &View) -> &'static str {
    match v {
        View::Summary | View::Layer(_) => "strip",
        View::Named(n) => n,
    }
}

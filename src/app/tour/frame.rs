//! The tour's hold on its embedded lab (same origin): bring the step's
//! target into view and outline it, notice when the learner did what the
//! step asks (the lab's link gains `param=value`), do it for them ("Show
//! me"), and on a phone grow the frame to its content so no scroll box sits
//! inside the scrolling page.

use super::steps::Step;
use crate::io::query::HashLocation;
use gloo::timers::callback::Interval;
use web_sys::{HtmlIFrameElement, ScrollIntoViewOptions, ScrollLogicalPosition};
use yew::prelude::*;

/// How often the tour looks into the frame.
const POLL_MS: u32 = 250;
/// Below this width the frame grows to its content (a phone).
const PHONE: f64 = 700.0;

/// What the tour learned from the frame.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LabWatch {
    /// The step's awaited action happened.
    pub done: bool,
}

fn frame_location(iframe: &NodeRef) -> Option<(web_sys::Window, HashLocation)> {
    let f = iframe.cast::<HtmlIFrameElement>()?;
    let w = f.content_window()?;
    let hash = w.location().hash().ok()?;
    Some((w, HashLocation::parse(&hash).ok()?))
}

/// Set `param=value` in the frame's link: the lab applies it like a pasted link.
pub fn set_param(iframe: &NodeRef, param: &str, value: &str) {
    if let Some((w, mut loc)) = frame_location(iframe) {
        loc.set(param, Some(value.to_string()));
        let _ = w.location().set_hash(&loc.to_hash());
    }
}

/// Outline the step's target once it exists, and bring it into view.
fn mark_target(f: &HtmlIFrameElement, selector: &str) {
    let Some(doc) = f.content_document() else { return };
    let Ok(Some(el)) = doc.query_selector(selector) else { return };
    // An attribute yew does not manage, so a re-render of the lab keeps it.
    if el.has_attribute("data-tour-target") {
        return;
    }
    let _ = el.set_attribute("data-tour-target", "");
    let options = ScrollIntoViewOptions::new();
    options.set_block(ScrollLogicalPosition::Nearest);
    el.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Grow the frame to its content on a phone.
fn fit_height(f: &HtmlIFrameElement) {
    let narrow =
        web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|v| v.as_f64()).is_some_and(|w| w < PHONE);
    let Some(doc) = f.content_document() else { return };
    let Some(root) = doc.document_element() else { return };
    let style = f.style();
    if narrow {
        let _ = style.set_property("height", &format!("{}px", root.scroll_height().max(300)));
    } else {
        let _ = style.remove_property("height");
    }
}

/// Watch the frame of step `k` while it is shown.
#[hook]
pub fn use_lab_frame(iframe: NodeRef, k: usize, step: &'static Step) -> LabWatch {
    let watch = use_state_eq(LabWatch::default);
    {
        let watch = watch.clone();
        use_effect_with(k, move |_| {
            watch.set(LabWatch::default());
            let interval = Interval::new(POLL_MS, move || {
                let Some(f) = iframe.cast::<HtmlIFrameElement>() else { return };
                mark_target(&f, step.target);
                fit_height(&f);
                if let (Some(a), Some((_, loc))) = (&step.awaits, frame_location(&iframe)) {
                    if loc.get(a.param).is_some_and(|v| v.starts_with(a.value)) {
                        watch.set(LabWatch { done: true });
                    }
                }
            });
            move || drop(interval)
        });
    }
    *watch
}

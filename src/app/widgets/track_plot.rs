//! Activation tracks along a sequence (one band per channel), drawn by
//! `viz::tracks`; redrawn when the data changes or the window is resized.
//! A table of each band's range is given to screen readers.

use super::draw_later::use_draw_later;
use crate::viz::theme::prefers_dark;
use crate::viz::tracks::{self, TrackSet, BAND};
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// Shared track data; equality is identity, so unchanged plots are not redrawn.
#[derive(Clone, Debug)]
pub struct Tracks(pub Rc<TrackSet>);

impl PartialEq for Tracks {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct TrackPlotProps {
    pub tracks: Tracks,
    /// Accessible name of the picture.
    pub label: AttrValue,
}

/// Redraw `canvas` on every resize of the window while mounted.
#[hook]
pub fn use_resize_redraw(canvas: NodeRef, redraw: impl Fn(&HtmlCanvasElement) + 'static) {
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|w| {
            gloo::events::EventListener::new(&w, "resize", move |_| {
                if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                    redraw(&c);
                }
            })
        });
        move || drop(listener)
    });
}

#[component]
pub fn TrackPlot(p: &TrackPlotProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        // The DNA lab shows dozens of these: each draws in a task of its own.
        use_draw_later(p.tracks.clone(), move |t| {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                tracks::draw(&c, &t.0, prefers_dark());
            }
        });
    }
    {
        let t = p.tracks.clone();
        // The resize listener is made once; it reads the latest data from a
        // ref that every render updates.
        let latest = use_mut_ref(|| t.clone());
        *latest.borrow_mut() = t;
        use_resize_redraw(canvas.clone(), move |c| tracks::draw(c, &latest.borrow().0, prefers_dark()));
    }
    let height = format!("height: {}px", BAND * p.tracks.0.tracks.len().max(1) as f64);
    html! {
        <div class="track-plot">
            <canvas ref={canvas} style={height} role="img" aria-label={p.label.clone()} />
            <div class="sr-only"><table>
                <caption>{ p.label.clone() }</caption>
                <tbody>
                    { for p.tracks.0.tracks.iter().map(|t| {
                        let (lo, hi) = crate::viz::colormap::range(t.values.iter());
                        html! { <tr><th>{ t.label.clone() }</th><td>{ format!("from {lo:.3} to {hi:.3}") }</td></tr> }
                    }) }
                </tbody>
            </table></div>
        </div>
    }
}

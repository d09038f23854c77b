//! The hidden state of the picked model unrolled over time, after the
//! inputs x and g·x on the common clock of g·x: heatmaps
//! (units × time) for x on its own clock and, on g·x's clock, for g·x, for
//! x's states moved by g, and their difference; then the most active units
//! as lines on the common clock. A cursor marks the step-through instant.

use super::views::TimeViews;
use crate::app::widgets::heatmap::{Heatmap, Plane};
use crate::app::widgets::line_chart::LineChart;
use crate::viz::colormap::Scale;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeatStripProps {
    pub title: AttrValue,
    pub plane: Plane,
    pub scale: Scale,
    /// The cursor as a fraction of the width, if it falls on this clock.
    pub cursor: Option<f64>,
    #[prop_or_default]
    pub note: Option<AttrValue>,
}

/// One heatmap of states with its title and cursor.
#[component]
pub fn HeatStrip(p: &HeatStripProps) -> Html {
    let (h, t) = p.plane.0.dim();
    html! {
        <figure class="stage heat-stage">
            <figcaption>{ p.title.clone() }<span class="muted">{ format!(" · {h} units × {t} steps") }</span>
                if let Some(n) = &p.note { <span class="muted">{ format!(" · {n}") }</span> }
            </figcaption>
            <div class="heat-wrap">
                <Heatmap plane={p.plane.clone()} scale={p.scale} label={format!("{}: {h} units (rows) over {t} time steps (columns)", p.title)} class="seq-heat" />
                if let Some(f) = p.cursor.filter(|f| (0.0..=1.0).contains(f)) {
                    <div class="heat-cursor" style={format!("left: {:.3}%", f * 100.0)} aria-hidden="true"></div>
                }
            </div>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
pub struct StatesPanelProps {
    pub views: TimeViews,
    /// The model's name, for titles.
    pub model: AttrValue,
    /// Cursor fractions on x's clock (None in a delay) and on g·x's clock.
    pub cursor_x: Option<f64>,
    pub cursor_gx: f64,
    /// The cursor on the lines chart (step of g·x, 1-based).
    pub cursor_step: f64,
    /// Whether g delays the signal, and the steps of left padding (both shaded).
    pub delay: bool,
    pub pad: usize,
}

/// What the shaded ranges of the inputs chart are, if there are any.
fn shading_note(delay: bool, padding: bool) -> Option<&'static str> {
    match (delay, padding) {
        (true, true) => Some("Shaded on the left: the delay (darker), then the left padding."),
        (true, false) => Some("Shaded on the left: the delay."),
        (false, true) => Some("Shaded on the left: the left padding."),
        (false, false) => None,
    }
}

#[component]
pub fn StatesPanel(p: &StatesPanelProps) -> Html {
    let v = &p.views;
    let units: Vec<String> = v.units.iter().map(|j| format!("h{}", j + 1)).collect();
    html! {
        <section class="panel states-panel" aria-labelledby="states-title">
            <h2 class="panel-title" id="states-title">{ format!("Hidden state of the {} over time", p.model) }</h2>
            <LineChart data={v.inputs.clone()} cursor={Some(p.cursor_step)} width={1200} height={220} class="inputs-chart"
                caption="The input x and the transformed input g·x on the clock of g·x" />
            if let Some(text) = shading_note(p.delay, p.pad > 0) {
                <p class="muted small">{ text }</p>
            }
            <div class="heat-grid">
                <HeatStrip title="f(x): states for x" plane={v.fx.clone()} scale={v.scale} cursor={p.cursor_x} note="x's own clock" />
                <HeatStrip title="f(g·x): states for g·x" plane={v.fgx.clone()} scale={v.scale} cursor={Some(p.cursor_gx)} />
                if let Some(m) = v.moved.clone() {
                    <HeatStrip title="ρ(g) f(x): x's states moved by g" plane={m} scale={v.scale} cursor={Some(p.cursor_gx)} />
                }
                if let Some(d) = v.diff.clone() {
                    <HeatStrip title="|f(g·x) − ρ(g) f(x)|" plane={d} scale={v.diff_scale} cursor={Some(p.cursor_gx)} note="dark = equal" />
                }
            </div>
            <p class="muted small">{ format!("Colour: {}; the difference uses the same magnitude, so an exact match is dark. Lines: {} for g·x (solid) and x's states moved by g (dashed), on g·x's clock: where they overlap, the states move with the input.", if v.scale.lo < 0.0 { "blue below zero, red above" } else { "dark purple at zero, yellow at the largest state" }, units.join(", ")) }</p>
            <LineChart data={v.lines.clone()} cursor={Some(p.cursor_step)} width={1200} height={300} class="lines-chart" max_rows={120}
                caption={format!("Hidden units {} over time, for g·x and for x moved by g", units.join(", "))} />
        </section>
    }
}

//! The DNA lab's pictures in the compare strip. For a strand layer: the most
//! active channels in the window on screen (for an RC layer the most active
//! pair, w and RC(w), whose bands swap under rc) as tracks of f(x), f(g·x),
//! ρ(g)f(x) and the difference, cut from the layer row's tracks so both use
//! the same scales and nothing is recomputed. For a pooled vector or the
//! score: bars, one per value, with the numbers.

use super::views::{LayerView, StrandView, VectorView, CSS_DIFF, CSS_GX, CSS_X};
use crate::app::widgets::compare_strip::Panel;
use crate::app::widgets::layer_check::human_number;
use crate::app::widgets::track_plot::{TrackPlot, Tracks};
use crate::viz::tracks::{Track, TrackSet};
use std::rc::Rc;
use yew::prelude::*;

/// The bands the strip shows: the pair (w, RC(w)) of f(x) with the most
/// energy in the window where channels pair up, else the two channels with
/// the most (in their order), so the strip keeps one height.
fn chosen(set: &TrackSet) -> Vec<usize> {
    let energy = |i: usize| set.tracks.get(i).map_or(0.0, |t| t.values.iter().map(|v| (*v as f64).powi(2)).sum());
    let n = set.tracks.len();
    if set.group == 2 {
        let best = (0..n).step_by(2).fold((0, -1.0), |b, i| {
            let e = energy(i) + energy(i + 1);
            if e > b.1 {
                (i, e)
            } else {
                b
            }
        });
        return (best.0..(best.0 + 2).min(n)).collect();
    }
    let mut order: Vec<(usize, f64)> = (0..n).map(|i| (i, energy(i))).collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut top: Vec<usize> = order.into_iter().take(2).map(|(i, _)| i).collect();
    top.sort_unstable();
    top
}

/// The bands `idx` of `t`, without labels (the note names them) or overlay.
fn subset(t: &Tracks, idx: &[usize], color: &'static str) -> Tracks {
    let tracks = idx
        .iter()
        .filter_map(|&i| t.0.tracks.get(i))
        .map(|tr| Track { label: String::new(), overlay: None, ..tr.clone() })
        .collect();
    Tracks(Rc::new(TrackSet { tracks, color, overlay_color: t.0.overlay_color, group: 0 }))
}

fn tracks_html(t: Tracks, label: String) -> Html {
    html! { <div class="strip-track-clip"><TrackPlot tracks={t} {label} /></div> }
}

fn none(text: &str) -> Html {
    html! { <p class="no-action-box">{ text.to_string() }</p> }
}

fn strand_panels(v: &StrandView, k: usize) -> (Vec<Panel>, Option<String>) {
    let idx = chosen(&v.fx.0);
    let names: Vec<&str> = idx.iter().filter_map(|&i| v.fx.0.tracks.get(i)).map(|t| t.label.as_str()).collect();
    let of = v.fx.0.tracks.len();
    let what = |panel: &str| format!("layer {} {panel}, channel {}", k + 1, names.join(" and "));
    let diff = subset(&v.diff, &idx, CSS_DIFF);
    let largest = diff.0.tracks.iter().flat_map(|t| t.values.iter().copied()).fold(0.0f32, f32::max);
    let diff_caption = if v.moved.is_some() { "|f(g·x) − ρ(g)f(x)|" } else { "|f(g·x) − f(x)|" };
    let panels = vec![
        Panel::new("fx", "f(x)", tracks_html(subset(&v.fx, &idx, CSS_X), what("f(x)"))),
        Panel::new("fgx", "f(g·x)", tracks_html(subset(&v.fgx, &idx, CSS_GX), what("f(g·x)"))),
        match &v.moved {
            Some(m) => Panel::new("moved", "ρ(g) f(x)", tracks_html(subset(m, &idx, CSS_X), what("ρ(g)f(x)"))),
            None => Panel::new("moved", "ρ(g) f(x)", none("g has no action on this output")),
        },
        Panel::new(
            "diff",
            diff_caption,
            html! {
                <>
                    { tracks_html(diff, what("difference")) }
                    <span class="strip-largest">{ format!("largest {}", human_number(largest as f64)) }</span>
                </>
            },
        ),
    ];
    let paired = v.fx.0.group == 2;
    let bands = match names.as_slice() {
        [a, b] if paired => format!("Channels {a} (top band) and {b} (bottom band), the most active pair"),
        [a, b] => format!("Channels {a} (top band) and {b} (bottom band), the two most active"),
        [a] => format!("Channel {a}, the most active"),
        _ => "The channels".to_string(),
    };
    let note = (of > names.len()).then(|| {
        format!("{bands} of {of} in the window on screen; the layer's row below shows them all, on the same scales.")
    });
    (panels, note)
}

#[derive(Properties, PartialEq)]
struct BarsProps {
    labels: Vec<String>,
    values: Vec<f32>,
    /// The value range the bars share (it includes 0).
    lo: f32,
    hi: f32,
    color: &'static str,
    label: AttrValue,
    /// Write the numbers as errors (`0`, `2.3e-8`), not as activations.
    #[prop_or_default]
    errors: bool,
}

/// One horizontal bar per value, from zero, with its label and number.
#[component]
fn Bars(p: &BarsProps) -> Html {
    let (lo, hi) = (p.lo.min(0.0), p.hi.max(0.0));
    let span = (hi - lo).max(1e-12);
    let at = |v: f32| (((v - lo) / span).clamp(0.0, 1.0) * 100.0) as f64;
    let zero = at(0.0);
    html! {
        <div class="strip-bars" role="img" aria-label={p.label.clone()}>
            { for p.labels.iter().zip(&p.values).map(|(l, &v)| {
                let (a, b) = (zero.min(at(v)), zero.max(at(v)));
                html! {
                    <div class="strip-bar">
                        <span class="bar-label">{ l.clone() }</span>
                        <span class="bar-track">
                            <span class="bar-fill" style={format!("left: {a:.2}%; width: {:.2}%; background: {}", (b - a).max(0.0), p.color)}></span>
                        </span>
                        <span class="bar-value">{ if p.errors { human_number(v as f64) } else { format!("{v:.3}") } }</span>
                    </div>
                }
            }) }
        </div>
    }
}

fn vector_panels(v: &VectorView, k: usize) -> Vec<Panel> {
    let all = v.fx.iter().chain(&v.fgx).chain(v.moved.iter().flatten());
    let (lo, hi) =
        all.fold((0.0f32, 0.0f32), |(lo, hi), &x| if x.is_finite() { (lo.min(x), hi.max(x)) } else { (lo, hi) });
    let magnitude = lo.abs().max(hi.abs()).max(1e-12);
    let bars = |values: Vec<f32>, lo: f32, hi: f32, color: &'static str, what: &str| {
        // The difference is an error: written as one (`0`, `2.3e-8`).
        let errors = color == CSS_DIFF;
        html! { <Bars labels={v.labels.clone()} {values} {lo} {hi} {color} {errors} label={format!("layer {} {what}", k + 1)} /> }
    };
    let reference = v.moved.as_ref().unwrap_or(&v.fx);
    let diff: Vec<f32> = v.fgx.iter().zip(reference).map(|(a, b)| (a - b).abs()).collect();
    vec![
        Panel::new("fx", "f(x)", bars(v.fx.clone(), lo, hi, CSS_X, "f(x)")),
        Panel::new("fgx", "f(g·x)", bars(v.fgx.clone(), lo, hi, CSS_GX, "f(g·x)")),
        match &v.moved {
            Some(m) => Panel::new("moved", "ρ(g) f(x)", bars(m.clone(), lo, hi, CSS_X, "ρ(g)f(x)")),
            None => Panel::new("moved", "ρ(g) f(x)", none("g has no action on this output")),
        },
        Panel::new(
            "diff",
            if v.moved.is_some() { "|f(g·x) − ρ(g)f(x)|" } else { "|f(g·x) − f(x)|" },
            bars(diff, 0.0, magnitude, CSS_DIFF, "difference"),
        ),
    ]
}

/// The four panels of layer `k` and a note on which channels they show.
pub fn panels(v: &LayerView, k: usize) -> (Vec<Panel>, Option<String>) {
    match v {
        LayerView::Strand(s) => strand_panels(s, k),
        LayerView::Vector(vv) => (vector_panels(vv, k), None),
    }
}

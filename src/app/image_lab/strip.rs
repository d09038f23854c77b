//! The image lab's pictures in the compare strip: one channel of the chosen
//! layer (the most active one; for group maps its orientation planes) in
//! f(x), f(g·x), ρ(g)f(x) and the difference, on the row's shared scales.

use super::views::LayerView;
use crate::app::widgets::compare_strip::Panel;
use crate::app::widgets::feature_grid::FeatureGrid;
use crate::app::widgets::heatmap::Plane;
use yew::prelude::*;

/// The planes of one channel: `(first plane, count)` in the view's planes.
fn channel_planes(v: &LayerView) -> (usize, usize) {
    match v.group {
        Some(g) => (v.strongest * g.order(), g.order()),
        None => {
            // The plane of f(x) with the most energy (what the eye finds first).
            let energy = |p: &Plane| p.0.iter().map(|x| (*x as f64).powi(2)).sum::<f64>();
            let best = v.fx.iter().enumerate().fold((0, -1.0), |b, (i, p)| {
                let e = energy(p);
                if e > b.1 {
                    (i, e)
                } else {
                    b
                }
            });
            (best.0, 1)
        }
    }
}

/// The four panels of layer `k` from its view, and which channel they show.
pub fn panels(v: &LayerView, k: usize) -> (Vec<Panel>, Option<String>) {
    let (first, count) = channel_planes(v);
    let pick = |planes: &[Plane]| planes.iter().skip(first).take(count).cloned().collect::<Vec<_>>();
    // Orientation planes in one row (e, r, r², r³), so the learner sees them
    // cycle by one place; a D4 channel's eight in two rows of four.
    let columns = count.min(4);
    let orientations = if v.group.is_some() { v.orientations() } else { vec![] };
    let channel = (v.fx.len() > count).then(|| match v.group {
        Some(g) => format!(
            "Channel {} of {} (its {} orientation planes), the most active one; the row below shows them all.",
            first / count + 1,
            v.fx.len() / count,
            g.order()
        ),
        None => format!("Channel {} of {}, the most active one; the row below shows them all.", first + 1, v.fx.len()),
    });
    let grid = |planes: Vec<Plane>, scale, what: &str| {
        html! {
            <FeatureGrid {planes} {scale} title={format!("layer {} {what}", k + 1)} {columns} orientations={orientations.clone()} />
        }
    };
    let none = |text: &str| html! { <p class="no-action-box">{ text.to_string() }</p> };
    let panels = vec![
        Panel::new("fx", "f(x)", grid(pick(&v.fx), v.scale, "f(x)")),
        Panel::new("fgx", "f(g·x)", grid(pick(&v.fgx), v.scale, "f(g·x)")),
        match &v.moved {
            Some(m) => Panel::new("moved", "ρ(g) f(x)", grid(pick(m), v.scale, "ρ(g)f(x)")),
            None => Panel::new("moved", "ρ(g) f(x)", none("g has no action on this output")),
        },
        match &v.diff {
            Some(d) => Panel::new(
                "diff",
                if v.diff_is_equivariance { "|f(g·x) − ρ(g) f(x)|" } else { "|f(g·x) − f(x)|" },
                grid(pick(d), v.diff_scale, "difference"),
            ),
            None => Panel::new("diff", "difference", none("the shapes differ")),
        },
    ];
    (panels, channel)
}

//! The orbit picture of a group layer: one channel's `|G|` orientation planes
//! laid out around the group (`viz::orbit`), for f(x), for f(x) moved by g
//! (animated: the planes turn AND move along the cycle, arrows show where
//! each orientation goes) and for f(g·x). When the layer is equivariant the
//! moved picture lands exactly on f(g·x).
//!
//! The motion is CSS (keyframes on two custom properties), paused by a
//! button, and replaced by its end state under `prefers-reduced-motion`.

use crate::app::widgets::heatmap::{Heatmap, Plane};
use crate::engine::check::{APPROXIMATE, EXACT};
use crate::engine::grid_group::GridGroup;
use crate::engine::orbit_motion::RingMotion;
pub use crate::engine::orbit_motion::{element_label, motion_of, Motion};
use crate::viz::colormap::{range, Scale};
use crate::viz::orbit;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OrbitFigureProps {
    pub layer: usize,
    pub group: GridGroup,
    /// All planes of f(x), f(g·x) and ρ(g)f(x): channel `c`, orientation `h`
    /// is plane `c·|G| + h`.
    pub fx: Vec<Plane>,
    pub fgx: Vec<Plane>,
    pub moved: Option<Vec<Plane>>,
    pub motion: Motion,
    /// The channel shown first.
    pub channel: usize,
    /// The layer's equivariance error, `None` where g has no action.
    pub equivariance_error: Option<f64>,
}

/// One ring picture (static): the planes in their slots, named.
fn ring(group: GridGroup, planes: &[Plane], scale: Scale, title: &str) -> Html {
    let rings = orbit::rings(group);
    html! {
        <div class={classes!("orbit-box", format!("rings-{rings}"))}>
            { for (0..rings).map(|r| html! {
                <div class="orbit-ring" style={ring_style(r, group)}>
                    { compass(group, r) }
                    { for (0..group.order()).filter(|&i| orbit::slot(group, i).0 == r).map(|i| tile(group, i, planes.get(i), scale, title, false)) }
                </div>
            }) }
        </div>
    }
}

fn ring_style(r: usize, group: GridGroup) -> String {
    let w = orbit::width(group);
    format!("left: {:.3}%; width: {:.3}%", orbit::ring_left(r) / w * 100.0, orbit::RING / w * 100.0)
}

/// The slot names in the middle of a ring, each towards its slot.
fn compass(group: GridGroup, r: usize) -> Html {
    html! {
        <div class="orbit-compass" aria-hidden="true">
            { for (0..group.order()).filter(|&i| orbit::slot(group, i).0 == r).map(|i| {
                let (_, a) = orbit::slot(group, i);
                let (x, y) = orbit::around(0, a, 9.5);
                html! { <span style={format!("left: {x:.2}%; top: {y:.2}%")}>{ element_label(group, i) }</span> }
            }) }
        </div>
    }
}

fn tile(group: GridGroup, i: usize, plane: Option<&Plane>, scale: Scale, title: &str, badge: bool) -> Html {
    let (x, y) = orbit::tile_percent(group, i);
    let style = format!("left: {x:.2}%; top: {y:.2}%; width: {0:.2}%; height: {0:.2}%", orbit::TILE);
    let name = element_label(group, i);
    html! {
        <div class="orbit-tile" {style}>
            if let Some(p) = plane {
                <Heatmap plane={p.clone()} {scale} label={format!("{title}, orientation {name}")} />
            }
            if badge { <span class="orbit-badge">{ name }</span> }
        </div>
    }
}

/// The moving picture: dashed empty slots below, the planes of f(x) on a
/// layer that turns (and flips), the arrows on top.
fn moving(p: &OrbitFigureProps, planes: &[Plane], scale: Scale, m: RingMotion, exact: bool, paused: bool) -> Html {
    let group = p.group;
    let rings = orbit::rings(group);
    let w = orbit::width(group);
    // CSS turns clockwise for positive angles; inside a mirrored parent the
    // sign flips back (see viz::orbit for the order: mirror, then turn).
    let turn = if m.flip { m.degrees } else { -m.degrees };
    let vars = format!("--flip: {}deg; --turn: {turn}deg", if m.flip { 180 } else { 0 });
    let class = classes!(
        "orbit-box",
        "orbit-moving",
        format!("rings-{rings}"),
        if m.flip { "with-flip" } else { "turn-only" },
        paused.then_some("paused")
    );
    // For a flip the arrows of the second ring are the mirror images of the
    // first ring's: drawn faint and dashed so the four main ones stand out.
    let arrows: Vec<(String, String, bool)> = (0..group.order())
        .map(|i| {
            let (path, head) = orbit::arrow(group, i, m, exact);
            (path, head, m.flip && orbit::slot(group, i).0 == 1)
        })
        .collect();
    html! {
        <div {class} style={vars}>
            { for (0..rings).map(|r| html! {
                <div class="orbit-ring" style={ring_style(r, group)}>
                    { compass(group, r) }
                    { for (0..group.order()).filter(|&i| orbit::slot(group, i).0 == r).map(|i| {
                        let (x, y) = orbit::tile_percent(group, i);
                        html! { <div class="orbit-slot" style={format!("left: {x:.2}%; top: {y:.2}%; width: {0:.2}%; height: {0:.2}%", orbit::TILE)}></div> }
                    }) }
                </div>
            }) }
            <div class="orbit-flipper">
                { for (0..rings).map(|r| html! {
                    <div class="orbit-ring orbit-turner" style={ring_style(r, group)}>
                        { for (0..group.order()).filter(|&i| orbit::slot(group, i).0 == r).map(|i| tile(group, i, planes.get(i), scale, "f(x) on its way", true)) }
                    </div>
                }) }
            </div>
            <svg class="orbit-arrows" viewBox={format!("0 0 {w} {}", orbit::RING)} aria-hidden="true">
                { for arrows.iter().map(|(path, head, faint)| html! {
                    <g class={classes!(faint.then_some("faint"))}><path class="halo" d={path.clone()} /><path class="shaft" d={path.clone()} /><path class="head" d={head.clone()} /></g>
                }) }
            </svg>
        </div>
    }
}

#[component]
pub fn OrbitFigure(p: &OrbitFigureProps) -> Html {
    let g_order = p.group.order();
    let channels = (p.fx.len() / g_order.max(1)).max(1);
    let channel = use_state(|| p.channel.min(channels - 1));
    let paused = use_state(|| false);
    let c = (*channel).min(channels - 1);
    let pick = |planes: &[Plane]| -> Vec<Plane> { planes.iter().skip(c * g_order).take(g_order).cloned().collect() };
    let (fx, fgx) = (pick(&p.fx), pick(&p.fgx));
    let moved = p.moved.as_ref().map(|m| pick(m));
    // One scale for this channel's three pictures: full contrast even for a
    // weak channel, and still one scale to compare them by.
    let scale = {
        let all = fx.iter().chain(fgx.iter()).chain(moved.iter().flatten());
        let (lo, hi) = range(all.flat_map(|q| q.0.iter()));
        Scale::for_range(lo, hi)
    };
    let toggle = {
        let paused = paused.clone();
        Callback::from(move |_: MouseEvent| paused.set(!*paused))
    };
    let (middle, note): (Html, String) = match &p.motion {
        Motion::Turn { motion, exact, with_shift } => {
            let key = format!("{motion:?}");
            let body = html! { <div key={key}>{ moving(p, &fx, scale, *motion, *exact, *paused) }</div> };
            let mut note = if *exact {
                let slots = if motion.flip { "jumps to the other ring, mirrored, and moves along it" } else { "moves along the cycle" };
                format!("Each plane turns with the image AND {slots}: the arrows show where each orientation goes.")
            } else {
                format!(
                    "{}° is not a multiple of 90°: the planes land between two slots, where the group has no orientation. The layer can only approximate this.",
                    motion.degrees
                )
            };
            if *with_shift {
                note.push_str(" (The shift in g moves every plane too; it is not animated.)");
            }
            (body, note)
        }
        Motion::Identity => (ring(p.group, &fx, scale, "ρ(g)f(x)"), "g is the identity: nothing moves.".into()),
        Motion::ShiftOnly => (
            match &moved {
                Some(m) => ring(p.group, m, scale, "ρ(g)f(x)"),
                None => html! { <p class="no-action-box">{ "g has no action on this output" }</p> },
            },
            "A shift moves every plane; the orientations keep their slots.".into(),
        ),
        Motion::NotInGroup(name) => (
            html! { <p class="no-action-box">{ format!("{name} is not in {}: there is no slot for its orientations", p.group.name()) }</p> },
            format!("These maps only know the {} orientations of {}; {name} has nowhere to send them, so the layer cannot be equivariant to it.", g_order, p.group.name()),
        ),
        Motion::Other => (
            match &moved {
                Some(m) => ring(p.group, m, scale, "ρ(g)f(x)"),
                None => html! { <p class="no-action-box">{ "g has no action on this output" }</p> },
            },
            "g combines several steps; the picture shows where the engine sends each plane.".into(),
        ),
    };
    let animated = matches!(p.motion, Motion::Turn { .. });
    let (relation, rel_class) = match p.equivariance_error {
        Some(e) if e < EXACT => ("=", "ok"),
        Some(e) if e < APPROXIMATE => ("≈", "near"),
        _ => ("≠", "bad"),
    };
    html! {
        <figure class="orbit" data-testid="orbit" data-layer={p.layer.to_string()} data-group={p.group.name()}>
            <div class="orbit-controls">
                <label class="field inline">{ "Channel " }
                    <select onchange={{
                        let channel = channel.clone();
                        Callback::from(move |e: Event| {
                            let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
                            if let Ok(v) = s.value().parse::<usize>() { channel.set(v); }
                        })
                    }}>
                        { for (0..channels).map(|k| html! { <option value={k.to_string()} selected={k == c}>{ k + 1 }</option> }) }
                    </select>
                </label>
                if animated {
                    <button class="orbit-pause" aria-pressed={paused.to_string()} onclick={toggle}>{ if *paused { "▶ Play" } else { "❚❚ Pause" } }</button>
                }
                <span class="muted">{ format!("r = quarter turn{}", if p.group == GridGroup::D4 { ", f = mirror" } else { "" }) }</span>
            </div>
            <div class="orbit-row">
                <div class="orbit-cell"><div class="orbit-caption">{ "f(x)" }</div>{ ring(p.group, &fx, scale, "f(x)") }</div>
                <div class="orbit-op" aria-hidden="true">{ "g →" }</div>
                <div class="orbit-cell"><div class="orbit-caption">{ "ρ(g) f(x)" }</div>{ middle }</div>
                <div class={classes!("orbit-op", rel_class)} aria-hidden="true">{ relation }</div>
                <div class="orbit-cell"><div class="orbit-caption">{ "f(g·x)" }</div>{ ring(p.group, &fgx, scale, "f(g·x)") }</div>
            </div>
            <figcaption class="orbit-note">{ note }</figcaption>
        </figure>
    }
}

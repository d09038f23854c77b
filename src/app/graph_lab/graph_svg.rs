//! A graph drawn as SVG by yew: crisp at any size, one focusable element per
//! node with its index as label. Pointer events (mouse, touch and pen alike)
//! become taps on nodes, edges or empty space and drags of nodes; the keyboard
//! reaches every node (Enter taps it, Delete and the arrow keys are passed up).

use crate::engine::graph_input::GraphInput;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

/// Margin around the unit square, in viewBox units (the square is 100 wide).
const PAD: f64 = 7.0;
/// A press that moves less than this (unit square) is a tap, not a drag.
const TAP_SLOP: f32 = 0.015;
/// Above this many nodes the index labels would not fit in the circles.
pub const MAX_LABELLED: usize = 100;

/// Shared data compared by identity (pointer equality), so unchanged drawings are not redrawn.
#[derive(Debug)]
pub struct ByIdentity<T>(pub Rc<T>);

impl<T> Clone for ByIdentity<T> {
    fn clone(&self) -> Self {
        ByIdentity(self.0.clone())
    }
}

impl<T> PartialEq for ByIdentity<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct GraphSvgProps {
    pub input: ByIdentity<GraphInput>,
    /// Fill of every node; grey when absent.
    #[prop_or_default]
    pub colours: Option<ByIdentity<Vec<[u8; 3]>>>,
    #[prop_or_default]
    pub picked: Option<usize>,
    /// A node waiting for its partner (first tap of a swap), drawn dashed.
    #[prop_or_default]
    pub pending: Option<usize>,
    /// Accessible name of the drawing.
    pub label: AttrValue,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    /// Nodes can be dragged.
    #[prop_or_default]
    pub draggable: bool,
    #[prop_or_default]
    pub on_node_tap: Option<Callback<usize>>,
    #[prop_or_default]
    pub on_background_tap: Option<Callback<[f32; 2]>>,
    #[prop_or_default]
    pub on_edge_tap: Option<Callback<(usize, usize)>>,
    #[prop_or_default]
    pub on_drag_start: Option<Callback<usize>>,
    #[prop_or_default]
    pub on_drag: Option<Callback<(usize, [f32; 2])>>,
    /// A drag of a node ended (released or cancelled).
    #[prop_or_default]
    pub on_drag_end: Option<Callback<usize>>,
    /// Keys other than Enter and Space pressed on a node: `(node, key)`.
    #[prop_or_default]
    pub on_node_key: Option<Callback<(usize, String)>>,
    #[prop_or_default]
    pub class: Classes,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Target {
    Node(usize),
    Edge(usize, usize),
    Background,
}

#[derive(Clone, Copy, Debug)]
struct Press {
    target: Target,
    start: [f32; 2],
    moved: bool,
}

/// What the event happened on: the nearest element with `data-node` or `data-edge`.
fn target_of(e: &Event) -> Target {
    let el = e.target().and_then(|t| t.dyn_into::<Element>().ok());
    let hit = el.and_then(|el| el.closest("[data-node],[data-edge]").ok().flatten());
    let Some(hit) = hit else { return Target::Background };
    if let Some(i) = hit.get_attribute("data-node").and_then(|v| v.parse().ok()) {
        return Target::Node(i);
    }
    let edge = hit.get_attribute("data-edge").and_then(|v| {
        let (a, b) = v.split_once('-')?;
        Some((a.parse().ok()?, b.parse().ok()?))
    });
    edge.map(|(u, v)| Target::Edge(u, v)).unwrap_or(Target::Background)
}

/// A pointer position in the unit square.
fn unit_pos(svg: &Element, e: &PointerEvent) -> [f32; 2] {
    let r = svg.get_bounding_client_rect();
    let span = 100.0 + 2.0 * PAD;
    let x = ((e.client_x() as f64 - r.left()) / r.width().max(1.0) * span - PAD) / 100.0;
    let y = ((e.client_y() as f64 - r.top()) / r.height().max(1.0) * span - PAD) / 100.0;
    [x.clamp(0.0, 1.0) as f32, y.clamp(0.0, 1.0) as f32]
}

/// Dark text on light fills, white on dark ones.
fn text_colour(c: [u8; 3]) -> &'static str {
    let l = 0.2126 * c[0] as f32 + 0.7152 * c[1] as f32 + 0.0722 * c[2] as f32;
    if l > 140.0 {
        "#111827"
    } else {
        "#ffffff"
    }
}

/// Node radius in viewBox units: big for small graphs, smaller as they grow.
pub fn node_radius(n: usize) -> f64 {
    (24.0 / (n.max(1) as f64).sqrt()).clamp(1.6, 4.6)
}

#[component]
pub fn GraphSvg(p: &GraphSvgProps) -> Html {
    let svg = use_node_ref();
    let press = use_mut_ref(|| None::<Press>);
    let input = &p.input.0;
    let n = input.node_count();
    let positions = input.positions_or_circle();
    let r = node_radius(n);
    let labelled = n <= MAX_LABELLED;
    let at = |i: usize| positions.get(i).map(|q| (q[0] as f64 * 100.0, q[1] as f64 * 100.0)).unwrap_or((50.0, 50.0));

    let onpointerdown = {
        let (svg, press, draggable) = (svg.clone(), press.clone(), p.draggable);
        let interactive = p.on_node_tap.is_some() || p.on_background_tap.is_some() || p.on_edge_tap.is_some();
        Callback::from(move |e: PointerEvent| {
            let Some(el) = svg.cast::<Element>() else { return };
            if !interactive && !draggable {
                return;
            }
            if e.button() != 0 {
                return;
            }
            let target = target_of(&e);
            // Only a drag needs every move; a tap is decided on release.
            let _ = el.set_pointer_capture(e.pointer_id());
            *press.borrow_mut() = Some(Press { target, start: unit_pos(&el, &e), moved: false });
        })
    };
    let onpointermove = {
        let (svg, press) = (svg.clone(), press.clone());
        let (draggable, on_drag_start, on_drag) = (p.draggable, p.on_drag_start.clone(), p.on_drag.clone());
        Callback::from(move |e: PointerEvent| {
            let Some(mut pr) = *press.borrow() else { return };
            let Some(el) = svg.cast::<Element>() else { return };
            let pos = unit_pos(&el, &e);
            let far = (pos[0] - pr.start[0]).hypot(pos[1] - pr.start[1]) > TAP_SLOP;
            if let (Target::Node(i), true) = (pr.target, draggable) {
                e.prevent_default();
                if !pr.moved && far {
                    pr.moved = true;
                    if let Some(cb) = &on_drag_start {
                        cb.emit(i);
                    }
                }
                if pr.moved {
                    if let Some(cb) = &on_drag {
                        cb.emit((i, pos));
                    }
                }
            } else if far {
                pr.moved = true;
            }
            *press.borrow_mut() = Some(pr);
        })
    };
    let onpointerup = {
        let (svg, press) = (svg.clone(), press.clone());
        let (tap, bg, edge) = (p.on_node_tap.clone(), p.on_background_tap.clone(), p.on_edge_tap.clone());
        let end = p.on_drag_end.clone();
        Callback::from(move |e: PointerEvent| {
            let Some(pr) = press.borrow_mut().take() else { return };
            let Some(el) = svg.cast::<Element>() else { return };
            if pr.moved {
                if let (Target::Node(i), Some(cb)) = (pr.target, &end) {
                    cb.emit(i);
                }
                return;
            }
            match pr.target {
                Target::Node(i) => tap.iter().for_each(|cb| cb.emit(i)),
                Target::Edge(u, v) => edge.iter().for_each(|cb| cb.emit((u, v))),
                Target::Background => bg.iter().for_each(|cb| cb.emit(unit_pos(&el, &e))),
            }
        })
    };
    let cancel = {
        let (press, end) = (press.clone(), p.on_drag_end.clone());
        Callback::from(move |_: PointerEvent| {
            if let Some(Press { target: Target::Node(i), moved: true, .. }) = press.borrow_mut().take() {
                end.iter().for_each(|cb| cb.emit(i));
            }
        })
    };
    let onkeydown = {
        let (tap, key) = (p.on_node_tap.clone(), p.on_node_key.clone());
        Callback::from(move |e: KeyboardEvent| {
            let Target::Node(i) = target_of(&e) else { return };
            match e.key().as_str() {
                "Enter" | " " => {
                    e.prevent_default();
                    tap.iter().for_each(|cb| cb.emit(i));
                }
                k @ ("Delete" | "Backspace" | "Escape" | "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight") => {
                    if let Some(cb) = &key {
                        e.prevent_default();
                        cb.emit((i, k.to_string()));
                    }
                }
                _ => {}
            }
        })
    };

    let focusable = p.on_node_tap.is_some();
    let edges = input.graph.edges().iter().map(|&(u, v, w)| {
        let ((x0, y0), (x1, y1)) = (at(u), at(v));
        let width = if (w - 1.0).abs() < 1e-6 { 0.7 } else { (0.4 + 0.5 * w.abs() as f64).min(2.0) };
        if u == v {
            return html! { <circle class="edge" cx={format!("{x0:.2}")} cy={format!("{:.2}", y0 - r * 1.5)} r={format!("{:.2}", r * 0.9)} fill="none" stroke-width="0.6" /> };
        }
        let line = |class: &'static str, sw: f64| html! {
            <line {class} x1={format!("{x0:.2}")} y1={format!("{y0:.2}")} x2={format!("{x1:.2}")} y2={format!("{y1:.2}")} stroke-width={format!("{sw:.2}")} />
        };
        if p.on_edge_tap.is_some() {
            html! { <g data-edge={format!("{u}-{v}")} class="edge-hit-group">{ line("edge-hit", 3.2) }{ line("edge", width) }</g> }
        } else {
            line("edge", width)
        }
    });
    let nodes = (0..n).map(|i| {
        let (x, y) = at(i);
        let fill = p.colours.as_ref().and_then(|c| c.0.get(i).copied());
        let fill_css = fill.map(|c| format!("rgb({},{},{})", c[0], c[1], c[2])).unwrap_or_else(|| "var(--node-fill)".into());
        let text_fill = fill.map(text_colour).unwrap_or("var(--ink)");
        let degree = input.graph.degree(i);
        let name = input.label(i);
        let kind = input.types.as_ref().and_then(|t| t.get(i)).map(|t| format!(", type {t}")).unwrap_or_default();
        let title = if name == i.to_string() {
            format!("node {i}{kind}, degree {degree}")
        } else {
            format!("node {i} ({name}){kind}, degree {degree}")
        };
        let picked = p.picked == Some(i);
        let digits = i.to_string().len() as f64;
        let font = r * if digits >= 3.0 { 0.85 } else { 1.15 };
        html! {
            <g key={i} class={classes!("node", picked.then_some("picked"))} data-node={i.to_string()}
                tabindex={focusable.then_some("0")} role={focusable.then_some("button")} aria-label={title.clone()}
                aria-pressed={focusable.then(|| picked.to_string())}>
                <title>{ title }</title>
                if picked {
                    <circle class="ring" cx={format!("{x:.2}")} cy={format!("{y:.2}")} r={format!("{:.2}", r + 1.9)} />
                }
                if p.pending == Some(i) {
                    <circle class="ring pending" cx={format!("{x:.2}")} cy={format!("{y:.2}")} r={format!("{:.2}", r + 1.9)} />
                }
                <circle class="dot" cx={format!("{x:.2}")} cy={format!("{y:.2}")} r={format!("{r:.2}")} fill={fill_css} />
                if labelled {
                    <text x={format!("{x:.2}")} y={format!("{y:.2}")} dy="0.35em" font-size={format!("{font:.2}")} fill={text_fill}>{ i }</text>
                }
            </g>
        }
    });
    let view_box = format!("{} {} {} {}", -PAD, -PAD, 100.0 + 2.0 * PAD, 100.0 + 2.0 * PAD);
    let class = classes!("graph-svg", p.class.clone(), p.draggable.then_some("editable"));
    html! {
        <svg ref={svg} {class} viewBox={view_box} role="group" aria-label={p.label.clone()} data-testid={p.testid.clone()}
            data-nodes={n.to_string()} data-edges={input.graph.edges().len().to_string()}
            {onpointerdown} {onpointermove} {onpointerup} onpointercancel={cancel.clone()} onlostpointercapture={cancel} {onkeydown}>
            <rect class="bg" x={format!("{}", -PAD)} y={format!("{}", -PAD)} width={format!("{}", 100.0 + 2.0 * PAD)} height={format!("{}", 100.0 + 2.0 * PAD)} />
            <g class="edges">{ for edges }</g>
            <g class="nodes">{ for nodes }</g>
        </svg>
    }
}

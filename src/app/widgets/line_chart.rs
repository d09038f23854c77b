//! A line chart on a canvas (drawn by `viz::line_chart`), with an HTML
//! legend, an optional vertical cursor that moves without redrawing the
//! chart, an optional "computing…" state, and a table of the same numbers
//! for screen readers. With `on_pointer` it is also a drawing surface: the
//! pointer's position comes back in data coordinates.

use crate::app::widgets::save_image::SaveImage;
use crate::viz::line_chart::{draw, legible, ChartParams, Frame};
use crate::viz::theme::prefers_dark;
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// Chart data shared by reference; equality is identity, so a chart is
/// redrawn only when its data was rebuilt (not when its cursor moves).
#[derive(Clone, Debug)]
pub struct ChartData(pub Rc<ChartParams>);

impl PartialEq for ChartData {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl From<ChartParams> for ChartData {
    fn from(p: ChartParams) -> Self {
        ChartData(Rc::new(p))
    }
}

/// What the pointer did, in data coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PointerPhase {
    Down,
    Move,
    Up,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartPointer {
    pub phase: PointerPhase,
    pub x: f64,
    pub y: f64,
}

#[derive(Properties, PartialEq)]
pub struct LineChartProps {
    pub data: ChartData,
    /// Accessible name of the picture, and the table's caption.
    pub caption: AttrValue,
    /// A vertical line at this x value.
    #[prop_or_default]
    pub cursor: Option<f64>,
    /// Dim the chart and say "computing…".
    #[prop_or_default]
    pub busy: bool,
    #[prop_or(760)]
    pub width: u32,
    #[prop_or(260)]
    pub height: u32,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    #[prop_or_default]
    pub class: Classes,
    /// Makes the chart a drawing surface (`touch-action: none`).
    #[prop_or_default]
    pub on_pointer: Option<Callback<ChartPointer>>,
    /// Rows of the screen-reader table at most (every k-th x beyond).
    #[prop_or(200)]
    pub max_rows: usize,
    /// File name of "Save PNG/SVG", without extension.
    #[prop_or(AttrValue::Static("symmetry-lab-chart"))]
    pub file_name: AttrValue,
}

/// Size the canvas to its displayed width (aspect `w:h`) times the device
/// pixel ratio, and return canvas pixels per CSS pixel. Before layout (no
/// width yet) the canvas keeps `w × h` and the ratio is 1.
fn fit_to_display(c: &HtmlCanvasElement, w: u32, h: u32) -> f64 {
    let css = c.client_width() as f64;
    if css <= 0.0 {
        return 1.0;
    }
    let dpr = web_sys::window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0).clamp(1.0, 3.0);
    let cw = (css * dpr).round() as u32;
    let ch = (css * h as f64 / w.max(1) as f64 * dpr).round() as u32;
    if c.width() != cw || c.height() != ch {
        c.set_width(cw);
        c.set_height(ch);
    }
    dpr
}

/// A number that changes after the window was resized (debounced), so
/// charts redraw at their new size.
#[hook]
fn use_window_resizes() -> u32 {
    let count = use_state(|| 0u32);
    {
        let setter = count.setter();
        use_effect_with((), move |_| {
            let n = std::rc::Rc::new(std::cell::Cell::new(0u32));
            let pending = std::rc::Rc::new(std::cell::RefCell::new(None::<gloo::timers::callback::Timeout>));
            let listener = web_sys::window().map(|w| {
                gloo::events::EventListener::new(&w, "resize", move |_| {
                    let (n, setter) = (n.clone(), setter.clone());
                    *pending.borrow_mut() = Some(gloo::timers::callback::Timeout::new(150, move || {
                        n.set(n.get().wrapping_add(1));
                        setter.set(n.get());
                    }));
                })
            });
            move || drop(listener)
        });
    }
    *count
}

/// The pointer position as fractions of the canvas.
fn fractions(canvas: &HtmlCanvasElement, e: &PointerEvent) -> (f64, f64) {
    let r = canvas.get_bounding_client_rect();
    ((e.client_x() as f64 - r.left()) / r.width().max(1.0), (e.client_y() as f64 - r.top()) / r.height().max(1.0))
}

#[component]
pub fn LineChart(p: &LineChartProps) -> Html {
    let canvas = use_node_ref();
    let frame = use_state_eq(|| None::<Frame>);
    let pressed = use_mut_ref(|| false);
    let resizes = use_window_resizes();
    {
        let (canvas, frame, (w, h)) = (canvas.clone(), frame.clone(), (p.width, p.height));
        use_effect_with((p.data.clone(), resizes), move |(data, _)| {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                let mut params = (*data.0).clone();
                params.dark = prefers_dark();
                params.px = fit_to_display(&c, w, h);
                frame.set(draw(&c, &params));
            }
        });
    }
    let pointer = |phase: PointerPhase| {
        let (canvas, frame, pressed, cb) = (canvas.clone(), frame.clone(), pressed.clone(), p.on_pointer.clone());
        Callback::from(move |e: PointerEvent| {
            let (Some(cb), Some(c), Some(f)) = (cb.as_ref(), canvas.cast::<HtmlCanvasElement>(), *frame) else {
                return;
            };
            match phase {
                PointerPhase::Down => {
                    e.prevent_default();
                    let _ = c.set_pointer_capture(e.pointer_id());
                    *pressed.borrow_mut() = true;
                }
                PointerPhase::Move if !*pressed.borrow() => return,
                PointerPhase::Move => e.prevent_default(),
                PointerPhase::Up => {
                    if !std::mem::replace(&mut *pressed.borrow_mut(), false) {
                        return;
                    }
                }
            }
            let (fx, fy) = fractions(&c, &e);
            let (x, y) = f.data_at(fx, fy);
            cb.emit(ChartPointer { phase, x, y });
        })
    };
    let drawing = p.on_pointer.is_some();
    let cursor = match (p.cursor, *frame) {
        (Some(x), Some(f)) => f.x_fraction(x).map(|fx| {
            let (_, top, _, bottom) = f.plot_fractions();
            let style =
                format!("left: {:.3}%; top: {:.3}%; height: {:.3}%", fx * 100.0, top * 100.0, (bottom - top) * 100.0);
            html! { <div class="chart-cursor" {style} aria-hidden="true"></div> }
        }),
        _ => None,
    };
    let legend: Vec<_> = p.data.0.series.iter().filter(|s| !s.name.is_empty()).collect();
    let dark = prefers_dark();
    let svg = {
        let (data, size) = (p.data.clone(), (p.width, p.height));
        // A light chart at its nominal size: what a handout or a slide needs.
        Callback::from(move |()| {
            let params = ChartParams { dark: false, px: 1.0, ..(*data.0).clone() };
            crate::viz::line_chart::svg(size, &params)
        })
    };
    let figure = use_node_ref();
    html! {
        <figure class={classes!("line-chart", p.busy.then_some("busy"), p.class.clone())} ref={figure.clone()}>
            <div class="chart-stack">
                <canvas ref={canvas.clone()} width={p.width.to_string()} height={p.height.to_string()}
                    class={classes!(drawing.then_some("drawable"))}
                    role="img" aria-label={p.caption.clone()} data-testid={p.testid.clone()}
                    onpointerdown={drawing.then(|| pointer(PointerPhase::Down))}
                    onpointermove={drawing.then(|| pointer(PointerPhase::Move))}
                    onpointerup={drawing.then(|| pointer(PointerPhase::Up))}
                    onpointercancel={drawing.then(|| pointer(PointerPhase::Up))} />
                { cursor.unwrap_or_default() }
                if p.busy { <span class="chart-busy" role="status">{ "computing…" }</span> }
            </div>
            if !legend.is_empty() || !p.data.0.rules.is_empty() {
                <figcaption class="chart-legend">
                    { for legend.iter().map(|s| {
                        let c = legible(s.color, dark);
                        html! {
                            <span class="legend-item">
                                <span class={classes!("line-swatch", s.dashed.then_some("dashed"))}
                                    style={format!("border-color: rgb({},{},{})", c.0, c.1, c.2)}></span>
                                { s.name.clone() }
                            </span>
                        }
                    }) }
                    { for p.data.0.rules.iter().map(|r| html! {
                        <span class="legend-item rule">
                            <span class="line-swatch dashed thin" style={format!("border-color: rgb({},{},{})", r.color.0, r.color.1, r.color.2)}></span>
                            { r.label.clone() }
                        </span>
                    }) }
                </figcaption>
            }
            <SaveImage target={figure} name={p.file_name.clone()} what={p.caption.clone()} svg={svg} />
            <ChartTable data={p.data.clone()} caption={p.caption.clone()} max_rows={p.max_rows} />
        </figure>
    }
}

#[derive(Properties, PartialEq)]
struct ChartTableProps {
    data: ChartData,
    caption: AttrValue,
    max_rows: usize,
}

/// The chart's numbers as a table (visually hidden). A separate component,
/// so a moving cursor does not rebuild it.
#[component]
fn ChartTable(p: &ChartTableProps) -> Html {
    let d = &p.data.0;
    let mut xs: Vec<f64> =
        d.series.iter().flat_map(|s| s.points.iter().map(|q| q.0)).filter(|x| x.is_finite()).collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    let stride = xs.len().div_ceil(p.max_rows.max(1)).max(1);
    // Each series sorted once, then looked up by binary search.
    let sorted: Vec<Vec<(f64, f64)>> = d
        .series
        .iter()
        .map(|s| {
            let mut v = s.points.clone();
            v.sort_by(|a, b| a.0.total_cmp(&b.0));
            v
        })
        .collect();
    let value_at = |k: usize, x: f64| -> String {
        let v = &sorted[k];
        v.binary_search_by(|q| q.0.total_cmp(&x)).ok().map(|i| format!("{:.4e}", v[i].1)).unwrap_or_default()
    };
    let note = if stride > 1 { format!(" (every {stride}th value of {})", d.x.label) } else { String::new() };
    html! {
        // A div carries the hiding: a table ignores `width: 1px` and would
        // widen the page by its content.
        <div class="sr-only"><table>
            <caption>{ format!("{}{note}", p.caption) }</caption>
            <thead><tr><th>{ d.x.label.clone() }</th>{ for d.series.iter().map(|s| html! { <th>{ s.name.clone() }</th> }) }</tr></thead>
            <tbody>
                { for xs.iter().step_by(stride).map(|&x| html! {
                    <tr><th>{ crate::viz::line_chart::tick_label(x) }</th>{ for (0..d.series.len()).map(|k| html! { <td>{ value_at(k, x) }</td> }) }</tr>
                }) }
            </tbody>
        </table></div>
    }
}

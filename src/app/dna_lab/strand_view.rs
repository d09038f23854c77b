//! The one-hot view of x and of g·x (four rows A, C, G, T, the bases along
//! the top, the complementary strand underneath): in the compare strip, and
//! larger as the first of the detailed rows; and the window/zoom controls
//! that every picture of the lab follows.

use super::state::{Action, DnaLabState};
use super::strand_picture::Picture;
use super::strand_strip::StrandStrip;
use super::thousands;
use crate::app::widgets::save_image::SaveImage;
use crate::app::widgets::track_plot::use_resize_redraw;
use crate::engine::downsample::Window;
use crate::viz::one_hot::{self, HEIGHT};
use crate::viz::theme::prefers_dark;
use web_sys::{HtmlCanvasElement, HtmlInputElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
struct StrandCanvasProps {
    picture: Picture,
    label: AttrValue,
}

#[component]
fn StrandCanvas(p: &StrandCanvasProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        use_effect_with(p.picture.clone(), move |pic| {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                one_hot::draw(&c, &pic.0, prefers_dark());
            }
        });
    }
    let latest = use_mut_ref(|| p.picture.clone());
    *latest.borrow_mut() = p.picture.clone();
    use_resize_redraw(canvas.clone(), move |c| one_hot::draw(c, &latest.borrow().0, prefers_dark()));
    html! {
        <canvas ref={canvas} class="strand-canvas" style={format!("height: {HEIGHT}px")} role="img" aria-label={p.label.clone()} />
    }
}

#[derive(Properties, PartialEq)]
pub struct WindowBarProps {
    pub window: Window,
    pub total: usize,
    pub dispatch: UseReducerDispatcher<DnaLabState>,
}

/// Which positions every picture of the lab shows: zoom, the whole strand,
/// and a slider (with steps of half a window) to move along it.
#[component]
pub fn WindowBar(p: &WindowBarProps) -> Html {
    let (w, total) = (p.window, p.total);
    let set = |next: Window| {
        let d = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::SetWindow(next)))
    };
    let step = (w.len / 2).max(1);
    let on_slide = {
        let d = p.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let v: HtmlInputElement = e.target_unchecked_into();
            if let Ok(start) = v.value().parse::<usize>() {
                d.dispatch(Action::SetWindow(Window { start, len: w.len }));
            }
        })
    };
    let whole = w.len >= total;
    html! {
        <div class="window-bar" role="group" aria-label="Visible window">
            <span class="window-text" data-testid="dna-window">{ format!("Positions {}–{} of {}", thousands(w.start + 1), thousands(w.end()), thousands(total)) }</span>
            <button onclick={set(w.zoom(0.5, total))} disabled={w.len <= Window::MIN_LEN} aria-label="zoom in" title="zoom in">{ "+" }</button>
            <button onclick={set(w.zoom(2.0, total))} disabled={whole} aria-label="zoom out" title="zoom out">{ "−" }</button>
            <button onclick={set(Window::all(total))} disabled={whole}>{ "Whole strand" }</button>
            <button onclick={set(Window { start: w.start.saturating_sub(step), len: w.len })} disabled={w.start == 0} aria-label="move the window left">{ "◀" }</button>
            <input type="range" class="window-slider" min="0" max={total.saturating_sub(w.len).to_string()} value={w.start.to_string()}
                disabled={whole} oninput={on_slide} aria-label="first position shown" />
            <button onclick={set(Window { start: w.start + step, len: w.len })} disabled={w.end() >= total} aria-label="move the window right">{ "▶" }</button>
        </div>
    }
}

/// x's strand in the window, one line high, for the compare strip.
pub fn strand_x(pic: Picture) -> Html {
    html! { <StrandStrip picture={pic} what="x" /> }
}

/// g·x's strand in the window, one line high, for the compare strip.
pub fn strand_gx(pic: Picture, g: &str) -> Html {
    html! { <StrandStrip picture={pic} what={format!("g·x with g = {g}")} /> }
}

#[derive(Properties, PartialEq)]
pub struct StrandPanelProps {
    pub x: Picture,
    pub gx: Picture,
    pub g_text: AttrValue,
    pub window: Window,
}

/// The input row of the detailed rows: both strands larger, how to read
/// them, and Save PNG.
#[component]
pub fn StrandPanel(p: &StrandPanelProps) -> Html {
    let w = p.window;
    let pair = use_node_ref();
    let x_label =
        format!("one-hot encoding of x, positions {} to {}, with its complementary strand", w.start + 1, w.end());
    let gx_label = format!("one-hot encoding of g·x, positions {} to {}", w.start + 1, w.end());
    html! {
        <section class="panel strand-panel" aria-labelledby="strands-title">
            <h2 class="panel-title" id="strands-title">{ format!("The input: x and g·x, positions {}–{}", thousands(w.start + 1), thousands(w.end())) }</h2>
            <div class="strand-pair" ref={pair.clone()}>
                <figure class="stage">
                    <figcaption>{ "x (one-hot, channels A C G T)" }</figcaption>
                    <StrandCanvas picture={p.x.clone()} label={x_label} />
                </figure>
                <figure class="stage">
                    <figcaption>{ format!("g·x with g = {}", p.g_text) }</figcaption>
                    <StrandCanvas picture={p.gx.clone()} label={gx_label} />
                </figure>
            </div>
            <SaveImage target={pair} name={format!("symmetry-lab-dna-strands-{}-{}", w.start + 1, w.end())} what="one-hot strands of x and g·x" />
            <p class="muted small">{ "Top row: the strand read 5′→3′. Bottom row: the complementary strand (A↔T, C↔G), which runs 3′←5′. Reading that bottom row from right to left is the reverse complement: exactly what rc puts on top." }</p>
        </section>
    }
}

//! "Save PNG" / "Save SVG": the same small control under every chart and
//! main panel. PNG saves the panel's canvas at its drawn resolution, or, when
//! the panel holds several (a grid of feature maps), one picture of all of
//! them laid out as on screen; SVG saves either a vector drawing the caller makes (charts,
//! through plotters' SVG backend) or the panel's own `<svg>` element.

use crate::app::download;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SaveImageProps {
    /// The panel whose canvas (PNG) or `<svg>` (SVG) is saved.
    pub target: NodeRef,
    /// File name without extension, e.g. `symmetry-lab-scores`.
    pub name: AttrValue,
    /// What the buttons save, for their accessible names ("class scores").
    pub what: AttrValue,
    /// Offer PNG (the panel holds a canvas).
    #[prop_or(true)]
    pub png: bool,
    /// Makes the SVG text (a chart redrawn with the SVG backend).
    #[prop_or_default]
    pub svg: Option<Callback<(), Option<String>>>,
    /// Offer SVG from the panel's own `<svg>` element.
    #[prop_or_default]
    pub svg_element: bool,
}

/// The panel's canvases as one: the only canvas itself, or a new canvas with
/// each drawn where it shows on screen (CSS pixels, nearest-neighbour).
fn picture(target: &NodeRef) -> Option<HtmlCanvasElement> {
    let root = target.cast::<Element>()?;
    let list = root.query_selector_all("canvas").ok()?;
    let canvases: Vec<HtmlCanvasElement> =
        (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<HtmlCanvasElement>().ok()).collect();
    if canvases.len() <= 1 {
        return canvases.into_iter().next();
    }
    let frame = root.get_bounding_client_rect();
    let doc = web_sys::window()?.document()?;
    let out: HtmlCanvasElement = doc.create_element("canvas").ok()?.dyn_into().ok()?;
    out.set_width(frame.width().ceil().max(1.0) as u32);
    out.set_height(frame.height().ceil().max(1.0) as u32);
    let ctx: CanvasRenderingContext2d = out.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.set_image_smoothing_enabled(false);
    for c in &canvases {
        let r = c.get_bounding_client_rect();
        let (x, y) = (r.left() - frame.left(), r.top() - frame.top());
        let _ = ctx.draw_image_with_html_canvas_element_and_dw_and_dh(c, x, y, r.width(), r.height());
    }
    Some(out)
}

fn first<T: JsCast>(target: &NodeRef, selector: &str) -> Option<T> {
    target.cast::<Element>()?.query_selector(selector).ok().flatten()?.dyn_into().ok()
}

/// An `<svg>` element as a standalone file (the namespace declared).
fn svg_file(el: &Element) -> String {
    let text = el.outer_html();
    if text.contains("xmlns=") {
        text
    } else {
        text.replacen("<svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"", 1)
    }
}

#[component]
pub fn SaveImage(p: &SaveImageProps) -> Html {
    let status = use_state(|| None::<String>);
    let save_png = {
        let (target, name, status) = (p.target.clone(), p.name.to_string(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let file = format!("{name}.png");
            let result = picture(&target)
                .ok_or_else(|| "nothing is drawn yet".to_string())
                .and_then(|c| download::canvas_png(&file, &c));
            status.set(result.err().map(|e| format!("Could not save: {e}")));
        })
    };
    let save_svg = {
        let (target, name, status, make) = (p.target.clone(), p.name.to_string(), status.clone(), p.svg.clone());
        Callback::from(move |_: MouseEvent| {
            let text = match &make {
                Some(make) => make.emit(()),
                None => first::<Element>(&target, "svg").map(|e| svg_file(&e)),
            };
            let result = text
                .ok_or_else(|| "nothing is drawn yet".to_string())
                .and_then(|t| download::text(&format!("{name}.svg"), "image/svg+xml", &t));
            status.set(result.err().map(|e| format!("Could not save: {e}")));
        })
    };
    let svg = p.svg.is_some() || p.svg_element;
    html! {
        <span class="save-image" role="group" aria-label={format!("Save the {}", p.what)}>
            if p.png {
                <button class="small" onclick={save_png} data-testid="save-png"
                    aria-label={format!("Save PNG of the {}", p.what)}>{ "Save PNG" }</button>
            }
            if svg {
                <button class="small" onclick={save_svg} data-testid="save-svg"
                    aria-label={format!("Save SVG of the {}", p.what)}>{ "Save SVG" }</button>
            }
            if let Some(s) = &*status { <span class="muted small" role="status">{ s.clone() }</span> }
        </span>
    }
}

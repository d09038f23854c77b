//! A canvas showing one 2-D array through a colour scale.

use crate::viz::colormap::Scale;
use crate::viz::heatmap;
use ndarray::Array2;
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// A shared plane; equality is identity, so unchanged planes are not redrawn.
#[derive(Clone, Debug)]
pub struct Plane(pub Rc<Array2<f32>>);

impl PartialEq for Plane {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct HeatmapProps {
    pub plane: Plane,
    pub scale: Scale,
    /// Accessible name of the picture.
    pub label: AttrValue,
    #[prop_or_default]
    pub class: Classes,
    /// Called with `(row, col)` of a clicked cell.
    #[prop_or_default]
    pub on_cell: Option<Callback<(usize, usize)>>,
}

#[component]
pub fn Heatmap(props: &HeatmapProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        use_effect_with((props.plane.clone(), props.scale), move |(plane, scale)| {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                heatmap::draw(&c, plane.0.view(), scale);
            }
        });
    }
    let onclick = props.on_cell.clone().map(|cb| {
        let canvas = canvas.clone();
        let (h, w) = props.plane.0.dim();
        Callback::from(move |e: MouseEvent| {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                let r = c.get_bounding_client_rect();
                let col = ((e.client_x() as f64 - r.left()) / r.width().max(1.0) * w as f64).floor();
                let row = ((e.client_y() as f64 - r.top()) / r.height().max(1.0) * h as f64).floor();
                if row >= 0.0 && col >= 0.0 && (row as usize) < h && (col as usize) < w {
                    cb.emit((row as usize, col as usize));
                }
            }
        })
    });
    html! {
        <canvas ref={canvas} class={classes!("heatmap", props.class.clone())} role="img" aria-label={props.label.clone()} {onclick} />
    }
}

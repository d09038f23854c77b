//! Grouped bars (scores for x and g·x), drawn with plotters on a canvas, with
//! a table alternative for screen readers.

use crate::app::widgets::save_image::SaveImage;
use crate::viz::bars;
use crate::viz::theme::prefers_dark;
use plotters::style::RGBColor;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<f32>,
    pub color: RGBColor,
}

#[derive(Properties, PartialEq)]
pub struct BarChartProps {
    pub labels: Vec<String>,
    pub series: Vec<Series>,
    pub caption: AttrValue,
    /// File name of "Save PNG/SVG", without extension.
    #[prop_or(AttrValue::Static("symmetry-lab-chart"))]
    pub file_name: AttrValue,
}

#[component]
pub fn BarChart(p: &BarChartProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        use_effect_with((p.labels.clone(), p.series.clone()), move |(labels, series)| {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                let s: Vec<(&str, Vec<f32>, RGBColor)> =
                    series.iter().map(|s| (s.name.as_str(), s.values.clone(), s.color)).collect();
                bars::draw(&c, (420, 180), labels, &s, prefers_dark());
            }
        });
    }
    let svg = {
        let (labels, series) = (p.labels.clone(), p.series.clone());
        Callback::from(move |()| {
            let s: Vec<(&str, Vec<f32>, RGBColor)> =
                series.iter().map(|s| (s.name.as_str(), s.values.clone(), s.color)).collect();
            bars::svg((420, 180), &labels, &s, false)
        })
    };
    let figure = use_node_ref();
    html! {
        <figure class="bar-chart" ref={figure.clone()}>
            <canvas ref={canvas} width="420" height="180" style="aspect-ratio: 420 / 180" role="img" aria-label={p.caption.clone()} />
            <figcaption>
                { for p.series.iter().map(|s| html! {
                    <span class="legend-item"><span class="swatch" style={format!("background: rgb({},{},{})", s.color.0, s.color.1, s.color.2)}></span>{ s.name.clone() }</span>
                }) }
            </figcaption>
            <SaveImage target={figure} name={p.file_name.clone()} what={p.caption.clone()} svg={svg} />
            // A div carries the hiding: a table ignores `width: 1px` and would
            // widen the page by its content.
            <div class="sr-only"><table>
                <caption>{ p.caption.clone() }</caption>
                <thead><tr><th>{ "class" }</th>{ for p.series.iter().map(|s| html! { <th>{ s.name.clone() }</th> }) }</tr></thead>
                <tbody>
                    { for p.labels.iter().enumerate().map(|(i, l)| html! {
                        <tr><th>{ l.clone() }</th>{ for p.series.iter().map(|s| html! { <td>{ format!("{:.4}", s.values.get(i).copied().unwrap_or(0.0)) }</td> }) }</tr>
                    }) }
                </tbody>
            </table></div>
        </figure>
    }
}

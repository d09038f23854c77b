//! A line chart (plotters on a canvas, see `viz::line_chart`) with an HTML
//! legend and the numbers as a table for screen readers and for anyone who
//! wants them ("Show the numbers").

use crate::viz::line_chart::{self, Guide, LineChartParams, LineSeries};
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LineChartProps {
    pub series: Vec<LineSeries>,
    /// What the chart shows, in words: the canvas's accessible name and the
    /// table's caption.
    pub caption: AttrValue,
    pub x_label: AttrValue,
    pub y_label: AttrValue,
    #[prop_or_default]
    pub x_range: Option<(f64, f64)>,
    #[prop_or_default]
    pub x_ticks: Option<Vec<f64>>,
    /// Logarithmic y axis with this floor.
    #[prop_or_default]
    pub log_y: Option<f64>,
    #[prop_or_default]
    pub guides: Vec<Guide>,
    #[prop_or_default]
    pub marker: Option<(f64, String)>,
    /// Canvas size in pixels (the CSS scales it to the column width).
    #[prop_or((640, 300))]
    pub size: (u32, u32),
    /// Extra attributes for tests and embedders, e.g. `data-testid`.
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    /// Faded while a newer result is being computed.
    #[prop_or_default]
    pub stale: bool,
}

fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .map(|m| m.matches())
        .unwrap_or(false)
}

fn number(v: f64) -> String {
    if v == 0.0 {
        "0".into()
    } else if v.abs() < 1e-3 || v.abs() >= 1e5 {
        format!("{v:.2e}")
    } else {
        format!("{v:.4}")
    }
}

#[component]
pub fn LineChart(p: &LineChartProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        let params = LineChartParams {
            series: p.series.clone(),
            x_label: p.x_label.to_string(),
            y_label: p.y_label.to_string(),
            x_range: p.x_range,
            x_ticks: p.x_ticks.clone(),
            log_y: p.log_y,
            guides: p.guides.clone(),
            marker: p.marker.clone(),
            dark: prefers_dark(),
        };
        use_effect_with(params, move |params| {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                line_chart::draw(&c, params);
            }
        });
    }
    // The table: one row per x of the first series (the series of one chart
    // share their x values), one column per series.
    let xs: Vec<f64> = p.series.first().map(|s| s.points.iter().map(|q| q.0).collect()).unwrap_or_default();
    let (w, h) = p.size;
    html! {
        <figure class={classes!("line-chart", p.stale.then_some("stale"))} data-testid={p.testid.clone()}
            data-series={p.series.len().to_string()} data-points={xs.len().to_string()}>
            <canvas ref={canvas} width={w.to_string()} height={h.to_string()} role="img" aria-label={p.caption.clone()} />
            <figcaption class="legend">
                { for p.series.iter().map(|s| html! {
                    <span class="legend-item">
                        <span class={classes!("swatch", "line", s.dashed.then_some("dashed"))}
                            style={format!("--c: rgb({},{},{})", s.color.0, s.color.1, s.color.2)}></span>
                        { s.name.clone() }
                    </span>
                }) }
            </figcaption>
            <details class="chart-table">
                <summary>{ "Show the numbers" }</summary>
                <table>
                    <caption>{ p.caption.clone() }</caption>
                    <thead><tr><th scope="col">{ p.x_label.clone() }</th>
                        { for p.series.iter().map(|s| html! { <th scope="col">{ s.name.clone() }</th> }) }</tr></thead>
                    <tbody>
                        { for xs.iter().enumerate().map(|(i, x)| html! {
                            <tr><th scope="row">{ number(*x) }</th>
                                { for p.series.iter().map(|s| html! { <td>{ s.points.get(i).map(|q| number(q.1)).unwrap_or_default() }</td> }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </details>
        </figure>
    }
}

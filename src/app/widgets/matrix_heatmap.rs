//! A matrix heatmap as an HTML table: one coloured cell per (row, column),
//! e.g. the error of every layer (rows) under every group element (columns).
//! Being a table it is its own accessible alternative: every cell carries its
//! number and a word, and rows and columns have headers.

use crate::viz::log_scale::LogScale;
use yew::prelude::*;

/// One cell: the value that sets its colour, a short text and a tooltip.
#[derive(Clone, Debug, PartialEq)]
pub struct MatrixCell {
    pub value: f64,
    pub text: String,
    pub title: String,
    /// Extra attributes for tests: `data-verdict` and friends.
    pub verdict: Option<&'static str>,
}

#[derive(Properties, PartialEq)]
pub struct MatrixHeatmapProps {
    pub caption: AttrValue,
    pub corner: AttrValue,
    pub rows: Vec<String>,
    pub columns: Vec<String>,
    /// A longer name of each column (tooltip and screen readers).
    #[prop_or_default]
    pub column_titles: Vec<String>,
    /// `cells[row][col]`; `None` while not computed yet.
    pub cells: Vec<Vec<Option<MatrixCell>>>,
    pub scale: LogScale,
    /// Words for the two ends of the colour bar.
    #[prop_or(("exact".into(), "broken".into()))]
    pub ends: (AttrValue, AttrValue),
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    #[prop_or_default]
    pub stale: bool,
}

#[component]
pub fn MatrixHeatmap(p: &MatrixHeatmapProps) -> Html {
    let bar = format!("background: {}", p.scale.css_gradient());
    let done = p.cells.iter().flatten().all(|c| c.is_some());
    html! {
        <figure class={classes!("matrix-heatmap", p.stale.then_some("stale"))} data-testid={p.testid.clone()}
            data-state={if done { "done" } else { "running" }}>
            <div class="matrix-scroll" tabindex="0" role="region" aria-label={p.caption.clone()}>
                <table>
                    <caption class="sr-only">{ p.caption.clone() }</caption>
                    <thead>
                        <tr><th scope="col" class="corner">{ p.corner.clone() }</th>
                            { for p.columns.iter().enumerate().map(|(i, c)| {
                                let title = p.column_titles.get(i).cloned();
                                html! { <th scope="col" title={title.clone()} aria-label={title}><code>{ c.clone() }</code></th> }
                            }) }</tr>
                    </thead>
                    <tbody>
                        { for p.rows.iter().enumerate().map(|(r, label)| html! {
                            <tr>
                                <th scope="row">{ label.clone() }</th>
                                { for (0..p.columns.len()).map(|c| match p.cells.get(r).and_then(|row| row.get(c)).cloned().flatten() {
                                    Some(cell) => {
                                        let (bg, fg) = p.scale.cell_colors(cell.value);
                                        html! {
                                            <td style={format!("background: {bg}; color: {fg}")} title={cell.title.clone()}
                                                data-verdict={cell.verdict} data-error={format!("{:e}", cell.value)}>
                                                { cell.text.clone() }
                                            </td>
                                        }
                                    }
                                    None => html! { <td class="pending" aria-label="not computed yet">{ "…" }</td> },
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <figcaption class="colorbar">
                <span>{ p.ends.0.clone() }</span>
                <span class="bar" style={bar} aria-hidden="true"></span>
                <span>{ p.ends.1.clone() }</span>
            </figcaption>
        </figure>
    }
}

//! A strand in the compare strip, one line high: its bases as coloured
//! letters when the window is short enough to read them, else its one-hot
//! encoding as four thin rows (A, C, G, T) of cells whose opacity is the
//! share of that base (the mean over the positions a cell covers). The
//! larger picture, with the complementary strand, is the input row below.

use super::strand_picture::Picture;
use crate::engine::downsample::mean_columns;
use crate::viz::one_hot::BASE_COLORS;
use yew::prelude::*;

/// Longest window written as letters (beyond it they would be too small).
pub const LETTERS_MAX: usize = 120;
/// Most cells of the one-hot rows.
const MAX_COLUMNS: usize = 400;

fn css((r, g, b): (u8, u8, u8)) -> String {
    format!("rgb({r},{g},{b})")
}

fn base_color(letter: u8) -> Option<String> {
    b"ACGT".iter().position(|&b| b == letter.to_ascii_uppercase()).map(|i| css(BASE_COLORS[i]))
}

#[derive(Properties, PartialEq)]
pub struct StrandStripProps {
    pub picture: Picture,
    /// What the strand is, for screen readers ("x", "g·x with g = rc").
    pub what: AttrValue,
}

#[component]
pub fn StrandStrip(p: &StrandStripProps) -> Html {
    let pic = &p.picture.0;
    let n = pic.letters.len().min(pic.rows[0].len());
    let label = format!("{}, positions {} to {}", p.what, pic.start + 1, pic.start + n);
    if n == 0 {
        return html! { <div class="strand-strip empty" role="img" aria-label={label}></div> };
    }
    if n <= LETTERS_MAX {
        let style = format!("--n: {n}");
        return html! {
            <div class="strand-strip strand-letters" {style} role="img" aria-label={format!("{label}: {}", pic.letters)}>
                { for pic.letters.bytes().take(n).map(|b| {
                    let style = base_color(b).map(|c| format!("color: {c}"));
                    html! { <span {style}>{ (b as char).to_string() }</span> }
                }) }
            </div>
        };
    }
    let cols = n.min(MAX_COLUMNS);
    let cells: Vec<Html> = pic
        .rows
        .iter()
        .enumerate()
        .flat_map(|(b, row)| {
            let values = if cols == n { row[..n].to_vec() } else { mean_columns(&row[..n], cols) };
            let fill = css(BASE_COLORS[b]);
            values
                .into_iter()
                .enumerate()
                .filter(|(_, v)| *v > 0.02)
                .map(|(c, v)| {
                    html! { <rect x={c.to_string()} y={b.to_string()} width="1" height="1" fill={fill.clone()} fill-opacity={format!("{:.2}", v.min(1.0))} /> }
                })
                .collect::<Vec<_>>()
        })
        .collect();
    html! {
        <div class="strand-strip strand-cells" title="zoom in (+) to read the bases">
            <svg viewBox={format!("0 0 {cols} 4")} preserveAspectRatio="none" shape-rendering="crispEdges" role="img"
                aria-label={format!("{label}: the one-hot rows A, C, G, T; zoom in to read the bases")}>
                { for cells }
            </svg>
        </div>
    }
}

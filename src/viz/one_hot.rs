//! A strand's one-hot encoding, drawn as four rows (A, C, G, T) of cells
//! whose opacity is the probability of that base (1 for a plain letter,
//! 0.25 each for N), with the bases as letters along the top when they fit
//! and the complementary strand underneath, labelled 3′←5′. A window wider
//! than the canvas shows the mean of each pixel column.

use super::heatmap::context;
use crate::engine::downsample::mean_columns;
use crate::engine::nucleotide::complement;
use web_sys::HtmlCanvasElement;

/// Okabe–Ito colours for A, C, G, T (green, blue, orange, vermillion).
pub const BASE_COLORS: [(u8, u8, u8); 4] = [(0, 158, 115), (0, 114, 178), (230, 159, 0), (213, 94, 0)];

/// What one strand picture shows.
#[derive(Clone, Debug, PartialEq)]
pub struct StrandPicture {
    /// `(4, n)` probabilities of the window, row-major (A row, then C, G, T).
    pub rows: [Vec<f32>; 4],
    /// The window's letters (IUPAC codes), `n` of them.
    pub letters: String,
    /// First position of the window (0-based) and length of the strand, for the axis.
    pub start: usize,
    pub total: usize,
}

const LEFT: f64 = 26.0;
const RIGHT: f64 = 18.0;
const LETTER_ROW: f64 = 17.0;
const BASE_ROW: f64 = 13.0;
const AXIS: f64 = 15.0;
/// Narrowest cell that still gets a readable letter.
const MIN_LETTER_CELL: f64 = 7.5;

/// Total CSS height of a picture.
pub const HEIGHT: f64 = 2.0 * LETTER_ROW + 4.0 * BASE_ROW + AXIS + 4.0;

fn rgba((r, g, b): (u8, u8, u8), a: f32) -> String {
    format!("rgba({r},{g},{b},{:.3})", a.clamp(0.0, 1.0))
}

fn base_index(letter: u8) -> Option<usize> {
    b"ACGT".iter().position(|&b| b == letter.to_ascii_uppercase())
}

/// Draw `pic` on `canvas` (sized to its CSS width times the pixel ratio).
pub fn draw(canvas: &HtmlCanvasElement, pic: &StrandPicture, dark: bool) {
    let Some(ctx) = context(canvas) else { return };
    let dpr = web_sys::window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0).clamp(1.0, 3.0);
    let css_w = (canvas.client_width() as f64).max(120.0);
    let (pw, ph) = ((css_w * dpr).round() as u32, (HEIGHT * dpr).round() as u32);
    if canvas.width() != pw || canvas.height() != ph {
        canvas.set_width(pw);
        canvas.set_height(ph);
    }
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, css_w, HEIGHT);
    let ink = if dark { "#e3e6ee" } else { "#1d2233" };
    let muted = if dark { "#9aa1b2" } else { "#5b6275" };
    let n = pic.letters.len().min(pic.rows[0].len());
    if n == 0 {
        return;
    }
    let plot_w = (css_w - LEFT - RIGHT).max(10.0);
    let cols = n.min(plot_w.floor() as usize).max(1);
    let cell = plot_w / cols as f64;
    let letters_fit = cols == n && cell >= MIN_LETTER_CELL;
    ctx.set_text_baseline("middle");
    ctx.set_text_align("center");
    ctx.set_font("bold 11px ui-monospace, monospace");

    // Strand end labels: the given strand 5′→3′, its complement 3′←5′.
    let bottom = LETTER_ROW + 4.0 * BASE_ROW;
    ctx.set_fill_style_str(muted);
    for (y, l, r) in [(LETTER_ROW / 2.0, "5′", "3′"), (bottom + LETTER_ROW / 2.0, "3′", "5′")] {
        ctx.fill_text(l, LEFT / 2.0, y).ok();
        ctx.fill_text(r, css_w - RIGHT / 2.0, y).ok();
    }
    ctx.set_font("10px ui-monospace, monospace");
    for (b, name) in ["A", "C", "G", "T"].iter().enumerate() {
        ctx.set_fill_style_str(&rgba(BASE_COLORS[b], 1.0));
        ctx.fill_text(name, LEFT / 2.0, LETTER_ROW + (b as f64 + 0.5) * BASE_ROW).ok();
    }

    // The four one-hot rows.
    for (b, row) in pic.rows.iter().enumerate() {
        let values = if cols == n { row[..n].to_vec() } else { mean_columns(&row[..n], cols) };
        let y = LETTER_ROW + b as f64 * BASE_ROW;
        for (c, &p) in values.iter().enumerate() {
            if p > 0.0 {
                ctx.set_fill_style_str(&rgba(BASE_COLORS[b], p));
                ctx.fill_rect(
                    LEFT + c as f64 * cell,
                    y + 0.5,
                    (cell - if letters_fit { 1.0 } else { 0.0 }).max(1.0),
                    BASE_ROW - 1.0,
                );
            }
        }
    }

    // Letters on both strands when they fit; otherwise the strands as colour strips.
    let bytes = pic.letters.as_bytes();
    for (i, &l) in bytes.iter().take(n).enumerate() {
        if !letters_fit {
            break;
        }
        let x = LEFT + (i as f64 + 0.5) * cell;
        for (letter, y) in [(l, LETTER_ROW / 2.0), (complement(l), bottom + LETTER_ROW / 2.0)] {
            let color = base_index(letter).map(|b| rgba(BASE_COLORS[b], 1.0)).unwrap_or_else(|| ink.to_string());
            ctx.set_fill_style_str(&color);
            ctx.set_font("bold 12px ui-monospace, monospace");
            ctx.fill_text(&(letter as char).to_string(), x, y).ok();
        }
    }
    if !letters_fit {
        ctx.set_fill_style_str(muted);
        ctx.set_font("11px system-ui, sans-serif");
        ctx.fill_text("zoom in to read the bases", LEFT + plot_w / 2.0, LETTER_ROW / 2.0).ok();
        ctx.fill_text("complementary strand", LEFT + plot_w / 2.0, bottom + LETTER_ROW / 2.0).ok();
    }

    // Position axis (1-based, like sequence viewers).
    let axis_y = bottom + LETTER_ROW + 2.0;
    ctx.set_fill_style_str(muted);
    ctx.fill_rect(LEFT, axis_y, plot_w, 1.0);
    ctx.set_font("10px system-ui, sans-serif");
    ctx.set_text_baseline("top");
    let ticks = [(0usize, "left"), (n - 1, "right")];
    for (i, align) in ticks {
        ctx.set_text_align(align);
        let x = if align == "left" { LEFT } else { LEFT + plot_w };
        ctx.fill_text(&(pic.start + i + 1).to_string(), x, axis_y + 2.0).ok();
    }
    if n > 20 {
        ctx.set_text_align("center");
        ctx.fill_text(&(pic.start + n / 2 + 1).to_string(), LEFT + plot_w * (n / 2) as f64 / n as f64, axis_y + 2.0)
            .ok();
    }
}

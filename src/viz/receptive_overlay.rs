//! The receptive field of one output unit drawn over the input, one outline
//! per layer, growing layer by layer (scale separation made visible). Wrapped
//! copies are drawn too, because circular padding sees across the border.

use super::heatmap::context;
use web_sys::HtmlCanvasElement;

/// Okabe–Ito colours, distinguishable by colour-blind readers.
pub const LAYER_COLORS: [&str; 7] = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"];

/// One outline: input rows `[top, bottom]` and columns `[left, right]`
/// (inclusive, may pass the border), or `None` for "the whole image".
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outline {
    pub rows: Option<(i64, i64)>,
    pub cols: Option<(i64, i64)>,
    pub color: &'static str,
}

/// Clear `canvas` and draw the outlines over an `n × n` input.
pub fn draw(canvas: &HtmlCanvasElement, n: usize, outlines: &[Outline]) {
    let Some(ctx) = context(canvas) else { return };
    let (cw, ch) = (canvas.width() as f64, canvas.height() as f64);
    ctx.clear_rect(0.0, 0.0, cw, ch);
    let cell = cw / n.max(1) as f64;
    for (k, o) in outlines.iter().enumerate() {
        let (t, b) = o.rows.unwrap_or((0, n as i64 - 1));
        let (l, r) = o.cols.unwrap_or((0, n as i64 - 1));
        ctx.set_stroke_style_str(o.color);
        ctx.set_line_width(if k + 1 == outlines.len() { 3.0 } else { 2.0 });
        let n = n as i64;
        for dy in [-n, 0, n] {
            for dx in [-n, 0, n] {
                let x = (l + dx) as f64 * cell;
                let y = (t + dy) as f64 * cell;
                let w = (r - l + 1) as f64 * cell;
                let h = (b - t + 1) as f64 * cell;
                if x + w < 0.0 || y + h < 0.0 || x > cw || y > ch {
                    continue;
                }
                ctx.stroke_rect(x + 1.0, y + 1.0, w - 2.0, h - 2.0);
            }
        }
    }
}

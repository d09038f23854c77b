//! Draw a matrix (node features X, an adjacency matrix A, a layer's node
//! embeddings) cell by cell at a fixed cell size, crisp on high-density
//! screens, with row and column labels when the cells are big enough and
//! highlighted rows and columns, so a learner can follow one node's row
//! from X to P X and its row and column from A to P A Pᵀ.

use super::colormap::Scale;
use super::heatmap::context;
use ndarray::ArrayView2;
use wasm_bindgen::Clamped;
use web_sys::{HtmlCanvasElement, ImageData};

/// Okabe–Ito orange: the highlight of the picked node everywhere.
pub const HIGHLIGHT: &str = "#E69F00";

/// Where the cells sit on the canvas, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MatrixLayout {
    pub rows: usize,
    pub cols: usize,
    pub cell_w: f64,
    pub cell_h: f64,
    /// Width of the row-label margin and height of the column-label margin.
    pub left: f64,
    pub top: f64,
}

impl MatrixLayout {
    /// Cells of `cell_w × cell_h` pixels; labels when the cells can hold them.
    pub fn new(rows: usize, cols: usize, cell_w: f64, cell_h: f64, row_labels: bool, col_labels: bool) -> Self {
        let left = if row_labels && cell_h >= 9.0 { 26.0 } else { 0.0 };
        let top = if col_labels && cell_w >= 9.0 { 16.0 } else { 0.0 };
        MatrixLayout { rows, cols, cell_w, cell_h, left, top }
    }

    pub fn width(&self) -> f64 {
        self.left + self.cols as f64 * self.cell_w
    }

    pub fn height(&self) -> f64 {
        self.top + self.rows as f64 * self.cell_h
    }

    /// The cell under a point given in CSS pixels from the canvas's corner.
    pub fn cell_at(&self, x: f64, y: f64) -> Option<(usize, usize)> {
        let (c, r) = ((x - self.left) / self.cell_w, (y - self.top) / self.cell_h);
        (r >= 0.0 && c >= 0.0 && (r as usize) < self.rows && (c as usize) < self.cols)
            .then_some((r as usize, c as usize))
    }
}

/// Labels, highlights and colours of one drawing.
pub struct MatrixStyle<'a> {
    pub row_labels: Option<&'a [String]>,
    pub col_labels: Option<&'a [String]>,
    pub highlight_rows: &'a [usize],
    pub highlight_cols: &'a [usize],
    pub dark: bool,
}

/// Paint `data` onto `canvas`, resizing it to the layout at the screen's
/// pixel density.
pub fn draw(canvas: &HtmlCanvasElement, data: ArrayView2<f32>, scale: &Scale, lay: &MatrixLayout, style: &MatrixStyle) {
    let Some(ctx) = context(canvas) else { return };
    let dpr = web_sys::window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0).clamp(1.0, 3.0);
    let (w, h) = (lay.width().max(1.0), lay.height().max(1.0));
    let (pw, ph) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
    if canvas.width() != pw || canvas.height() != ph {
        canvas.set_width(pw);
        canvas.set_height(ph);
    }
    // All cells in one pixel buffer and one call: a canvas call per cell
    // costs more than the whole buffer on a 200-node adjacency matrix.
    let (pw, ph) = (pw as usize, ph as usize);
    let mut rgba = vec![0u8; pw * ph * 4];
    let edge = |v: f64| ((v * dpr).round().max(0.0) as usize).min(pw.max(ph));
    // A one-pixel gap between cells that are big enough to need one.
    let gap = usize::from(lay.cell_w >= 6.0 && lay.cell_h >= 6.0);
    for ((r, c), &v) in data.indexed_iter() {
        let [red, green, blue] = scale.color(v);
        let (x0, x1) = (edge(lay.left + c as f64 * lay.cell_w), edge(lay.left + (c + 1) as f64 * lay.cell_w).min(pw));
        let (y0, y1) = (edge(lay.top + r as f64 * lay.cell_h), edge(lay.top + (r + 1) as f64 * lay.cell_h).min(ph));
        for y in y0..y1.saturating_sub(gap).max(y0 + 1).min(ph) {
            let row = y * pw;
            for x in x0..x1.saturating_sub(gap).max(x0 + 1).min(pw) {
                let k = (row + x) * 4;
                rgba[k..k + 4].copy_from_slice(&[red, green, blue, 255]);
            }
        }
    }
    if let Ok(img) = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), pw as u32, ph as u32) {
        let _ = ctx.put_image_data(&img, 0.0, 0.0);
    }
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    let ink = if style.dark { "#e3e6ee" } else { "#1d2233" };
    let muted = if style.dark { "#9aa1b2" } else { "#5b6275" };
    let font = (lay.cell_h.min(lay.cell_w) * 0.7).clamp(7.0, 11.0);
    ctx.set_font(&format!("{font}px system-ui, sans-serif"));
    if lay.left > 0.0 {
        ctx.set_text_align("right");
        ctx.set_text_baseline("middle");
        for (r, l) in style.row_labels.unwrap_or(&[]).iter().enumerate().take(lay.rows) {
            let hot = style.highlight_rows.contains(&r);
            ctx.set_fill_style_str(if hot { HIGHLIGHT } else { muted });
            let _ = ctx.fill_text(l, lay.left - 4.0, lay.top + (r as f64 + 0.5) * lay.cell_h);
        }
    }
    if lay.top > 0.0 {
        ctx.set_text_align("center");
        ctx.set_text_baseline("bottom");
        for (c, l) in style.col_labels.unwrap_or(&[]).iter().enumerate().take(lay.cols) {
            let hot = style.highlight_cols.contains(&c);
            ctx.set_fill_style_str(if hot { HIGHLIGHT } else { muted });
            let _ = ctx.fill_text(l, lay.left + (c as f64 + 0.5) * lay.cell_w, lay.top - 2.0);
        }
    }
    // Highlighted rows and columns: an outline around the whole band.
    ctx.set_stroke_style_str(HIGHLIGHT);
    ctx.set_line_width(if lay.cell_h >= 6.0 { 2.0 } else { 1.5 });
    let (gw, gh) = (lay.cols as f64 * lay.cell_w, lay.rows as f64 * lay.cell_h);
    for &r in style.highlight_rows.iter().filter(|&&r| r < lay.rows) {
        ctx.stroke_rect(lay.left + 1.0, lay.top + r as f64 * lay.cell_h + 1.0, gw - 2.0, lay.cell_h - 2.0);
    }
    for &c in style.highlight_cols.iter().filter(|&&c| c < lay.cols) {
        ctx.stroke_rect(lay.left + c as f64 * lay.cell_w + 1.0, lay.top + 1.0, lay.cell_w - 2.0, gh - 2.0);
    }
    // A frame, so an all-white matrix still shows where it is.
    ctx.set_stroke_style_str(ink);
    ctx.set_global_alpha(0.25);
    ctx.set_line_width(1.0);
    ctx.stroke_rect(lay.left + 0.5, lay.top + 0.5, gw - 1.0, gh - 1.0);
    ctx.set_global_alpha(1.0);
}

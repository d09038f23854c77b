//! The simple drawing of a big graph: one small square per node, coloured
//! by its embedding, and the edges only while there are few enough to read.
//! Labels are left out (they would be unreadable), and the whole drawing is
//! one pixel buffer (or a few dozen fill styles when edges are drawn), so
//! 10,000 nodes draw in a few ms.

use super::heatmap::context;
use wasm_bindgen::Clamped;
use web_sys::{HtmlCanvasElement, ImageData};

/// Most edges drawn; above this the edges are a grey fog, so they are left out.
pub const MAX_DRAWN_EDGES: usize = 4000;
/// Side of the canvas, in pixels.
pub const SIDE: u32 = 640;

/// Draw nodes at `positions` (unit square, y down) with `colours`, and the
/// edges when there are at most [`MAX_DRAWN_EDGES`].
pub fn draw(
    canvas: &HtmlCanvasElement,
    positions: &[[f32; 2]],
    colours: &[[u8; 3]],
    edges: &[(usize, usize, f32)],
    dark: bool,
) {
    let Some(ctx) = context(canvas) else { return };
    if canvas.width() != SIDE || canvas.height() != SIDE {
        canvas.set_width(SIDE);
        canvas.set_height(SIDE);
    }
    let side = SIDE as f64;
    let pad = 12.0;
    let at = |p: [f32; 2]| (pad + p[0] as f64 * (side - 2.0 * pad), pad + p[1] as f64 * (side - 2.0 * pad));
    let bg: [u8; 3] = if dark { [27, 30, 38] } else { [255, 255, 255] };
    let size = if positions.len() > 2000 { 3.0 } else { 5.0 };
    let colour = |i: usize| colours.get(i).copied().unwrap_or([120, 130, 150]);
    if edges.len() > MAX_DRAWN_EDGES {
        // No edges: background and points in one pixel buffer, one canvas call.
        let n = SIDE as usize;
        let mut rgba: Vec<u8> = std::iter::repeat_n([bg[0], bg[1], bg[2], 255], n * n).flatten().collect();
        let half = (size / 2.0) as i64;
        for (i, &p) in positions.iter().enumerate() {
            let (x, y) = at(p);
            let c = colour(i);
            for yy in (y as i64 - half).max(0)..=(y as i64 + half).min(n as i64 - 1) {
                for xx in (x as i64 - half).max(0)..=(x as i64 + half).min(n as i64 - 1) {
                    let k = (yy as usize * n + xx as usize) * 4;
                    rgba[k..k + 3].copy_from_slice(&c);
                }
            }
        }
        if let Ok(img) = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), SIDE, SIDE) {
            let _ = ctx.put_image_data(&img, 0.0, 0.0);
        }
        return;
    }
    ctx.set_fill_style_str(&format!("rgb({},{},{})", bg[0], bg[1], bg[2]));
    ctx.fill_rect(0.0, 0.0, side, side);
    ctx.set_stroke_style_str(if dark { "rgba(220,224,232,0.25)" } else { "rgba(29,34,51,0.25)" });
    ctx.set_line_width(0.6);
    ctx.begin_path();
    for &(u, v, _) in edges {
        if let (Some(&a), Some(&b)) = (positions.get(u), positions.get(v)) {
            let ((x0, y0), (x1, y1)) = (at(a), at(b));
            ctx.move_to(x0, y0);
            ctx.line_to(x1, y1);
        }
    }
    ctx.stroke();
    // Group the nodes by colour, rounded to 32 levels per channel: a few
    // dozen fill styles, not one per node.
    let q = |c: [u8; 3]| c.map(|v| v & 0xF8);
    let mut order: Vec<usize> = (0..positions.len()).collect();
    order.sort_by_key(|&i| q(colour(i)));
    let mut current = None;
    for i in order {
        let c = q(colour(i));
        if current != Some(c) {
            ctx.set_fill_style_str(&format!("rgb({},{},{})", c[0], c[1], c[2]));
            current = Some(c);
        }
        let (x, y) = at(positions[i]);
        ctx.fill_rect(x - size / 2.0, y - size / 2.0, size, size);
    }
}

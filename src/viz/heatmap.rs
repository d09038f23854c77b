//! Draw a 2-D array as a heatmap: one canvas pixel per cell, scaled up by
//! CSS with `image-rendering: pixelated`, so pooling's coarse-graining shows
//! as bigger cells.

use super::colormap::Scale;
use ndarray::ArrayView2;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

/// Paint `data` onto `canvas` (resizing the canvas to the array).
pub fn draw(canvas: &HtmlCanvasElement, data: ArrayView2<f32>, scale: &Scale) {
    let (h, w) = data.dim();
    if h == 0 || w == 0 {
        return;
    }
    if canvas.width() != w as u32 || canvas.height() != h as u32 {
        canvas.set_width(w as u32);
        canvas.set_height(h as u32);
    }
    let Some(ctx) = context(canvas) else { return };
    let mut rgba = Vec::with_capacity(w * h * 4);
    for &v in data.iter() {
        let [r, g, b] = scale.color(v);
        rgba.extend_from_slice(&[r, g, b, 255]);
    }
    if let Ok(img) = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), w as u32, h as u32) {
        let _ = ctx.put_image_data(&img, 0.0, 0.0);
    }
}

/// The 2-D drawing context of a canvas.
pub fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
}

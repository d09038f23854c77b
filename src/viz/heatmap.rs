//! Draw a 2-D array as a heatmap: one canvas pixel per cell, scaled up by
//! CSS with `image-rendering: pixelated`, so pooling's coarse-graining shows
//! as bigger cells.

use super::colormap::Scale;
use ndarray::ArrayView2;
use std::cell::RefCell;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

/// Steps of the colour table. A group CNN's layers draw over a million
/// cells per brush stroke, and interpolating the colour map per cell costs
/// more than the network itself; 1024 steps are finer than the eye can tell.
const STEPS: usize = 1024;
const _: () = assert!(STEPS.is_power_of_two());

thread_local! {
    /// The table of the last scale drawn: the planes of one layer share a
    /// scale, so consecutive draws reuse it.
    static LUT: RefCell<(Option<Scale>, Vec<[u8; 4]>)> = const { RefCell::new((None, Vec::new())) };
}

fn table(scale: &Scale) -> Vec<[u8; 4]> {
    (0..STEPS)
        .map(|i| {
            let [r, g, b] = scale.color(scale.lo + (scale.hi - scale.lo) * i as f32 / (STEPS - 1) as f32);
            [r, g, b, 255]
        })
        .collect()
}

/// The table index of `v`: NaN lands on 0 like `Scale::color`, values out of
/// range clamp, and the mask (STEPS is a power of two) spares a bounds check.
#[inline(always)]
fn index(v: f32, lo: f32, k: f32) -> usize {
    let t = ((v - lo) * k).round();
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, (STEPS - 1) as f32) };
    (t as usize) & (STEPS - 1)
}

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
    let k = (STEPS - 1) as f32 / (scale.hi - scale.lo).max(1e-30);
    let mut rgba = Vec::with_capacity(w * h * 4);
    LUT.with(|cell| {
        let mut cache = cell.borrow_mut();
        if cache.0 != Some(*scale) {
            *cache = (Some(*scale), table(scale));
        }
        let lut = &cache.1;
        for &v in data.iter() {
            rgba.extend_from_slice(&lut[index(v, scale.lo, k)]);
        }
    });
    if let Ok(img) = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), w as u32, h as u32) {
        let _ = ctx.put_image_data(&img, 0.0, 0.0);
    }
}

/// The 2-D drawing context of a canvas.
pub fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
}

/// Gap between the tiles of a mosaic, in cells of the planes: about a
/// sixteenth of a tile, so it stays visible once the canvas is scaled down.
pub fn mosaic_gap(h: usize) -> usize {
    (h / 16).max(1)
}

/// Paint equally sized planes as one mosaic of `cols` columns, with
/// transparent gaps (the page shows through): one canvas for a whole layer
/// instead of one per plane, which is what keeps a brush stroke on a group
/// CNN (hundreds of planes) within a frame.
pub fn draw_mosaic(canvas: &HtmlCanvasElement, planes: &[ArrayView2<f32>], cols: usize, scale: &Scale) {
    let Some(first) = planes.first() else { return };
    let (h, w) = first.dim();
    if h == 0 || w == 0 || planes.iter().any(|p| p.dim() != (h, w)) {
        return;
    }
    let cols = cols.clamp(1, planes.len());
    let rows = planes.len().div_ceil(cols);
    let gap = mosaic_gap(h);
    let (mw, mh) = (cols * (w + gap) - gap, rows * (h + gap) - gap);
    if canvas.width() != mw as u32 || canvas.height() != mh as u32 {
        canvas.set_width(mw as u32);
        canvas.set_height(mh as u32);
    }
    let Some(ctx) = context(canvas) else { return };
    let k = (STEPS - 1) as f32 / (scale.hi - scale.lo).max(1e-30);
    let mut rgba = vec![0u8; mw * mh * 4];
    LUT.with(|cell| {
        let mut cache = cell.borrow_mut();
        if cache.0 != Some(*scale) {
            *cache = (Some(*scale), table(scale));
        }
        let lut = &cache.1;
        for (n, plane) in planes.iter().enumerate() {
            let (x0, y0) = ((n % cols) * (w + gap), (n / cols) * (h + gap));
            for (i, row) in plane.outer_iter().enumerate() {
                let start = ((y0 + i) * mw + x0) * 4;
                for (px, &v) in rgba[start..start + w * 4].chunks_exact_mut(4).zip(row.iter()) {
                    px.copy_from_slice(&lut[index(v, scale.lo, k)]);
                }
            }
        }
    });
    if let Ok(img) = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), mw as u32, mh as u32) {
        let _ = ctx.put_image_data(&img, 0.0, 0.0);
    }
}

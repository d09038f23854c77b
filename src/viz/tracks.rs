//! Activation tracks: one horizontal band per channel, the value along the
//! positions drawn as an area from zero, optionally with a second series as
//! a line on top (to see two signals coincide). Long windows are drawn with
//! the smallest and largest value of each pixel column, so a one-base spike
//! of a 100 kb track still shows. The canvas is sized to its CSS box times
//! the device pixel ratio, so labels stay sharp.

use super::heatmap::context;
use crate::engine::downsample::min_max_columns;
use web_sys::HtmlCanvasElement;

/// One band: a label, the main values (area) and an optional overlay (line),
/// on the value range `[lo, hi]` (stretched to include 0).
#[derive(Clone, Debug, PartialEq)]
pub struct Track {
    pub label: String,
    pub values: Vec<f32>,
    pub overlay: Option<Vec<f32>>,
    pub lo: f32,
    pub hi: f32,
}

/// Everything one track plot draws.
#[derive(Clone, Debug, PartialEq)]
pub struct TrackSet {
    pub tracks: Vec<Track>,
    /// Area colour (CSS) and overlay line colour.
    pub color: &'static str,
    pub overlay_color: &'static str,
    /// Draw a stronger separator after every `group` bands (channel pairs).
    pub group: usize,
}

/// Height of one band in CSS pixels.
pub const BAND: f64 = 28.0;

/// Draw `set` on `canvas`, whose CSS width is kept; its height follows the bands.
pub fn draw(canvas: &HtmlCanvasElement, set: &TrackSet, dark: bool) {
    let Some(ctx) = context(canvas) else { return };
    let dpr = web_sys::window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0).clamp(1.0, 3.0);
    let css_w = (canvas.client_width() as f64).max(120.0);
    let css_h = BAND * set.tracks.len().max(1) as f64;
    let (pw, ph) = ((css_w * dpr).round() as u32, (css_h * dpr).round() as u32);
    if canvas.width() != pw || canvas.height() != ph {
        canvas.set_width(pw);
        canvas.set_height(ph);
    }
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, css_w, css_h);
    let (ink, faint) = if dark { ("#e3e6ee", "rgba(227,230,238,0.18)") } else { ("#1d2233", "rgba(29,34,51,0.14)") };
    ctx.set_font("11px system-ui, sans-serif");
    ctx.set_text_baseline("middle");
    let label_w = set
        .tracks
        .iter()
        // About 6.3 px per character of 11 px text (no TextMetrics needed).
        .map(|t| t.label.chars().count() as f64 * 6.3)
        .fold(24.0f64, f64::max)
        + 8.0;
    let x0 = label_w;
    let plot_w = (css_w - x0 - 2.0).max(10.0);
    for (r, t) in set.tracks.iter().enumerate() {
        let (lo, hi) = (t.lo.min(0.0) as f64, t.hi.max(0.0) as f64);
        let span = (hi - lo).max(1e-9);
        let top = r as f64 * BAND;
        let (b_top, b_bot) = (top + 2.0, top + BAND - 2.0);
        let y = |v: f32| b_bot - ((v as f64 - lo) / span).clamp(0.0, 1.0) * (b_bot - b_top);
        ctx.set_fill_style_str(ink);
        ctx.fill_text(&t.label, 2.0, top + BAND / 2.0).ok();
        ctx.set_fill_style_str(faint);
        ctx.fill_rect(x0, y(0.0), plot_w, 1.0);
        ctx.set_fill_style_str(set.color);
        series(&t.values, plot_w, |xa, xb, lo_v, hi_v| {
            // An area from zero: nothing to draw where the value is zero.
            let (ya, yb) = (y(hi_v.max(0.0)), y(lo_v.min(0.0)));
            if yb - ya >= 0.5 {
                ctx.fill_rect(x0 + xa, ya, (xb - xa).max(1.0), yb - ya);
            }
        });
        if let Some(o) = &t.overlay {
            ctx.set_fill_style_str(set.overlay_color);
            series(o, plot_w, |xa, xb, lo_v, hi_v| {
                // A 1.5 px line (a band where a pixel column spans several values).
                let (ya, yb) = (y(hi_v), y(lo_v));
                ctx.fill_rect(x0 + xa, ya - 0.75, (xb - xa).max(1.0), (yb - ya) + 1.5);
            });
        }
        let last_of_group = set.group > 0 && (r + 1) % set.group == 0 && r + 1 < set.tracks.len();
        ctx.set_fill_style_str(if last_of_group { ink } else { faint });
        ctx.fill_rect(
            0.0,
            top + BAND - if last_of_group { 1.0 } else { 0.5 },
            css_w,
            if last_of_group { 1.0 } else { 0.5 },
        );
    }
}

/// Call `f(x_from, x_to, min, max)` for each drawn column of `values` over a
/// plot `width` pixels wide: one column per position when they fit, else
/// the min and max of the positions under each pixel.
fn series(values: &[f32], width: f64, mut f: impl FnMut(f64, f64, f32, f32)) {
    let n = values.len();
    if n == 0 {
        return;
    }
    let cols = (width.floor() as usize).max(1);
    if n <= cols {
        let w = width / n as f64;
        for (i, &v) in values.iter().enumerate() {
            if v.is_finite() {
                f(i as f64 * w, (i + 1) as f64 * w, v, v);
            }
        }
    } else {
        let w = width / cols as f64;
        for (c, (lo, hi)) in min_max_columns(values, cols).into_iter().enumerate() {
            f(c as f64 * w, (c + 1) as f64 * w, lo, hi);
        }
    }
}

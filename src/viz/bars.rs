//! Grouped bar chart: the head's class scores for x and for g·x side by side.
//! Okabe–Ito blue and orange, which colour-blind readers tell apart.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

pub const COLOR_X: RGBColor = RGBColor(0, 114, 178);
pub const COLOR_GX: RGBColor = RGBColor(230, 159, 0);

/// Axis numbers short enough for the label margin: `0.25`, `1.5`, `60k`,
/// `1.2M`; never `-0.00`.
fn compact(v: f32) -> String {
    let a = v.abs();
    if a < 0.005 {
        return "0".into();
    }
    if a >= 1e6 {
        format!("{:.1}M", v / 1e6)
    } else if a >= 1e4 {
        format!("{:.0}k", v / 1e3)
    } else if a >= 1e3 {
        format!("{:.1}k", v / 1e3)
    } else if a >= 10.0 {
        format!("{v:.0}")
    } else if a >= 1.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

/// Draw `series` (name, values, colour) as grouped bars over `labels`.
/// Draw on `canvas` at the screen's pixel density: `size` is the chart's
/// size in CSS pixels, the canvas gets `size × devicePixelRatio` pixels.
pub fn draw(
    canvas: &HtmlCanvasElement,
    size: (u32, u32),
    labels: &[String],
    series: &[(&str, Vec<f32>, RGBColor)],
    dark: bool,
) -> Option<()> {
    let k = web_sys::window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0).clamp(1.0, 3.0);
    let (w, h) = ((size.0 as f64 * k).round() as u32, (size.1 as f64 * k).round() as u32);
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    let backend = CanvasBackend::with_canvas_object(canvas.clone())?;
    draw_on(backend.into_drawing_area(), labels, series, dark, k)
}

/// The same chart as an SVG document of `width × height` pixels.
pub fn svg(size: (u32, u32), labels: &[String], series: &[(&str, Vec<f32>, RGBColor)], dark: bool) -> Option<String> {
    let mut text = String::new();
    draw_on(SVGBackend::with_string(&mut text, size).into_drawing_area(), labels, series, dark, 1.0)?;
    Some(text)
}

fn draw_on<DB: DrawingBackend>(
    root: DrawingArea<DB, Shift>,
    labels: &[String],
    series: &[(&str, Vec<f32>, RGBColor)],
    dark: bool,
    k: f64,
) -> Option<()> {
    let px = |v: f64| (v * k).round() as u32;
    let (bg, fg) = if dark { (RGBColor(27, 30, 38), RGBColor(220, 224, 232)) } else { (WHITE, RGBColor(40, 44, 52)) };
    root.fill(&bg).ok()?;
    let all: Vec<f32> = series.iter().flat_map(|s| s.1.iter().copied()).collect();
    let lo = all.iter().copied().fold(0.0f32, f32::min);
    let hi = all.iter().copied().fold(0.0f32, f32::max);
    let pad = ((hi - lo) * 0.1).max(1e-3);
    let n = labels.len().max(1);
    let mut chart = ChartBuilder::on(&root)
        .margin(px(8.0))
        .x_label_area_size(px(26.0))
        .y_label_area_size(px(48.0))
        .build_cartesian_2d(-0.5f32..n as f32 - 0.5, (lo - pad)..(hi + pad))
        .ok()?;
    let label_style = ("sans-serif", px(15.0)).into_font().color(&fg);
    let labels_owned = labels.to_vec();
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(n)
        .x_label_formatter(&|x| {
            let i = x.round();
            if (x - i).abs() < 1e-3 && i >= 0.0 {
                labels_owned.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .y_labels(5)
        .y_label_formatter(&|v| compact(*v))
        .label_style(label_style)
        .axis_style(fg)
        .light_line_style(fg.mix(0.12))
        .bold_line_style(fg.mix(0.25))
        .draw()
        .ok()?;
    let k = series.len().max(1) as f32;
    let width = 0.8 / k;
    for (s, (_, values, color)) in series.iter().enumerate() {
        chart
            .draw_series(values.iter().enumerate().map(|(i, &v)| {
                let x0 = i as f32 - 0.4 + s as f32 * width;
                Rectangle::new([(x0, 0.0), (x0 + width * 0.92, v)], color.filled())
            }))
            .ok()?;
    }
    root.present().ok()?;
    Some(())
}

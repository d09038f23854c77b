//! A line chart of named series of `(x, y)` points, drawn with plotters on a
//! canvas: optional logarithmic y axis (values at or below the floor are
//! drawn on the floor, so an exact zero stays visible), dashed horizontal
//! guides (thresholds) and one vertical marker (the current value of x).
//!
//! The legend and the table alternative are HTML, in the widget
//! (`app::widgets::line_chart`); this file only paints the canvas.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// One line.
#[derive(Clone, Debug, PartialEq)]
pub struct LineSeries {
    pub name: String,
    pub points: Vec<(f64, f64)>,
    pub color: RGBColor,
    /// Dashed instead of solid (a reference or a secondary line).
    pub dashed: bool,
}

/// A horizontal reference line, e.g. the "exact" threshold.
#[derive(Clone, Debug, PartialEq)]
pub struct Guide {
    pub y: f64,
    pub label: String,
}

/// Everything the chart shows.
#[derive(Clone, Debug, PartialEq)]
pub struct LineChartParams {
    pub series: Vec<LineSeries>,
    pub x_label: String,
    pub y_label: String,
    /// The x range; `None` fits the data.
    pub x_range: Option<(f64, f64)>,
    /// Where the x tick labels go; `None` picks round numbers.
    pub x_ticks: Option<Vec<f64>>,
    /// Logarithmic y axis with this floor (values below it are drawn on it).
    pub log_y: Option<f64>,
    pub guides: Vec<Guide>,
    /// A vertical line at this x, with its label.
    pub marker: Option<(f64, String)>,
    pub dark: bool,
}

/// Okabe–Ito colours first (colour-blind safe), then a few more distinct ones.
pub const PALETTE: [RGBColor; 10] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(213, 94, 0),
    RGBColor(86, 180, 233),
    RGBColor(120, 94, 240),
    RGBColor(90, 90, 90),
    RGBColor(200, 170, 0),
    RGBColor(150, 60, 60),
];

/// "10⁻⁴" for the log axis labels.
pub fn power_of_ten(exp: i32) -> String {
    const SUP: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let digits: String = exp.unsigned_abs().to_string().chars().map(|c| SUP[c as usize - '0' as usize]).collect();
    format!("10{}{digits}", if exp < 0 { "⁻" } else { "" })
}

/// About five round tick values covering `[lo, hi]`.
pub fn nice_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let span = (hi - lo).abs().max(1e-12);
    let raw = span / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * mag).find(|s| span / s <= 6.0).unwrap_or(10.0 * mag);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last).map(|i| i as f64 * step).collect()
}

/// A short label for a tick value.
fn tick_text(v: f64) -> String {
    if v == 0.0 {
        "0".into()
    } else if v.abs() >= 1e4 || v.abs() < 1e-2 {
        format!("{v:.0e}")
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// The y a point is drawn at (log10 on a log axis).
fn y_of(v: f64, log_floor: Option<f64>) -> f64 {
    match log_floor {
        Some(floor) => {
            let v = if v.is_finite() { v.max(floor) } else { 1.0 / floor };
            v.log10()
        }
        None => v,
    }
}

/// Paint the chart onto `canvas`. `None` when the canvas has no 2-D context.
pub fn draw(canvas: &HtmlCanvasElement, p: &LineChartParams) -> Option<()> {
    let backend = CanvasBackend::with_canvas_object(canvas.clone())?;
    let root = backend.into_drawing_area();
    let (bg, fg) = if p.dark { (RGBColor(27, 30, 38), RGBColor(220, 224, 232)) } else { (WHITE, RGBColor(40, 44, 52)) };
    root.fill(&bg).ok()?;

    let xs = p.series.iter().flat_map(|s| s.points.iter().map(|q| q.0));
    let (x0, x1) =
        p.x_range.unwrap_or_else(|| xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| (a.min(x), b.max(x))));
    let (x0, x1) = if x0.is_finite() && x1 > x0 { (x0, x1) } else { (0.0, 1.0) };
    let ys: Vec<f64> =
        p.series.iter().flat_map(|s| s.points.iter().map(|q| y_of(q.1, p.log_y))).filter(|y| y.is_finite()).collect();
    let guide_ys = p.guides.iter().map(|g| y_of(g.y, p.log_y));
    let (mut y0, mut y1) =
        ys.iter().copied().chain(guide_ys).fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), y| (a.min(y), b.max(y)));
    if !y0.is_finite() {
        (y0, y1) = (0.0, 1.0);
    }
    let y_ticks: Vec<f64> = match p.log_y {
        Some(floor) => {
            y0 = floor.log10().floor();
            y1 = y1.ceil().max(y0 + 1.0);
            let step = ((y1 - y0) / 5.0).ceil().max(1.0);
            let mut t = y1;
            let mut ticks = Vec::new();
            while t >= y0 - 1e-9 {
                ticks.push(t);
                t -= step;
            }
            ticks
        }
        None => {
            y0 = y0.min(0.0);
            let pad = ((y1 - y0) * 0.08).max(1e-6);
            y1 += pad;
            nice_ticks(y0, y1)
        }
    };
    let x_ticks = p.x_ticks.clone().unwrap_or_else(|| nice_ticks(x0, x1));
    let mut chart = ChartBuilder::on(&root)
        .margin(10)
        .margin_top(22)
        .margin_right(if p.guides.is_empty() { 18 } else { 78 })
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(x0..x1, y0..y1)
        .ok()?;
    let label_style = ("sans-serif", 13).into_font().color(&fg);
    // The tick positions are ours (angles every 45°, whole powers of ten),
    // so the mesh draws only the axes and their descriptions.
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(0)
        .y_labels(0)
        .x_desc(p.x_label.as_str())
        .y_desc(p.y_label.as_str())
        .axis_desc_style(label_style.clone())
        .axis_style(fg)
        .draw()
        .ok()?;
    let grid = fg.mix(0.14).stroke_width(1);
    for &x in x_ticks.iter().filter(|x| (x0..=x1).contains(*x)) {
        chart.draw_series(plotters::series::LineSeries::new(vec![(x, y0), (x, y1)], grid)).ok()?;
        let (px, py) = chart.backend_coord(&(x, y0));
        let font = label_style.clone().pos(Pos::new(HPos::Center, VPos::Top));
        root.draw(&Text::new(tick_text(x), (px, py + 5), font)).ok()?;
    }
    for &y in y_ticks.iter().filter(|y| (y0..=y1).contains(*y)) {
        chart.draw_series(plotters::series::LineSeries::new(vec![(x0, y), (x1, y)], grid)).ok()?;
        let (px, py) = chart.backend_coord(&(x0, y));
        let text = if p.log_y.is_some() { power_of_ten(y.round() as i32) } else { tick_text(y) };
        let font = label_style.clone().pos(Pos::new(HPos::Right, VPos::Center));
        root.draw(&Text::new(text, (px - 6, py), font)).ok()?;
    }

    for g in &p.guides {
        let y = y_of(g.y, p.log_y);
        let style = fg.mix(0.55).stroke_width(1);
        chart.draw_series(DashedLineSeries::new(vec![(x0, y), (x1, y)], 4, 4, style)).ok()?;
        // In the right margin, beside the line, where no data is drawn.
        let pos = chart.backend_coord(&(x1, y));
        let font = ("sans-serif", 12).into_font().color(&fg.mix(0.85)).pos(Pos::new(HPos::Left, VPos::Center));
        root.draw(&Text::new(g.label.clone(), (pos.0 + 6, pos.1), font)).ok()?;
    }
    if let Some((x, label)) = &p.marker {
        let style = fg.mix(0.7).stroke_width(2);
        chart.draw_series(plotters::series::LineSeries::new(vec![(*x, y0), (*x, y1)], style)).ok()?;
        // Above the plot, in the top margin, so it never covers a line.
        let pos = chart.backend_coord(&(*x, y1));
        let font = ("sans-serif", 13).into_font().color(&fg).pos(Pos::new(HPos::Center, VPos::Bottom));
        root.draw(&Text::new(label.clone(), (pos.0, pos.1 - 3), font)).ok()?;
    }
    for s in &p.series {
        let pts: Vec<(f64, f64)> =
            s.points.iter().map(|&(x, y)| (x, y_of(y, p.log_y))).filter(|q| q.1.is_finite()).collect();
        let style = s.color.stroke_width(2);
        if s.dashed {
            chart.draw_series(DashedLineSeries::new(pts, 6, 4, style)).ok()?;
        } else {
            chart.draw_series(plotters::series::LineSeries::new(pts, style)).ok()?;
        }
    }
    root.present().ok()?;
    Some(())
}

//! A line chart shared by the labs: several series over one x axis, either
//! axis linear or logarithmic, shaded x ranges (padding) and horizontal
//! reference lines (the verdict thresholds). Drawn with plotters; the legend
//! lives in HTML beside it. [`draw`] returns the [`Frame`] that maps data to
//! canvas fractions and back, so the widget can place a cursor without
//! redrawing and turn pointer positions into data (a drawing surface).
//!
//! A logarithmic axis works on `log10` of the values on a linear plotters
//! axis with its own key points (powers of ten, or ticks the caller gives),
//! so both axes always have one coordinate type. Values at or below a log
//! axis's `floor` are drawn on the floor, whose tick reads "≤ floor" (a log
//! axis has no 0): exact zeros stay visible on a log scale. Reference lines
//! are named in the HTML legend, never written over the data.

use crate::engine::check::{APPROXIMATE, EXACT};
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use std::ops::Range;
use web_sys::HtmlCanvasElement;

/// One line.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    pub points: Vec<(f64, f64)>,
    pub color: RGBColor,
    pub dashed: bool,
    /// Stroke width in canvas pixels.
    pub width: u32,
    /// A dot on every point (for sweeps with few points).
    pub markers: bool,
}

/// One axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    pub label: String,
    /// `Some(floor)`: logarithmic, values at or below `floor` drawn on it.
    pub log_floor: Option<f64>,
    /// A fixed range; `None`: fit the data.
    pub range: Option<(f64, f64)>,
    /// Tick values; `None`: chosen from the range.
    pub ticks: Option<Vec<f64>>,
}

impl Axis {
    pub fn linear(label: &str) -> Self {
        Axis { label: label.into(), log_floor: None, range: None, ticks: None }
    }

    pub fn log(label: &str, floor: f64) -> Self {
        Axis { label: label.into(), log_floor: Some(floor), range: None, ticks: None }
    }

    pub fn with_range(self, lo: f64, hi: f64) -> Self {
        Axis { range: Some((lo, hi)), ..self }
    }

    pub fn with_ticks(self, ticks: Vec<f64>) -> Self {
        Axis { ticks: Some(ticks), ..self }
    }
}

/// A shaded x range with a label at its top.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    pub from: f64,
    pub to: f64,
    pub label: String,
    /// Opacity of the shade (of the text colour), e.g. 0.08.
    pub shade: f64,
}

/// A dotted horizontal line with a label at its right end.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub y: f64,
    pub label: String,
    pub color: RGBColor,
}

/// Everything one chart shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartParams {
    pub series: Vec<Series>,
    pub x: Axis,
    pub y: Axis,
    pub bands: Vec<Band>,
    pub rules: Vec<Rule>,
    pub dark: bool,
    /// Canvas pixels per CSS pixel: text, strokes and margins scale by it,
    /// so a chart drawn at its displayed size reads the same everywhere.
    pub px: f64,
}

impl Default for ChartParams {
    fn default() -> Self {
        ChartParams {
            series: vec![],
            x: Axis::linear(""),
            y: Axis::linear(""),
            bands: vec![],
            rules: vec![],
            dark: false,
            px: 1.0,
        }
    }
}

/// How one axis maps data to the plotted coordinate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AxisMap {
    /// The plotted range (log10 of the data on a log axis).
    pub lo: f64,
    pub hi: f64,
    pub log_floor: Option<f64>,
}

impl AxisMap {
    fn plotted(&self, v: f64) -> f64 {
        match self.log_floor {
            Some(f) => v.max(f).log10(),
            None => v,
        }
    }

    fn value_at(&self, p: f64) -> f64 {
        match self.log_floor {
            Some(_) => 10f64.powf(p),
            None => p,
        }
    }
}

/// Where the plot sits on the canvas, and how data maps onto it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// The plotting area in canvas pixels.
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
    /// The canvas size in pixels.
    pub width: f64,
    pub height: f64,
    pub x: AxisMap,
    pub y: AxisMap,
}

impl Frame {
    /// The x position of data value `x` as a fraction of the canvas width
    /// (for a CSS cursor), or `None` outside the plot.
    pub fn x_fraction(&self, x: f64) -> Option<f64> {
        let t = (self.x.plotted(x) - self.x.lo) / (self.x.hi - self.x.lo);
        (t.is_finite() && (-1e-9..=1.0 + 1e-9).contains(&t))
            .then(|| (self.left + t * (self.right - self.left)) / self.width.max(1.0))
    }

    /// The plot area as fractions of the canvas: (left, top, right, bottom).
    pub fn plot_fractions(&self) -> (f64, f64, f64, f64) {
        let (w, h) = (self.width.max(1.0), self.height.max(1.0));
        (self.left / w, self.top / h, self.right / w, self.bottom / h)
    }

    /// The data point under a position given as fractions of the canvas
    /// size (clamped to the plot area).
    pub fn data_at(&self, fx: f64, fy: f64) -> (f64, f64) {
        let tx = ((fx * self.width - self.left) / (self.right - self.left).max(1.0)).clamp(0.0, 1.0);
        let ty = ((self.bottom - fy * self.height) / (self.bottom - self.top).max(1.0)).clamp(0.0, 1.0);
        (
            self.x.value_at(self.x.lo + tx * (self.x.hi - self.x.lo)),
            self.y.value_at(self.y.lo + ty * (self.y.hi - self.y.lo)),
        )
    }
}

/// A linear plotters axis whose bold key points (grid lines and labels) are
/// exactly the given ticks.
struct Ticked {
    lo: f64,
    hi: f64,
    ticks: Vec<f64>,
}

impl Ranged for Ticked {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, v: &f64, limit: (i32, i32)) -> i32 {
        let t = (v - self.lo) / (self.hi - self.lo);
        limit.0 + ((limit.1 - limit.0) as f64 * t).round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.lo..self.hi
    }
}

/// Okabe–Ito colours first (colour-blind safe), then a few more distinct ones:
/// one per layer when a chart draws every layer of a model.
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

/// The two verdict thresholds as reference lines: below the first a check is
/// exact, below the second approximate.
pub fn verdict_rules() -> Vec<Rule> {
    vec![
        Rule { y: EXACT, label: "1e-4: exact below".into(), color: RGBColor(27, 122, 74) },
        Rule {
            y: APPROXIMATE,
            label: "0.05: approximate only below (and below a tenth of the scramble's error)".into(),
            color: RGBColor(168, 100, 0),
        },
    ]
}

/// A series colour that stays visible on the chart's background: on a dark
/// background, dark colours (the ink of an input signal) are lightened.
pub fn legible(c: RGBColor, dark: bool) -> RGBColor {
    let luminance = (0.2126 * c.0 as f64 + 0.7152 * c.1 as f64 + 0.0722 * c.2 as f64) / 255.0;
    if dark && luminance < 0.3 {
        let up = |v: u8| (v as f64 + (255.0 - v as f64) * 0.6).round() as u8;
        RGBColor(up(c.0), up(c.1), up(c.2))
    } else {
        c
    }
}

/// Ticks at 1, 2 or 5 times a power of ten, about five across `[lo, hi]`.
pub fn nice_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let span = hi - lo;
    if !(span.is_finite() && span > 0.0) {
        return vec![lo];
    }
    let raw = span / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * mag).find(|s| *s >= raw).unwrap_or(10.0 * mag);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last).map(|i| i as f64 * step).collect()
}

/// A tick label: whole numbers bare, small numbers short, never "-0".
pub fn tick_label(v: f64) -> String {
    if v == 0.0 || (v.abs() >= 1e-2 && (v * 1000.0).round() == 0.0) {
        "0".into()
    } else if v.abs() >= 1e-2 && v.abs() < 1e5 {
        let s = format!("{v:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        format!("{v:.0e}")
    }
}

fn fit(axis: &Axis, values: impl Iterator<Item = f64>) -> (f64, f64) {
    if let Some((lo, hi)) = axis.range {
        let m = AxisMap { lo: 0.0, hi: 0.0, log_floor: axis.log_floor };
        return (m.plotted(lo), m.plotted(hi));
    }
    let m = AxisMap { lo: 0.0, hi: 0.0, log_floor: axis.log_floor };
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.filter(|v| v.is_finite()).map(|v| m.plotted(v)) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if lo > hi {
        return (0.0, 1.0);
    }
    if axis.log_floor.is_some() {
        // Whole decades, so the powers of ten frame the data.
        (lo.floor(), hi.ceil().max(lo.floor() + 1.0))
    } else {
        let pad = ((hi - lo) * 0.06).max(if hi == lo { 0.5 } else { 0.0 });
        (lo - pad, hi + pad)
    }
}

fn key_points(axis: &Axis, lo: f64, hi: f64) -> Vec<f64> {
    let m = AxisMap { lo, hi, log_floor: axis.log_floor };
    match (&axis.ticks, axis.log_floor) {
        (Some(t), _) => t.iter().map(|v| m.plotted(*v)).filter(|p| *p >= lo - 1e-9 && *p <= hi + 1e-9).collect(),
        (None, Some(_)) => {
            let step = ((hi - lo) / 6.0).ceil().max(1.0) as i64;
            (lo.ceil() as i64..=hi.floor() as i64)
                .filter(|d| (d - lo.ceil() as i64) % step == 0)
                .map(|d| d as f64)
                .collect()
        }
        (None, None) => nice_ticks(lo, hi),
    }
}

fn label_of(axis: &Axis, plotted: f64) -> String {
    match axis.log_floor {
        Some(f) => {
            let v = 10f64.powf(plotted);
            if v <= f * 1.000_001 {
                format!("≤{}", tick_label(f))
            } else {
                tick_label((v * 1e6).round() / 1e6)
            }
        }
        None => tick_label(plotted),
    }
}

/// Draw the chart on `canvas` and return its frame.
pub fn draw(canvas: &HtmlCanvasElement, p: &ChartParams) -> Option<Frame> {
    let backend = CanvasBackend::with_canvas_object(canvas.clone())?;
    draw_on(backend.into_drawing_area(), p)
}

/// The same chart as an SVG document of `width × height` pixels.
pub fn svg(size: (u32, u32), p: &ChartParams) -> Option<String> {
    let mut text = String::new();
    draw_on(SVGBackend::with_string(&mut text, size).into_drawing_area(), p)?;
    Some(text)
}

fn draw_on<DB: DrawingBackend>(root: DrawingArea<DB, Shift>, p: &ChartParams) -> Option<Frame> {
    let (width, height) = root.dim_in_pixel();
    let (bg, fg) = if p.dark { (RGBColor(27, 30, 38), RGBColor(220, 224, 232)) } else { (WHITE, RGBColor(40, 44, 52)) };
    root.fill(&bg).ok()?;
    let (x_lo, x_hi) = fit(&p.x, p.series.iter().flat_map(|s| s.points.iter().map(|q| q.0)));
    let ys = p.series.iter().flat_map(|s| s.points.iter().map(|q| q.1)).chain(p.rules.iter().map(|r| r.y));
    let (y_lo, y_hi) = fit(&p.y, ys);
    let xm = AxisMap { lo: x_lo, hi: x_hi.max(x_lo + 1e-9), log_floor: p.x.log_floor };
    let ym = AxisMap { lo: y_lo, hi: y_hi.max(y_lo + 1e-9), log_floor: p.y.log_floor };
    let k = p.px.clamp(0.5, 4.0);
    let px = |v: f64| (v * k).round() as i32;
    let small = ("sans-serif", px(14.0)).into_font();
    let font = ("sans-serif", px(15.0)).into_font().color(&fg);
    let mut chart = ChartBuilder::on(&root)
        .margin(px(6.0))
        .margin_right(px(12.0))
        .x_label_area_size(px(42.0))
        .y_label_area_size(px(60.0))
        .build_cartesian_2d(
            Ticked { lo: xm.lo, hi: xm.hi, ticks: key_points(&p.x, xm.lo, xm.hi) },
            Ticked { lo: ym.lo, hi: ym.hi, ticks: key_points(&p.y, ym.lo, ym.hi) },
        )
        .ok()?;
    let (x_axis, y_axis) = (p.x.clone(), p.y.clone());
    chart
        .configure_mesh()
        .x_desc(p.x.label.as_str())
        .y_desc(p.y.label.as_str())
        .x_label_formatter(&|v| label_of(&x_axis, *v))
        .y_label_formatter(&|v| label_of(&y_axis, *v))
        .label_style(font.clone())
        .axis_desc_style(font.clone())
        .axis_style(fg)
        .bold_line_style(fg.mix(0.14))
        .light_line_style(fg.mix(0.0))
        .draw()
        .ok()?;
    for b in &p.bands {
        let (a, z) = (xm.plotted(b.from).max(xm.lo), xm.plotted(b.to).min(xm.hi));
        if z > a {
            chart
                .draw_series(std::iter::once(Rectangle::new([(a, ym.lo), (z, ym.hi)], fg.mix(b.shade).filled())))
                .ok()?;
            let pos = chart.backend_coord(&(a, ym.hi));
            let end = chart.backend_coord(&(z, ym.hi));
            // Only where the label fits inside its band (about 7 px a letter).
            if (end.0 - pos.0) as f64 > (b.label.chars().count() as f64 * 7.0 + 8.0) * k {
                root.draw_text(&b.label, &small.color(&fg.mix(0.75)), (pos.0 + px(4.0), pos.1 + px(3.0))).ok()?;
            }
        }
    }
    for r in &p.rules {
        let y = ym.plotted(r.y);
        if y >= ym.lo && y <= ym.hi {
            let style = ShapeStyle::from(&r.color.mix(0.8)).stroke_width(px(1.0).max(1) as u32);
            chart.draw_series(DashedLineSeries::new([(xm.lo, y), (xm.hi, y)], px(3.0), px(4.0), style)).ok()?;
        }
    }
    // Thicker (emphasised) series last, so overlapping curves keep them on top.
    let mut order: Vec<&Series> = p.series.iter().collect();
    order.sort_by_key(|s| s.width);
    for s in order {
        let pts: Vec<(f64, f64)> = s
            .points
            .iter()
            .filter(|q| q.0.is_finite() && q.1.is_finite())
            .map(|&(x, y)| (xm.plotted(x), ym.plotted(y).clamp(ym.lo, ym.hi)))
            .collect();
        let width = px(s.width.max(1) as f64).max(1);
        let color = legible(s.color, p.dark);
        let style = ShapeStyle::from(&color).stroke_width(width as u32);
        if s.dashed {
            chart.draw_series(DashedLineSeries::new(pts.clone(), px(6.0), px(4.0), style)).ok()?;
        } else {
            chart.draw_series(LineSeries::new(pts.clone(), style)).ok()?;
        }
        if s.markers {
            chart.draw_series(pts.iter().map(|&q| Circle::new(q, width + px(1.5), color.filled()))).ok()?;
        }
    }
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    root.present().ok()?;
    Some(Frame {
        left: xr.start as f64,
        right: xr.end as f64,
        top: yr.start as f64,
        bottom: yr.end as f64,
        width: width as f64,
        height: height as f64,
        x: xm,
        y: ym,
    })
}

//! Small charts for the compare strip: lines over time and bars over units,
//! drawn as inline SVG that stretches to its panel, with the numbers (the
//! value range, the first and last step) written as HTML text beside it, so
//! they stay readable at any panel size. The detailed charts below the strip
//! are the full plotters charts; these only have to be read at a glance.
//! The augmentation lab draws its head's scores with the same bars.

use yew::prelude::*;

/// The SVG's own coordinate box (stretched to the panel).
const W: f64 = 240.0;
const H: f64 = 100.0;
/// Points drawn per line at most (longer lines keep each bucket's extremes).
const MAX_POINTS: usize = 480;

/// One line of a [`Spark`].
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub points: Vec<(f64, f64)>,
    /// A CSS colour.
    pub color: &'static str,
    pub dashed: bool,
}

/// A shaded range of x (the padding, the delay).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shade {
    pub from: f64,
    pub to: f64,
    /// Darker for the delay than for the padding.
    pub strong: bool,
}

/// A number for a chart's edge: `0`, `0.42`, `-1`, `1.2e-3`.
pub fn edge_number(v: f64) -> String {
    let a = v.abs();
    if a == 0.0 {
        "0".into()
    } else if !(1e-2..1e4).contains(&a) {
        format!("{v:.1e}")
    } else if a >= 10.0 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// `points` with at most [`MAX_POINTS`]: each bucket keeps its lowest and
/// highest point in order, so a spike is never thinned away.
fn decimate(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    if points.len() <= MAX_POINTS {
        return points.to_vec();
    }
    let bucket = points.len().div_ceil(MAX_POINTS / 2);
    points
        .chunks(bucket)
        .flat_map(|c| {
            let lo = c.iter().copied().fold(c[0], |a, p| if p.1 < a.1 { p } else { a });
            let hi = c.iter().copied().fold(c[0], |a, p| if p.1 > a.1 { p } else { a });
            if lo.0 <= hi.0 {
                [lo, hi]
            } else {
                [hi, lo]
            }
        })
        .collect()
}

/// Data `(x, y)` in the SVG's box.
fn to_box(x: (f64, f64), y: (f64, f64)) -> impl Fn(f64, f64) -> (f64, f64) {
    let sx = W / (x.1 - x.0).max(1e-12);
    let sy = H / (y.1 - y.0).max(1e-12);
    move |u, v| ((u - x.0) * sx, H - (v.clamp(y.0, y.1) - y.0) * sy)
}

#[derive(Properties, PartialEq)]
pub struct SparkProps {
    pub lines: Vec<Line>,
    /// The x and y ranges shown.
    pub x: (f64, f64),
    pub y: (f64, f64),
    #[prop_or_default]
    pub shades: Vec<Shade>,
    /// A vertical line at this x.
    #[prop_or_default]
    pub cursor: Option<f64>,
    /// What the x axis counts, written under the chart (`step of g·x`).
    pub x_label: AttrValue,
    /// The first and last x written under the chart.
    pub x_ends: (AttrValue, AttrValue),
    /// The accessible name of the picture.
    pub label: AttrValue,
}

/// Lines over time.
#[component]
pub fn Spark(p: &SparkProps) -> Html {
    let at = to_box(p.x, p.y);
    let zero = (p.y.0 < 0.0 && p.y.1 > 0.0).then(|| at(p.x.0, 0.0).1);
    html! {
        <div class="spark" role="img" aria-label={p.label.clone()}>
            <div class="spark-y" aria-hidden="true"><span>{ edge_number(p.y.1) }</span><span>{ edge_number(p.y.0) }</span></div>
            <svg class="spark-plot" viewBox={format!("0 0 {W} {H}")} preserveAspectRatio="none" aria-hidden="true">
                { for p.shades.iter().map(|s| {
                    let (a, b) = (at(s.from, 0.0).0.max(0.0), at(s.to, 0.0).0.min(W));
                    html! { <rect class={classes!("spark-shade", s.strong.then_some("strong"))} x={format!("{a:.2}")} y="0"
                        width={format!("{:.2}", (b - a).max(0.0))} height={H.to_string()} /> }
                }) }
                if let Some(z) = zero {
                    <line class="spark-zero" x1="0" x2={W.to_string()} y1={format!("{z:.2}")} y2={format!("{z:.2}")} />
                }
                { for p.lines.iter().map(|l| {
                    let pts: String = decimate(&l.points).iter().filter(|q| q.0.is_finite() && q.1.is_finite())
                        .map(|&(u, v)| { let (a, b) = at(u, v); format!("{a:.2},{b:.2} ") }).collect();
                    html! { <polyline points={pts} fill="none" stroke={l.color} stroke-width="2.5"
                        stroke-dasharray={l.dashed.then_some("6 4")} vector-effect="non-scaling-stroke" stroke-linejoin="round" /> }
                }) }
                if let Some(c) = p.cursor.filter(|c| *c >= p.x.0 && *c <= p.x.1) {
                    <line class="spark-cursor" x1={format!("{:.2}", at(c, 0.0).0)} x2={format!("{:.2}", at(c, 0.0).0)} y1="0" y2={H.to_string()} />
                }
            </svg>
            <div class="spark-x" aria-hidden="true">
                <span>{ p.x_ends.0.clone() }</span><span class="spark-x-label">{ p.x_label.clone() }</span><span>{ p.x_ends.1.clone() }</span>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SparkBarsProps {
    pub values: Vec<f64>,
    /// The y range shown (0 is the bars' base when it lies inside).
    pub y: (f64, f64),
    /// A CSS colour.
    pub color: &'static str,
    /// The names of the first and last bar, and what the bars are.
    pub x_ends: (AttrValue, AttrValue),
    pub x_label: AttrValue,
    pub label: AttrValue,
    /// One name per bar, written under each when there are few (class names).
    #[prop_or_default]
    pub names: Vec<AttrValue>,
}

/// Bars over units (a final state, a head's scores).
#[component]
pub fn SparkBars(p: &SparkBarsProps) -> Html {
    let n = p.values.len().max(1);
    let at = to_box((0.0, n as f64), p.y);
    let base = at(0.0, 0.0_f64.clamp(p.y.0, p.y.1)).1;
    let slot = W / n as f64;
    let gap = if n > 40 { 0.0 } else { slot * 0.18 };
    let named = !p.names.is_empty() && p.names.len() == p.values.len();
    html! {
        <div class="spark bars" role="img" aria-label={p.label.clone()}>
            <div class="spark-y" aria-hidden="true"><span>{ edge_number(p.y.1) }</span><span>{ edge_number(p.y.0) }</span></div>
            <svg class="spark-plot" viewBox={format!("0 0 {W} {H}")} preserveAspectRatio="none" aria-hidden="true">
                <line class="spark-zero" x1="0" x2={W.to_string()} y1={format!("{base:.2}")} y2={format!("{base:.2}")} />
                { for p.values.iter().enumerate().map(|(i, &v)| {
                    let top = at(0.0, if v.is_finite() { v } else { 0.0 }).1;
                    let (y, h) = (top.min(base), (top - base).abs());
                    html! { <rect x={format!("{:.2}", i as f64 * slot + gap / 2.0)} y={format!("{y:.2}")}
                        width={format!("{:.2}", (slot - gap).max(0.3))} height={format!("{:.2}", h.max(0.6))} fill={p.color} /> }
                }) }
            </svg>
            if named {
                <div class="spark-x names" aria-hidden="true" style={format!("grid-template-columns: repeat({n}, minmax(0, 1fr))")}>
                    { for p.names.iter().map(|s| html! { <span>{ s.clone() }</span> }) }
                </div>
            } else {
                <div class="spark-x" aria-hidden="true">
                    <span>{ p.x_ends.0.clone() }</span><span class="spark-x-label">{ p.x_label.clone() }</span><span>{ p.x_ends.1.clone() }</span>
                </div>
            }
        </div>
    }
}

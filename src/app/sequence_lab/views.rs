//! What the time views draw, computed once per recompute: the hidden states
//! as heatmaps (units × time) on their own clocks, and as lines on the
//! common clock of g·x, with shared colour scales; the inputs on the same
//! clock; the learner's signal in beats.

use super::state::Runs;
use crate::app::widgets::heatmap::Plane;
use crate::app::widgets::line_chart::ChartData;
use crate::engine::analysis::time_axis;
use crate::engine::models::sequence::SequenceArch;
use crate::engine::space::{Signal, Tensor};
use crate::engine::transform::Transform;
use crate::io::sequence_presets::Sampling;
use crate::viz::colormap::{range, ColorMap, Scale};
use crate::viz::line_chart::{Axis, Band, ChartParams, Series};
use ndarray::{Array2, Ix2};
use plotters::style::RGBColor;
use std::rc::Rc;

/// Okabe–Ito colours for the units drawn as lines.
pub const UNIT_COLORS: [RGBColor; 4] =
    [RGBColor(230, 159, 0), RGBColor(0, 114, 178), RGBColor(0, 158, 115), RGBColor(204, 121, 167)];
/// The input's colour (ink) and the transformed input's (vermillion).
pub const COLOR_X: RGBColor = RGBColor(60, 66, 90);
pub const COLOR_GX: RGBColor = RGBColor(213, 94, 0);
/// Units drawn as lines at most.
const MAX_LINES: usize = 4;

/// Everything the time views of the active model show.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeViews {
    /// States for x on x's clock, `(H, T)`.
    pub fx: Plane,
    /// States for g·x, ρ(g) of the states for x, and their difference, on
    /// g·x's clock, `(H, T')`.
    pub fgx: Plane,
    pub moved: Option<Plane>,
    pub diff: Option<Plane>,
    pub scale: Scale,
    pub diff_scale: Scale,
    /// Steps of x and of g·x.
    pub t_x: usize,
    pub t_gx: usize,
    /// The units drawn as lines (the most active ones).
    pub units: Vec<usize>,
    /// States on the common clock: f(g·x) solid, ρ(g) f(x) dashed.
    pub lines: ChartData,
    /// x and g·x on the common clock.
    pub inputs: ChartData,
}

/// `(T, H)` → `(H, T)`, or `None` for anything else.
fn units_by_time(t: &Tensor) -> Option<Array2<f32>> {
    let v = t.view().into_dimensionality::<Ix2>().ok()?;
    Some(v.t().as_standard_layout().into_owned())
}

fn plane(a: Array2<f32>) -> Plane {
    Plane(Rc::new(a))
}

/// The `units` with the largest spread over time (at most [`MAX_LINES`]).
fn active_units(states: &Array2<f32>) -> Vec<usize> {
    let mut spread: Vec<(usize, f32)> = states
        .rows()
        .into_iter()
        .enumerate()
        .map(|(j, r)| {
            let (lo, hi) = range(r.iter());
            (j, hi - lo)
        })
        .collect();
    spread.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut units: Vec<usize> = spread.into_iter().take(MAX_LINES).map(|(j, _)| j).collect();
    units.sort_unstable();
    units
}

/// The padding and delay as shaded ranges of g·x's clock.
pub fn bands(g: &Transform, pad: usize) -> Vec<Band> {
    let start = time_axis::forward(g, 0.0);
    let padded = time_axis::forward(g, pad as f64);
    let mut b = Vec::new();
    if start > 0.0 {
        b.push(Band { from: 0.5, to: start + 0.5, label: "delay".into(), shade: 0.18 });
    }
    if padded > start {
        b.push(Band { from: start + 0.5, to: padded + 0.5, label: "padding".into(), shade: 0.07 });
    }
    b
}

/// Row `t` of a sequence, plotted at its instant `t + 1`.
fn rows_at(values: impl Iterator<Item = f32>, at: impl Fn(f64) -> f64) -> Vec<(f64, f64)> {
    values.enumerate().map(|(t, v)| (at(t as f64 + 1.0), v as f64)).collect()
}

/// The views of `arch`'s run.
pub fn time_views(runs: &Runs, arch: SequenceArch, g: &Transform, pad: usize) -> Option<TimeViews> {
    let run = runs.get(arch)?;
    let r = &run.report;
    let (sx, sgx) = (r.trace_x.first()?, r.trace_gx.first()?);
    let fx = units_by_time(&sx.data)?;
    let fgx = units_by_time(&sgx.data)?;
    let moved = r.checks.first().and_then(|c| c.moved.kept()).and_then(|m| units_by_time(&m.data));
    let mut values: Vec<&f32> = fx.iter().chain(fgx.iter()).collect();
    if let Some(m) = &moved {
        values.extend(m.iter());
    }
    let (lo, hi) = range(values);
    let magnitude = lo.abs().max(hi.abs()).max(1e-12);
    let diff = moved.as_ref().filter(|m| m.dim() == fgx.dim()).map(|m| (&fgx - m).mapv(f32::abs));
    let units = active_units(&fx);
    let mut series = Vec::new();
    for (n, &j) in units.iter().enumerate() {
        let color = UNIT_COLORS[n % UNIT_COLORS.len()];
        series.push(Series {
            name: format!("h{} for g·x", j + 1),
            points: rows_at(fgx.row(j).iter().copied(), |u| u),
            color,
            dashed: false,
            width: 2,
            markers: false,
        });
        if let Some(m) = &moved {
            series.push(Series {
                name: format!("h{} for x, moved by g", j + 1),
                points: rows_at(m.row(j).iter().copied(), |u| u),
                color,
                dashed: true,
                width: 2,
                markers: false,
            });
        }
    }
    let t_gx = fgx.ncols();
    let clock = |label: &str| Axis::linear(label).with_range(0.0, t_gx.max(1) as f64 + 0.5);
    let lines = ChartParams {
        series,
        x: clock("step of g·x"),
        y: Axis::linear("hidden state"),
        bands: bands(g, pad),
        rules: vec![],
        dark: false,
        px: 1.0,
    };
    let inputs = ChartParams {
        series: vec![
            Series {
                name: "g·x".into(),
                points: rows_at(r.gx.data.iter().copied(), |u| u),
                color: COLOR_GX,
                dashed: false,
                width: 3,
                markers: false,
            },
            Series {
                name: "x, on g·x's clock".into(),
                points: rows_at(runs.x.data.iter().copied(), |u| time_axis::forward(g, u)),
                color: COLOR_X,
                dashed: true,
                width: 2,
                markers: false,
            },
        ],
        x: clock("step of g·x"),
        y: Axis::linear("input"),
        bands: bands(g, pad),
        rules: vec![],
        dark: false,
        px: 1.0,
    };
    Some(TimeViews {
        t_x: fx.ncols(),
        t_gx,
        fx: plane(fx),
        fgx: plane(fgx),
        moved: moved.map(plane),
        diff: diff.map(plane),
        scale: Scale::for_range(lo, hi),
        diff_scale: Scale { map: ColorMap::Viridis, lo: 0.0, hi: magnitude },
        units,
        lines: lines.into(),
        inputs: inputs.into(),
    })
}

/// The learner's signal in beats, held over each sample (a staircase).
pub fn signal_chart(x: &Signal, sampling: Sampling, label: &str) -> ChartData {
    let rate = sampling.rate.max(1e-6) as f64;
    let n = x.data.len();
    let points: Vec<(f64, f64)> = x
        .data
        .iter()
        .enumerate()
        .flat_map(|(t, &v)| [(t as f64 / rate, v as f64), ((t + 1) as f64 / rate, v as f64)])
        .collect();
    ChartParams {
        series: vec![Series { name: label.into(), points, color: COLOR_X, dashed: false, width: 3, markers: false }],
        x: Axis::linear("time (beats)").with_range(0.0, n.max(1) as f64 / rate),
        y: Axis::linear("value").with_range(-1.15, 1.15).with_ticks(vec![-1.0, -0.5, 0.0, 0.5, 1.0]),
        bands: vec![],
        rules: vec![],
        dark: false,
        px: 1.0,
    }
    .into()
}

//! Error versus rotation angle (claim I11): for every angle from 0° to 360°,
//! the check under `rot(θ)` (bilinear, with the circular mask when it is on)
//! at every layer of the current model, and at the head of `cnn-gap`,
//! `p4cnn` and `p4mcnn` side by side. Exact at multiples of 90° for the group
//! CNNs, approximate in between. Computed in the background after the input
//! settles, never during a stroke.

use super::background::{use_background, SweepJob};
use crate::app::widgets::line_chart::{ChartData, LineChart};
use crate::engine::check::EXACT;
use crate::engine::models::image::{build, ImageArch, ImageModelConfig};
use crate::engine::space::Signal;
use crate::engine::sweep::{full_turn, masked_input};
use crate::engine::transform::{Step, Transform};
use crate::viz::line_chart::{verdict_rules, Axis, ChartParams, Series, PALETTE};
use plotters::style::RGBColor;
use std::rc::Rc;
use yew::prelude::*;

/// Angles per turn: every 5°, so 90°, 180° and 270° are among them.
const ANGLES: usize = 72;
/// Errors below this are drawn on the floor of the log axis.
const FLOOR: f64 = 1e-8;
/// The models compared at the head.
const COMPARED: [ImageArch; 3] = [ImageArch::CnnGap, ImageArch::P4Cnn, ImageArch::P4mCnn];

#[derive(Properties, PartialEq)]
pub struct AnglePanelProps {
    pub cfg: ImageModelConfig,
    /// The drawing (before the mask).
    pub x: Rc<Signal>,
    pub mask: bool,
    /// Bumped when the input settles; the chart restarts then.
    pub analysis_rev: u64,
    /// The angle of the current g, when g is a rotation.
    pub current: Option<f32>,
}

fn arch_color(a: ImageArch) -> RGBColor {
    match a {
        ImageArch::CnnGap => RGBColor(213, 94, 0),
        ImageArch::CnnFlatten => RGBColor(120, 94, 240),
        ImageArch::P4Cnn => RGBColor(0, 114, 178),
        ImageArch::P4mCnn => RGBColor(0, 158, 115),
    }
}

fn angle_elements() -> Vec<Transform> {
    full_turn(ANGLES).into_iter().map(|degrees| Transform::single(Step::Rotate { degrees })).collect()
}

/// `(angle, error)` for one layer of a job, closed at 360° with the value at 0°.
fn points(job: &SweepJob, layer: usize) -> Vec<(f64, f64)> {
    let mut pts: Vec<(f64, f64)> = job
        .columns
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.get(layer).map(|cell| (360.0 * i as f64 / ANGLES as f64, cell.error())))
        .collect();
    if pts.len() == ANGLES {
        let first = pts[0].1;
        pts.push((360.0, first));
    }
    pts
}

#[component]
pub fn AnglePanel(p: &AnglePanelProps) -> Html {
    let log = use_state(|| true);
    let deps = (p.cfg, p.mask, p.analysis_rev);
    let x = p.x.clone();
    let bg = use_background(deps, 150, move |(cfg, mask, _)| {
        let input = if *mask { masked_input(&x) } else { (*x).clone() };
        let mut jobs = vec![SweepJob::new(cfg.arch.name(), build(cfg), input.clone(), angle_elements())];
        for arch in COMPARED.into_iter().filter(|a| *a != cfg.arch) {
            let c = ImageModelConfig { arch, channels: arch.default_channels(), ..*cfg };
            jobs.push(SweepJob::new(arch.name(), build(&c), input.clone(), angle_elements()));
        }
        jobs
    });
    let jobs = bg.jobs.borrow();
    // Every hook before the early return below (yew counts them per render).
    let chart_cache = use_mut_ref(|| None::<(ChartKey, (ChartData, ChartData))>);
    let Some(main) = jobs.first() else { return html! {} };
    let kinds = main.kinds();
    let line = |name: String, points: Vec<(f64, f64)>, color: RGBColor, dashed: bool| Series {
        name,
        points,
        color,
        dashed,
        width: 2,
        markers: false,
    };
    let layer_series: Vec<Series> = kinds
        .iter()
        .enumerate()
        .map(|(k, kind)| {
            line(format!("{} {kind}", k + 1), points(main, k), PALETTE[k % PALETTE.len()], k + 1 == kinds.len())
        })
        .collect();
    let mut head_series: Vec<Series> = jobs
        .iter()
        .filter_map(|j| {
            let arch = ImageArch::parse(&j.name)?;
            let last = j.kinds().len().checked_sub(1)?;
            Some(line(j.name.clone(), points(j, last), arch_color(arch), false))
        })
        .collect();
    head_series.sort_by_key(|s| ImageArch::ALL.iter().position(|a| a.name() == s.name));
    let (done, total) = bg.progress;
    let finished = bg.done();
    // Rebuilt only when the sweep advanced or the scale changed, so a stroke
    // on the drawing does not redraw the charts.
    let key: ChartKey = (bg.progress, deps, *log, kinds.len());
    let charts = {
        let mut cache = chart_cache.borrow_mut();
        match cache.as_ref() {
            Some((k, charts)) if *k == key => charts.clone(),
            _ => {
                let charts = angle_charts(layer_series.clone(), head_series.clone(), *log);
                *cache = Some((key, charts.clone()));
                charts
            }
        }
    };
    let cursor = p.current.map(|a| a.rem_euclid(360.0) as f64);
    let errors: Vec<String> = jobs.iter().filter_map(|j| j.error.clone().map(|e| format!("{}: {e}", j.name))).collect();
    let at = |s: &Series, degrees: usize| s.points.get(degrees * ANGLES / 360).map(|q| q.1);
    let summary: Vec<String> =
        head_series.iter().filter_map(|s| at(s, 45).map(|e| format!("{} {}", s.name, short(e)))).collect();
    let (exact, inexact): (Vec<&Series>, Vec<&Series>) =
        head_series.iter().partition(|s| [90, 180, 270].iter().all(|&d| at(s, d).is_some_and(|e| e < EXACT)));
    let names = |v: &[&Series]| v.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", ");
    let (exact, inexact) = (names(&exact), names(&inexact));
    let points_per_line = layer_series.first().map(|s| s.points.len()).unwrap_or(0);
    let toggle = {
        let log = log.clone();
        Callback::from(move |_: Event| log.set(!*log))
    };
    html! {
        <section class="panel angle-panel" data-testid="angle-chart" data-state={if finished { "done" } else { "running" }}
            aria-labelledby="angle-title">
            <h2 class="panel-title" id="angle-title">{ "Error versus rotation angle" }</h2>
            <p class="muted">{ format!(
                "rot(θ) for θ from 0° to 360° in steps of 5°, bilinear interpolation{}. Each line is one layer of {}: the smaller of its equivariance and invariance errors.",
                if p.mask { ", input faded to its disc" } else { "" }, p.cfg.arch.name()) }</p>
            <div class="tools">
                <label><input type="checkbox" checked={*log} onchange={toggle} />{ " logarithmic scale" }</label>
                if !finished {
                    <progress max={total.to_string()} value={done.to_string()} aria-label="computing the angle sweep" />
                    <span class="muted">{ format!("computing {done}/{total}…") }</span>
                }
            </div>
            if !errors.is_empty() { <p class="no-action-box">{ errors.join(" ") }</p> }
            <div data-testid="angle-layers" data-series={layer_series.len().to_string()} data-points={points_per_line.to_string()}>
                <LineChart data={charts.0.clone()} caption={format!("error versus rotation angle, every layer of {}", p.cfg.arch.name())}
                    {cursor} busy={!finished} width={640} height={300} />
            </div>
            <h3 class="subtitle">{ "At the head: plain CNN versus group CNNs" }</h3>
            <div data-testid="angle-heads">
                <LineChart data={charts.1.clone()} caption="head error versus rotation angle for cnn-gap, p4cnn and p4mcnn"
                    {cursor} busy={!finished} width={640} height={240} />
            </div>
            if finished && !summary.is_empty() {
                <p class="angle-summary" data-testid="angle-summary">
                    { format!("Head error at 45°: {}. ", summary.join(", ")) }
                    if !exact.is_empty() { { format!("Exact at 90°, 180° and 270°: {exact}. ") } }
                    if !inexact.is_empty() { { format!("Not exact there: {inexact}.") } }
                </p>
            }
        </section>
    }
}

/// What the two charts are drawn from: the sweep's progress, the settings,
/// the scale and the number of layers.
type ChartKey = ((usize, usize), (ImageModelConfig, bool, u64), bool, usize);

/// The two charts: every layer of the current model, and the heads compared.
fn angle_charts(layers: Vec<Series>, heads: Vec<Series>, log: bool) -> (ChartData, ChartData) {
    let ticks = vec![0.0, 45.0, 90.0, 135.0, 180.0, 225.0, 270.0, 315.0, 360.0];
    let x = Axis::linear("rotation angle θ (degrees)").with_range(0.0, 360.0).with_ticks(ticks);
    let y = |label: &str| if log { Axis::log(label, FLOOR) } else { Axis::linear(label) };
    let chart = |series: Vec<Series>, label: &str| -> ChartData {
        ChartParams { series, x: x.clone(), y: y(label), rules: verdict_rules(), ..ChartParams::default() }.into()
    };
    (chart(layers, "error"), chart(heads, "head error"))
}

fn short(e: f64) -> String {
    if e < 1e-3 {
        format!("{e:.1e}")
    } else {
        format!("{e:.3}")
    }
}

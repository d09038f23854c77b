//! The sequence lab's pictures in the compare strip: x and g·x as small
//! signal charts on their own clocks, then the chosen layer of the model
//! shown in detail. For the state trajectory, the most active unit over
//! time in f(x) (x's clock), f(g·x), ρ(g)f(x) and their difference (g·x's
//! clock), on one value range, so an exact match is a flat line at zero;
//! for the final state, every unit as a bar. Under the panels, a row of
//! buttons gives the final state's verdict for each of the three models and
//! switches the detailed model.

use super::spark::{Line, Shade, Spark, SparkBars};
use super::state::Runs;
use crate::app::widgets::compare_strip::Panel;
use crate::engine::analysis::time_axis;
use crate::engine::check::Verdict;
use crate::engine::models::sequence::{time_scale, SequenceArch, SequenceModelConfig};
use crate::engine::space::Signal;
use crate::engine::transform::{fmt_num, Transform};
use crate::viz::colormap::range;
use ndarray::Ix2;
use yew::prelude::*;

// Okabe–Ito colours: x and its states in blue, g·x and its states in
// vermillion, the difference in reddish purple.
use crate::viz::palette::{DIFF_CSS as PURPLE, GX_CSS as VERMILLION, X_CSS as BLUE};
/// The input in the text colour (`currentColor`), so it reads in both themes.
const INK: &str = "currentColor";

/// What the chosen layer's panels draw.
#[derive(Clone, Debug, PartialEq)]
pub enum LayerData {
    /// A state trajectory `(T, H)`: one unit over time.
    Trajectory {
        unit: usize,
        units: usize,
        fx: Vec<(f64, f64)>,
        fgx: Vec<(f64, f64)>,
        moved: Option<Vec<(f64, f64)>>,
        diff: Option<Vec<(f64, f64)>>,
        /// The value range of f(x), f(g·x) and ρ(g)f(x), and the largest magnitude.
        y: (f64, f64),
        magnitude: f64,
    },
    /// A vector (the final state): every unit as a bar.
    Vector {
        fx: Vec<f64>,
        fgx: Vec<f64>,
        moved: Option<Vec<f64>>,
        diff: Option<Vec<f64>>,
        y: (f64, f64),
        magnitude: f64,
    },
    /// Something the strip cannot draw (never for the lab's models).
    Other,
}

/// Everything the strip draws, computed once per recompute and layer.
#[derive(Clone, Debug, PartialEq)]
pub struct StripData {
    /// The network's input x (padded) and g·x, held over each step.
    pub x: Vec<(f64, f64)>,
    pub gx: Vec<(f64, f64)>,
    pub t_x: usize,
    pub t_gx: usize,
    pub x_shades: Vec<Shade>,
    pub gx_shades: Vec<Shade>,
    /// The value range of both inputs.
    pub x_range: (f64, f64),
    pub layer: LayerData,
}

/// A sequence `(T, 1)` held over each step: `(t, v)` and `(t + 1, v)`.
fn held(x: &Signal) -> Vec<(f64, f64)> {
    x.data.iter().enumerate().flat_map(|(t, &v)| [(t as f64, v as f64), (t as f64 + 1.0, v as f64)]).collect()
}

/// `lo..hi` with a little room, and always containing 0.
fn padded_range(lo: f32, hi: f32) -> (f64, f64) {
    let (lo, hi) = ((lo as f64).min(0.0), (hi as f64).max(0.0));
    let room = ((hi - lo) * 0.08).max(1e-3);
    (lo - room, hi + room)
}

/// The unit of `(T, H)` states with the largest spread over time.
fn most_active(states: &ndarray::ArrayView2<f32>) -> usize {
    (0..states.ncols())
        .map(|j| {
            let (lo, hi) = range(states.column(j).iter());
            (j, hi - lo)
        })
        .fold((0, -1.0), |best, (j, s)| if s > best.1 { (j, s) } else { best })
        .0
}

fn layer_data(runs: &Runs, arch: SequenceArch, k: usize) -> LayerData {
    let Some(run) = runs.get(arch) else { return LayerData::Other };
    let r = &run.report;
    let (Some(fx), Some(fgx), Some(check)) = (r.trace_x.get(k), r.trace_gx.get(k), r.checks.get(k)) else {
        return LayerData::Other;
    };
    let moved = check.moved.kept();
    match (fx.data.ndim(), fgx.data.ndim()) {
        (2, 2) => {
            let (Ok(sx), Ok(sgx)) =
                (fx.data.view().into_dimensionality::<Ix2>(), fgx.data.view().into_dimensionality::<Ix2>())
            else {
                return LayerData::Other;
            };
            let unit = most_active(&sx);
            let column = |s: &ndarray::ArrayView2<f32>| -> Vec<(f64, f64)> {
                s.column(unit.min(s.ncols().saturating_sub(1)))
                    .iter()
                    .enumerate()
                    .map(|(t, &v)| (t as f64 + 1.0, v as f64))
                    .collect()
            };
            let sm = moved.and_then(|m| m.data.view().into_dimensionality::<Ix2>().ok());
            let (f, fg) = (column(&sx), column(&sgx));
            let mv = sm.as_ref().map(column);
            let diff = mv
                .as_ref()
                .filter(|m| m.len() == fg.len())
                .map(|m| m.iter().zip(&fg).map(|(a, b)| (a.0, (b.1 - a.1).abs())).collect());
            let values = f.iter().chain(&fg).chain(mv.iter().flatten()).map(|p| p.1 as f32);
            let (lo, hi) = range(values.collect::<Vec<_>>().iter());
            LayerData::Trajectory {
                unit,
                units: sx.ncols(),
                fx: f,
                fgx: fg,
                moved: mv,
                diff,
                y: padded_range(lo, hi),
                magnitude: (lo.abs().max(hi.abs()) as f64).max(1e-6),
            }
        }
        (1, 1) => {
            let v = |s: &Signal| s.data.iter().map(|&a| a as f64).collect::<Vec<_>>();
            let (f, fg) = (v(fx), v(fgx));
            let mv = moved.filter(|m| m.data.ndim() == 1).map(v);
            let diff = mv
                .as_ref()
                .filter(|m| m.len() == fg.len())
                .map(|m| m.iter().zip(&fg).map(|(a, b)| (b - a).abs()).collect());
            let values: Vec<f32> = f.iter().chain(&fg).chain(mv.iter().flatten()).map(|&a| a as f32).collect();
            let (lo, hi) = range(values.iter());
            LayerData::Vector {
                fx: f,
                fgx: fg,
                moved: mv,
                diff,
                y: padded_range(lo, hi),
                magnitude: (lo.abs().max(hi.abs()) as f64).max(1e-6),
            }
        }
        _ => LayerData::Other,
    }
}

/// The strip's data for layer `k` of `arch`.
pub fn strip_data(runs: &Runs, arch: SequenceArch, g: &Transform, pad: usize, k: usize) -> Option<StripData> {
    let r = &runs.get(arch)?.report;
    let (x, gx) = (held(&runs.x), held(&r.gx));
    let values: Vec<f32> = x.iter().chain(&gx).map(|p| p.1 as f32).collect();
    let (lo, hi) = range(values.iter());
    let start = time_axis::forward(g, 0.0);
    let padded = time_axis::forward(g, pad as f64);
    let mut gx_shades = Vec::new();
    if start > 0.0 {
        gx_shades.push(Shade { from: 0.0, to: start, strong: true });
    }
    if padded > start {
        gx_shades.push(Shade { from: start, to: padded, strong: false });
    }
    let x_shades = if pad > 0 { vec![Shade { from: 0.0, to: pad as f64, strong: false }] } else { vec![] };
    Some(StripData {
        t_x: runs.x.data.shape()[0],
        t_gx: r.gx.data.shape()[0],
        x,
        gx,
        x_shades,
        gx_shades,
        x_range: padded_range(lo, hi),
        layer: layer_data(runs, arch, k),
    })
}

/// Where the step-through cursor is: on x's clock (absent inside a delay)
/// and on g·x's clock, as instants.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cursors {
    pub x: Option<f64>,
    pub gx: f64,
}

fn ends(t: usize) -> (AttrValue, AttrValue) {
    (AttrValue::from("0"), AttrValue::from(t.to_string()))
}

/// x and g·x as small signal charts.
pub fn inputs(d: &StripData, c: Cursors) -> (Html, Html) {
    let x = html! {
        <Spark lines={vec![Line { points: d.x.clone(), color: INK, dashed: false }]} x={(0.0, d.t_x as f64)} y={d.x_range}
            shades={d.x_shades.clone()} cursor={c.x} x_label="steps" x_ends={ends(d.t_x)}
            label={format!("the input x the networks read: {} steps{}", d.t_x, if d.x_shades.is_empty() { "" } else { ", the left padding shaded" })} />
    };
    let gx = html! {
        <Spark lines={vec![Line { points: d.gx.clone(), color: VERMILLION, dashed: false }]} x={(0.0, d.t_gx as f64)} y={d.x_range}
            shades={d.gx_shades.clone()} cursor={Some(c.gx)} x_label="steps" x_ends={ends(d.t_gx)}
            label={format!("the transformed input g·x: {} steps, the delay and padding shaded", d.t_gx)} />
    };
    (x, gx)
}

/// The gate-rescaled pipeline, in words, when it runs.
pub fn slowed_words(cfg: &SequenceModelConfig, g: &Transform) -> Option<String> {
    let a = time_scale(g);
    if !(cfg.gate_rescale && cfg.arch.has_gate() && time_axis::has_warp(g)) {
        return None;
    }
    let how = match cfg.arch {
        SequenceArch::Lstm => format!("its forget gate slowed, f → f^(1/{})", fmt_num(a)),
        _ => format!("its gate slowed, α = {} → α/{}", fmt_num(cfg.alpha), fmt_num(a)),
    };
    Some(format!("Gate rescale is on: the g·x pipeline runs f′, the same {} with {how}.", cfg.arch.name()))
}

/// The four panels of the chosen layer, and a note on what they show.
pub fn panels(d: &StripData, c: Cursors, slowed: bool) -> (Vec<Panel>, Option<String>) {
    let fgx_caption = if slowed { "f′(g·x)" } else { "f(g·x)" };
    let none = |text: &str| html! { <p class="no-action-box">{ text.to_string() }</p> };
    match &d.layer {
        LayerData::Trajectory { unit, units, fx, fgx, moved, diff, y, magnitude } => {
            let h = format!("h{}", unit + 1);
            let (tx, tgx) = ((0.0, d.t_x as f64), (0.0, d.t_gx as f64));
            let spark = |pts: &Vec<(f64, f64)>,
                         color: &'static str,
                         dashed: bool,
                         x: (f64, f64),
                         yr: (f64, f64),
                         cursor: Option<f64>,
                         clock: &str,
                         what: &str| {
                let t = x.1 as usize;
                html! {
                    <Spark lines={vec![Line { points: pts.clone(), color, dashed }]} {x} y={yr} {cursor}
                        x_label="steps" x_ends={ends(t)} label={format!("unit {h} of {what} over {t} steps of {clock}'s clock")} />
                }
            };
            let panels = vec![
                Panel::new("fx", format!("f(x) · {h}"), spark(fx, BLUE, false, tx, *y, c.x, "x", "f(x)")),
                Panel::new(
                    "fgx",
                    format!("{fgx_caption} · {h}"),
                    spark(fgx, VERMILLION, false, tgx, *y, Some(c.gx), "g·x", "f(g·x)"),
                ),
                match moved {
                    Some(m) => Panel::new(
                        "moved",
                        format!("ρ(g) f(x) · {h}"),
                        spark(m, BLUE, true, tgx, *y, Some(c.gx), "g·x", "ρ(g) f(x)"),
                    ),
                    None => Panel::new("moved", "ρ(g) f(x)", none("g has no action on this output")),
                },
                match diff {
                    Some(df) => Panel::new(
                        "diff",
                        format!("|{fgx_caption} − ρ(g) f(x)|"),
                        spark(df, PURPLE, false, tgx, (0.0, *magnitude), Some(c.gx), "g·x", "the difference"),
                    ),
                    None => Panel::new("diff", "difference", none("the shapes differ")),
                },
            ];
            let note = format!(
                "Unit {h} of {units}, the most active (the heatmaps below show all). f(x) runs on x's clock ({} steps), the rest on g·x's ({} steps). The difference is on the states' scale: an exact match is flat at 0.",
                d.t_x, d.t_gx
            );
            (panels, Some(note))
        }
        LayerData::Vector { fx, fgx, moved, diff, y, magnitude } => {
            let n = fx.len();
            let bars = |v: &Vec<f64>, color: &'static str, yr: (f64, f64), what: &str| {
                html! {
                    <SparkBars values={v.clone()} y={yr} {color} x_ends={(AttrValue::from("h1"), AttrValue::from(format!("h{n}")))}
                        x_label="unit" label={format!("{what}: the final state's {n} units as bars")} />
                }
            };
            let panels = vec![
                Panel::new("fx", "f(x) = h_T", bars(fx, BLUE, *y, "f(x)")),
                Panel::new("fgx", format!("{fgx_caption} = h_T′"), bars(fgx, VERMILLION, *y, "f(g·x)")),
                match moved {
                    Some(m) => Panel::new("moved", "ρ(g) f(x) = f(x)", bars(m, BLUE, *y, "ρ(g) f(x)")),
                    None => Panel::new("moved", "ρ(g) f(x)", none("g has no action on this output")),
                },
                match diff {
                    Some(df) => Panel::new(
                        "diff",
                        format!("|{fgx_caption} − f(x)|"),
                        bars(df, PURPLE, (0.0, *magnitude), "the difference"),
                    ),
                    None => Panel::new("diff", "difference", none("the shapes differ")),
                },
            ];
            let note = format!(
                "The final state's {n} units as bars. Both runs end at the same instant, so ρ(g) is the identity: the question is only whether h_T moved. The difference is on the states' scale."
            );
            (panels, Some(note))
        }
        LayerData::Other => (vec![], None),
    }
}

#[derive(Properties, PartialEq)]
pub struct ModelSwitchProps {
    /// Each model's final-state verdict.
    pub finals: Vec<(SequenceArch, Verdict)>,
    pub active: SequenceArch,
    pub on_pick: Callback<SequenceArch>,
}

/// The final state's verdict of each model, as buttons that switch the
/// model shown in detail.
#[component]
pub fn ModelSwitch(p: &ModelSwitchProps) -> Html {
    html! {
        <div class="model-switch" role="group" aria-label="Model shown in the strip, with its final state's verdict">
            <span class="muted">{ "Final state of: " }</span>
            { for p.finals.iter().map(|&(arch, v)| {
                let on = arch == p.active;
                let pick = p.on_pick.reform(move |_: MouseEvent| arch);
                html! {
                    <button type="button" class={classes!("toggle", "model-pick", format!("verdict-{}", v.as_str()), on.then_some("on"))}
                        aria-pressed={on.to_string()} onclick={pick} data-model-pick={arch.name()}>
                        <strong>{ arch.name() }</strong>{ format!(" {}", v.as_str()) }
                    </button>
                }
            }) }
        </div>
    }
}

//! The augmentation lab's pictures in the compare strip: the chosen layer of
//! body + head on the test letter. Feature maps show their most active
//! channel (a flattened layer is shown as the maps it flattened, a group
//! feature map as its orientation planes) on one colour scale, the
//! difference on the activations' magnitude so an exact match is dark;
//! vectors (the head's class scores, pooled features) are bars on one range.

use crate::app::sequence_lab::spark::SparkBars;
use crate::app::widgets::compare_strip::Panel;
use crate::app::widgets::feature_grid::FeatureGrid;
use crate::app::widgets::heatmap::Plane;
use crate::engine::pipelines::Pipelines;
use crate::engine::planes::split_planes;
use crate::engine::space::{Signal, Space, Tensor};
use crate::engine::train::CLASS_NAMES;
use crate::viz::colormap::{range, ColorMap, Scale};
use crate::viz::palette::{DIFF_CSS as PURPLE, GX_CSS as VERMILLION, X_CSS as BLUE};
use std::rc::Rc;
use yew::prelude::*;

/// Vectors longer than this are drawn as the maps they came from, or as one
/// row of colour.
const MAX_BARS: usize = 64;

/// What the four panels of one layer draw.
#[derive(Clone, Debug, PartialEq)]
pub enum LayerPics {
    Planes {
        fx: Vec<Plane>,
        fgx: Vec<Plane>,
        moved: Option<Vec<Plane>>,
        diff: Option<Vec<Plane>>,
        scale: Scale,
        diff_scale: Scale,
        columns: usize,
        note: Option<String>,
    },
    Bars {
        fx: Vec<f64>,
        fgx: Vec<f64>,
        moved: Option<Vec<f64>>,
        diff: Option<Vec<f64>>,
        y: (f64, f64),
        magnitude: f64,
        /// The class names, for the head's scores.
        names: Vec<AttrValue>,
    },
}

/// The tensor as maps `(.., H, W)` when it is a picture or a flattened one.
fn as_maps(s: &Signal) -> Option<Tensor> {
    match &s.space {
        Space::Flat { shape, .. } if shape.len() >= 3 => s.data.clone().into_shape_with_order(shape.clone()).ok(),
        _ if s.data.ndim() >= 3 => Some(s.data.clone()),
        _ => None,
    }
}

fn planes(t: &Tensor) -> Vec<Plane> {
    split_planes(t).into_iter().map(|p| Plane(Rc::new(p))).collect()
}

/// `(first plane, count)` of the most active channel: for `(C, |G|, H, W)`
/// its `|G|` orientation planes, else the single plane with most energy.
fn channel(t: &Tensor) -> (usize, usize) {
    let per = if t.ndim() == 4 { t.shape()[1] } else { 1 };
    let energy: Vec<f64> = t.outer_iter().map(|c| c.iter().map(|v| (*v as f64).powi(2)).sum()).collect();
    let best = energy.iter().enumerate().fold((0, -1.0), |b, (i, &e)| if e > b.1 { (i, e) } else { b }).0;
    (best * per, per)
}

fn abs_diff(a: &Tensor, b: &Tensor) -> Option<Tensor> {
    (a.shape() == b.shape()).then(|| (a - b).mapv(f32::abs))
}

/// The pictures of layer `k`, or `None` past the last layer.
pub fn layer_pics(p: &Pipelines, k: usize) -> Option<LayerPics> {
    let (check, fx, fgx) = (p.checks.get(k)?, p.trace_x.get(k)?, p.trace_gx.get(k)?);
    let moved = check.moved.kept();
    let (lo, hi) = range(fx.data.iter().chain(fgx.data.iter()).chain(moved.into_iter().flat_map(|m| m.data.iter())));
    let (lo, hi) = if lo > hi { (0.0, 0.0) } else { (lo, hi) };
    let magnitude = lo.abs().max(hi.abs()).max(1e-12);
    let long = fx.data.len() > MAX_BARS;
    if let (Some(mx), Some(mgx)) = (as_maps(fx), as_maps(fgx)) {
        let mm = moved.and_then(as_maps);
        let (first, count) = channel(&mx);
        let pick = |t: &Tensor| planes(t).into_iter().skip(first).take(count).collect::<Vec<_>>();
        let diff = match &mm {
            Some(m) => abs_diff(&mgx, m),
            None => abs_diff(&mgx, &mx),
        };
        let channels = mx.shape()[0];
        let flat = matches!(fx.space, Space::Flat { .. });
        let note = (channels > 1 || flat).then(|| {
            let what = if count > 1 { format!(" (its {count} orientation planes)") } else { String::new() };
            let flat = if flat { " The flattened vector is shown as the maps it came from." } else { "" };
            format!("Channel {} of {channels}{what}, the most active one.{flat}", first / count + 1)
        });
        return Some(LayerPics::Planes {
            fx: pick(&mx),
            fgx: pick(&mgx),
            moved: mm.as_ref().map(pick),
            diff: diff.as_ref().map(pick),
            scale: Scale::for_range(lo, hi),
            diff_scale: Scale { map: ColorMap::Viridis, lo: 0.0, hi: magnitude },
            columns: if count == 4 { 2 } else { count.clamp(1, 4) },
            note,
        });
    }
    if long {
        // A long vector with no maps behind it: one row of colour each.
        let row = |s: &Signal| vec![Plane(Rc::new(split_planes(&s.data).remove(0)))];
        let diff = match moved {
            Some(m) => abs_diff(&fgx.data, &m.data),
            None => abs_diff(&fgx.data, &fx.data),
        };
        return Some(LayerPics::Planes {
            fx: row(fx),
            fgx: row(fgx),
            moved: moved.map(row),
            diff: diff.map(|d| vec![Plane(Rc::new(split_planes(&d).remove(0)))]),
            scale: Scale::for_range(lo, hi),
            diff_scale: Scale { map: ColorMap::Viridis, lo: 0.0, hi: magnitude },
            columns: 1,
            note: None,
        });
    }
    let v = |s: &Signal| s.data.iter().map(|&a| a as f64).collect::<Vec<_>>();
    let (f, fg) = (v(fx), v(fgx));
    let mv = moved.map(v);
    let reference = mv.clone().unwrap_or_else(|| f.clone());
    let diff = (reference.len() == fg.len()).then(|| reference.iter().zip(&fg).map(|(a, b)| (b - a).abs()).collect());
    let head = k + 1 == p.checks.len() && f.len() == CLASS_NAMES.len();
    let (lo, hi) = ((lo as f64).min(0.0), (hi as f64).max(0.0));
    let room = ((hi - lo) * 0.08).max(1e-3);
    Some(LayerPics::Bars {
        fx: f,
        fgx: fg,
        moved: mv,
        diff,
        y: (lo - room, hi + room),
        magnitude: magnitude as f64,
        names: if head { CLASS_NAMES.iter().map(|c| AttrValue::from(*c)).collect() } else { vec![] },
    })
}

/// The four panels of layer `k`, and a note on what they show.
pub fn panels(pics: &LayerPics, k: usize) -> (Vec<Panel>, Option<String>) {
    let none = |text: &str| html! { <p class="no-action-box">{ text.to_string() }</p> };
    match pics {
        LayerPics::Planes { fx, fgx, moved, diff, scale, diff_scale, columns, note } => {
            let grid = |planes: &Vec<Plane>, scale: Scale, what: &str| {
                html! { <FeatureGrid planes={planes.clone()} {scale} title={format!("layer {} {what}", k + 1)} columns={*columns} /> }
            };
            let eq = moved.is_some();
            let panels = vec![
                Panel::new("fx", "f(x)", grid(fx, *scale, "f(x)")),
                Panel::new("fgx", "f(g·x)", grid(fgx, *scale, "f(g·x)")),
                match moved {
                    Some(m) => Panel::new("moved", "ρ(g) f(x)", grid(m, *scale, "ρ(g)f(x)")),
                    None => Panel::new("moved", "ρ(g) f(x)", none("g has no action on this output")),
                },
                match diff {
                    Some(d) => Panel::new(
                        "diff",
                        if eq { "|f(g·x) − ρ(g) f(x)|" } else { "|f(g·x) − f(x)|" },
                        grid(d, *diff_scale, "difference"),
                    ),
                    None => Panel::new("diff", "difference", none("the shapes differ")),
                },
            ];
            (panels, note.clone())
        }
        LayerPics::Bars { fx, fgx, moved, diff, y, magnitude, names } => {
            let n = fx.len();
            let (label, first, last) = if names.is_empty() {
                ("feature", AttrValue::from("1"), AttrValue::from(n.to_string()))
            } else {
                ("class score", AttrValue::from(CLASS_NAMES[0]), AttrValue::from(CLASS_NAMES[CLASS_NAMES.len() - 1]))
            };
            let bars = |v: &Vec<f64>, color: &'static str, yr: (f64, f64), what: &str| {
                html! {
                    <SparkBars values={v.clone()} y={yr} {color} x_ends={(first.clone(), last.clone())} x_label={label}
                        names={names.clone()} label={format!("{what}: {n} values as bars")} />
                }
            };
            let eq = moved.is_some();
            let panels = vec![
                Panel::new("fx", "f(x)", bars(fx, BLUE, *y, "f(x)")),
                Panel::new("fgx", "f(g·x)", bars(fgx, VERMILLION, *y, "f(g·x)")),
                match moved {
                    Some(m) => Panel::new("moved", "ρ(g) f(x)", bars(m, BLUE, *y, "ρ(g) f(x)")),
                    None => Panel::new(
                        "moved",
                        "ρ(g) f(x)",
                        none("g has no action on the class scores: only invariance can be asked"),
                    ),
                },
                match diff {
                    Some(d) => Panel::new(
                        "diff",
                        if eq { "|f(g·x) − ρ(g) f(x)|" } else { "|f(g·x) − f(x)|" },
                        bars(d, PURPLE, (0.0, *magnitude), "the difference"),
                    ),
                    None => Panel::new("diff", "difference", none("the shapes differ")),
                },
            ];
            let note = (!names.is_empty()).then(|| {
                "The head's four class scores (F, L, P, T) for the test letter and for its moved copy; the difference is drawn on the scores' scale.".to_string()
            });
            (panels, note)
        }
    }
}

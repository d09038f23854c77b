//! What each layer row draws, computed once per recompute or zoom: the
//! visible window of f(x), f(g·x), ρ(g)f(x) and their difference as tracks
//! (one band per channel, one value range per layer), or bars for the
//! pooled vectors and the score. Channels are named so the pairs read at a
//! glance: `w1`, `RC(w1)` for an RC layer's filter and its partner.

use crate::app::widgets::bar_chart::Series;
use crate::app::widgets::track_plot::Tracks;
use crate::engine::downsample::Window;
use crate::engine::model::Model;
use crate::engine::pipelines::Pipelines;
use crate::engine::space::{Signal, Space};
use crate::viz::bars::{COLOR_GX, COLOR_X};
use crate::viz::colormap::range;
use crate::viz::tracks::{Track, TrackSet};
use plotters::style::RGBColor;
use std::rc::Rc;

pub(super) const CSS_X: &str = "rgb(0,114,178)";
pub(super) const CSS_GX: &str = "rgb(230,159,0)";
const CSS_MOVED: &str = "rgba(0,114,178,0.42)";
pub(super) const CSS_DIFF: &str = "rgb(213,94,0)";
const COLOR_MOVED: RGBColor = RGBColor(86, 180, 233);

/// The tracks of one strand layer.
#[derive(Clone, Debug, PartialEq)]
pub struct StrandView {
    pub fx: Tracks,
    pub fgx: Tracks,
    /// ρ(g)f(x) with f(g·x) drawn over it as a line, when g acts here.
    pub moved: Option<Tracks>,
    /// |f(g·x) − ρ(g)f(x)| (or |f(g·x) − f(x)| when g has no action here).
    pub diff: Tracks,
    /// The largest value of `diff` in the window.
    pub diff_max: f32,
}

/// A pooled vector or the scores, for x and g·x.
#[derive(Clone, PartialEq)]
pub struct VectorView {
    pub labels: Vec<String>,
    pub fx: Vec<f32>,
    pub fgx: Vec<f32>,
    /// ρ(g)f(x), when g acts on this output.
    pub moved: Option<Vec<f32>>,
}

impl VectorView {
    /// The bars of the layer row: f(x), ρ(g)f(x) where it differs from
    /// f(x), and f(g·x).
    pub fn series(&self) -> Vec<Series> {
        let mut series = vec![
            Series { name: "f(x)".into(), values: self.fx.clone(), color: COLOR_X },
            Series { name: "f(g·x)".into(), values: self.fgx.clone(), color: COLOR_GX },
        ];
        if let Some(m) = self.moved.as_ref().filter(|m| **m != self.fx) {
            series.insert(1, Series { name: "ρ(g) f(x)".into(), values: m.clone(), color: COLOR_MOVED });
        }
        series
    }
}

#[derive(Clone, PartialEq)]
pub enum LayerView {
    Strand(StrandView),
    Vector(VectorView),
}

/// The channel names of every layer's output: `w1, RC(w1), ...` for the
/// first RC layer (`v` for the second), `w1, w2, ...` for plain layers,
/// `max(v1,RC(v1))` after strand pooling, `score` for the head. A
/// pass-through conv (layer `pass_through`) keeps its input's names: each
/// of its channels is a copy.
pub fn channel_names(model: &Model, traces: &[Signal], pass_through: Option<usize>) -> Vec<Vec<String>> {
    let mut prev: Vec<String> = ["A", "C", "G", "T"].map(String::from).to_vec();
    let mut convs = 0;
    let mut out = Vec::new();
    for (k, (layer, t)) in model.layers.iter().zip(traces).enumerate() {
        let n = t.data.shape().first().copied().unwrap_or(0);
        let letter = ["w", "v", "u", "z"].get(convs).copied().unwrap_or("k");
        let names: Vec<String> = match layer.kind() {
            _ if pass_through == Some(k) && prev.len() == n => {
                convs += 1;
                prev.clone()
            }
            "conv1d" => {
                convs += 1;
                (1..=n).map(|j| format!("{letter}{j}")).collect()
            }
            "rc_conv1d" => {
                convs += 1;
                (1..=n / 2).flat_map(|j| [format!("{letter}{j}"), format!("RC({letter}{j})")]).collect()
            }
            "strand_pool" => prev.chunks(2).map(|p| format!("max({})", p.join(","))).collect(),
            "dense" if n == 1 => vec!["score".into()],
            "dense" => (1..=n).map(|j| format!("score {j}")).collect(),
            _ if prev.len() == n => prev.clone(),
            _ => (1..=n).map(|j| format!("ch{j}")).collect(),
        };
        out.push(names.clone());
        prev = names;
    }
    out
}

fn rows(s: &Signal, w: Window) -> Vec<Vec<f32>> {
    let Ok(m) = s.data.view().into_dimensionality::<ndarray::Ix2>() else { return vec![] };
    let end = w.end().min(m.ncols());
    let start = w.start.min(end);
    m.rows().into_iter().map(|r| r.iter().skip(start).take(end - start).copied().collect()).collect()
}

/// The value range of each channel, shared by the partners of a pair (RC
/// swaps them) and by every column of the layer, so equal tracks look equal.
fn ranges(all: &[&Vec<Vec<f32>>], channels: usize, paired: bool) -> Vec<(f32, f32)> {
    let group = |c: usize| if paired { c / 2 } else { c };
    (0..channels)
        .map(|c| {
            range(all.iter().flat_map(|rows| {
                rows.iter().enumerate().filter(move |(d, _)| group(*d) == group(c)).flat_map(|(_, r)| r.iter())
            }))
        })
        .collect()
}

fn set(
    names: &[String],
    values: Vec<Vec<f32>>,
    overlay: Option<Vec<Vec<f32>>>,
    ranges: &[(f32, f32)],
    color: &'static str,
    group: usize,
) -> Tracks {
    let mut overlay = overlay.map(|o| o.into_iter());
    let tracks = names
        .iter()
        .zip(values)
        .zip(ranges)
        .map(|((label, values), &(lo, hi))| Track {
            label: label.clone(),
            values,
            overlay: overlay.as_mut().and_then(|o| o.next()),
            lo,
            hi,
        })
        .collect();
    Tracks(Rc::new(TrackSet { tracks, color, overlay_color: CSS_GX, group }))
}

/// `moved` is ρ(g)f(x) on the window only.
fn strand_view(fx: &Signal, fgx: &Signal, moved: Option<Signal>, names: &[String], w: Window) -> StrandView {
    let (rx, rgx) = (rows(fx, w), rows(fgx, w));
    let rm = moved.map(|m| rows(&m, Window::all(w.len)));
    let paired = matches!(&fx.space, Space::Strand { pairing } if pairing.iter().enumerate().any(|(c, &p)| c != p));
    let group = if paired { 2 } else { 0 };
    let mut all = vec![&rx, &rgx];
    all.extend(rm.as_ref());
    let scale = ranges(&all, rx.len(), paired);
    let reference = rm.as_ref().unwrap_or(&rx);
    let diff: Vec<Vec<f32>> =
        rgx.iter().zip(reference).map(|(a, b)| a.iter().zip(b).map(|(p, q)| (p - q).abs()).collect()).collect();
    // The difference on the magnitude of the channel, so an exact match stays
    // flat and a rounding error invisible.
    let diff_scale: Vec<(f32, f32)> = scale.iter().map(|(lo, hi)| (0.0, lo.abs().max(hi.abs()).max(1e-12))).collect();
    let diff_max = diff.iter().flatten().copied().fold(0.0f32, f32::max);
    StrandView {
        diff_max,
        fx: set(names, rx, None, &scale, CSS_X, group),
        fgx: set(names, rgx.clone(), None, &scale, CSS_GX, group),
        moved: rm.map(|m| set(names, m, Some(rgx), &scale, CSS_MOVED, group)),
        diff: set(names, diff, None, &diff_scale, CSS_DIFF, group),
    }
}

/// A short bar label: `max(v1,RC(v1))` becomes `v1 pair`.
fn short(name: &str) -> String {
    match name.strip_prefix("max(").and_then(|r| r.split(',').next()) {
        Some(first) => format!("{first} pair"),
        None => name.to_string(),
    }
}

fn vector_view(fx: &Signal, fgx: &Signal, moved: Option<&Signal>, names: &[String]) -> VectorView {
    let values = |s: &Signal| s.data.iter().copied().collect::<Vec<f32>>();
    VectorView {
        labels: names.iter().map(|n| short(n)).collect(),
        fx: values(fx),
        fgx: values(fgx),
        moved: moved.map(values),
    }
}

/// Build the views of every layer for the visible window.
pub fn layer_views(model: &Model, p: &Pipelines, w: Window, pass_through: Option<usize>) -> Vec<LayerView> {
    let names = channel_names(model, &p.trace_x, pass_through);
    p.checks
        .iter()
        .zip(p.trace_x.iter().zip(p.trace_gx.iter()))
        .zip(names.iter())
        .map(|((check, (fx, fgx)), names)| {
            if fx.data.ndim() == 2 {
                LayerView::Strand(strand_view(fx, fgx, check.moved.on_strand(fx, w.range()), names, w))
            } else {
                LayerView::Vector(vector_view(fx, fgx, check.moved.kept(), names))
            }
        })
        .collect()
}

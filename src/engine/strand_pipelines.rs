//! Both pipelines of the DNA lab and how they are brought up to date: a full
//! run (new sequence length, new model, new g), or, after an in-place edit
//! of a few bases, only the window of each layer that the edit touches
//! (`strand_window::update_trace`), for x and for g·x.
//!
//! The lab (`app::dna_lab::state`) and the benchmarks (`workloads`) both
//! call these functions, so what is measured is what the learner runs.

use crate::engine::check::{compare, LayerCheck};
use crate::engine::layers::Geometry;
use crate::engine::model::Model;
use crate::engine::nucleotide::{encode, one_hot};
use crate::engine::space::Signal;
use crate::engine::strand_window::{edit_under, update_trace, update_trace_span, Dirty};
use crate::engine::transform::Transform;
use ndarray::{Axis, Slice};
use std::ops::Range;

/// The input, its transform, every layer's output for both, and the checks.
#[derive(Clone, Debug)]
pub struct Pipelines {
    pub x: Signal,
    pub gx: Signal,
    pub trace_x: Vec<Signal>,
    pub trace_gx: Vec<Signal>,
    pub checks: Vec<LayerCheck>,
}

/// What the last update recomputed, for the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Update {
    /// Both pipelines, every position.
    Full,
    /// Only g·x (a new transformation).
    Transformed,
    /// An in-place edit of bases `edit`; `positions` is the most positions a
    /// strand layer recomputed (of `of`); `ends` when a window touched the
    /// ends of the strand, where the engine reruns the whole layer (the
    /// padding matters there).
    Window { edit: Range<usize>, positions: usize, of: usize, ends: bool },
}

/// Run both pipelines on `seq`.
pub fn full(model: &Model, seq: &str, g: &Transform) -> Result<Pipelines, String> {
    let x = encode(seq).map_err(|e| format!("The sequence cannot be encoded: {e}."))?;
    let trace_x = model.trace(&x).map_err(|e| e.0)?;
    with_x(model, x, trace_x, g)
}

/// Keep the x pipeline and rerun g·x (a new transformation).
pub fn with_x(model: &Model, x: Signal, trace_x: Vec<Signal>, g: &Transform) -> Result<Pipelines, String> {
    let gx = g.act(&x).map_err(|e| format!("{g} cannot act on this sequence: {e}."))?;
    let trace_gx = model.trace(&gx).map_err(|e| e.0)?;
    let checks = compare(model, &trace_x, &trace_gx, g);
    Ok(Pipelines { x, gx, trace_x, trace_gx, checks })
}

fn recomputed(dirty: &[Dirty], l: usize) -> usize {
    dirty
        .iter()
        .map(|d| match d {
            Dirty::All => 0,
            Dirty::Ranges(r) => r.iter().map(|r| r.len()).sum(),
        })
        .max()
        .unwrap_or(0)
        .min(l)
}

/// True when a recomputed window of a convolution reached past an end of
/// the strand: `strand_window` then reruns that layer whole.
fn touched_ends(model: &Model, dirty: &[Dirty], l: usize) -> bool {
    dirty.iter().zip(&model.layers).any(|(d, layer)| match (d, layer.geometry()) {
        (Dirty::Ranges(rs), Geometry::Window { size, offset, .. }) => {
            rs.iter().any(|r| r.start < offset || r.end + size.saturating_sub(offset + 1) > l)
        }
        _ => false,
    })
}

/// The pipelines after bases `edit` of the sequence changed in place
/// (`seq` is the new sequence, of the same length): only the windows the
/// edit touches are recomputed (the old traces are copied, not rerun); the
/// checks compare every position again.
pub fn edit(
    model: &Model,
    old: &Pipelines,
    seq: &str,
    edit: Range<usize>,
    g: &Transform,
) -> Result<(Pipelines, Update), String> {
    let l = seq.len();
    let piece = seq.get(edit.clone()).ok_or("the edit is outside the sequence")?;
    let enc = one_hot(piece).map_err(|e| format!("The sequence cannot be encoded: {e}."))?;
    let (mut x, mut trace_x, mut trace_gx) = (old.x.clone(), old.trace_x.clone(), old.trace_gx.clone());
    x.data.slice_axis_mut(Axis(1), Slice::from(edit.clone())).assign(&enc);
    let dirty = update_trace(model, &x, &mut trace_x, edit.clone()).map_err(|e| e.0)?;
    let gx = g.act(&x).map_err(|e| format!("{g} cannot act on this sequence: {e}."))?;
    let dirty_gx = match edit_under(g, edit.clone(), l) {
        Some((s, e)) => update_trace_span(model, &gx, &mut trace_gx, s, e).map_err(|e| e.0)?,
        None => {
            trace_gx = model.trace(&gx).map_err(|e| e.0)?;
            vec![Dirty::All]
        }
    };
    let checks = compare(model, &trace_x, &trace_gx, g);
    let positions = recomputed(&dirty, l).max(recomputed(&dirty_gx, l));
    let ends = touched_ends(model, &dirty, l) || touched_ends(model, &dirty_gx, l);
    Ok((Pipelines { x, gx, trace_x, trace_gx, checks }, Update::Window { edit, positions, of: l, ends }))
}

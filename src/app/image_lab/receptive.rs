//! Which receptive-field outlines to draw on the input for the selected
//! unit: for every layer up to the unit's own, the field of the unit of that
//! layer that sits at the same place. The outlines nest and grow layer by
//! layer: scale separation made visible.

use super::state::Selection;
use crate::engine::model::Model;
use crate::engine::receptive_field::{cumulative_stride, receptive_span};
use crate::viz::receptive_overlay::{Outline, LAYER_COLORS};

/// The unit shown when the learner has not picked one: the centre cell of
/// the deepest layer that still has a spatial map (`sides[k]` = side of
/// layer `k`'s maps).
pub fn default_selection(model: &Model, sides: &[usize]) -> Option<Selection> {
    let layer = (0..model.layers.len()).rev().find(|&k| receptive_span(model, k, 0).is_some())?;
    let side = sides.get(layer).copied().unwrap_or(1);
    Some(Selection { layer, row: side / 2, col: side / 2 })
}

/// One outline per layer whose field differs from the layer before, with the
/// layer index it belongs to.
pub fn outlines(model: &Model, sel: Selection) -> Vec<(usize, Outline)> {
    let centre = |cell: usize| receptive_span(model, sel.layer, cell as i64).map(|s| (s.start + s.end) / 2);
    let (Some(cy), Some(cx)) = (centre(sel.row), centre(sel.col)) else {
        return vec![(sel.layer, Outline { rows: None, cols: None, color: LAYER_COLORS[0] })];
    };
    let mut out: Vec<(usize, Outline)> = Vec::new();
    for k in 0..=sel.layer.min(model.layers.len().saturating_sub(1)) {
        let stride = cumulative_stride(model, k) as i64;
        let rows = receptive_span(model, k, cy.div_euclid(stride)).map(|s| (s.start, s.end));
        let cols = receptive_span(model, k, cx.div_euclid(stride)).map(|s| (s.start, s.end));
        if out.last().is_some_and(|(_, o)| o.rows == rows && o.cols == cols) {
            continue;
        }
        let color = LAYER_COLORS[out.len() % LAYER_COLORS.len()];
        out.push((k, Outline { rows, cols, color }));
    }
    out
}

/// "3×3 pixels", or "the whole image".
pub fn field_text(model: &Model, layer: usize) -> String {
    match receptive_span(model, layer, 0) {
        Some(s) => format!("{0}×{0} pixels", s.len()),
        None => "the whole image".into(),
    }
}

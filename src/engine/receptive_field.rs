//! Receptive fields: which input pixels an output cell of layer `k` can see.
//! Each convolution widens the window by `K − 1` cells of its input, each
//! pooling multiplies the step by its stride: scale separation made visible.

use crate::engine::layers::Geometry;
use crate::engine::model::Model;

/// A closed range of input rows or columns `[start, end]`; it may extend past
/// the border (the wrapped part is what circular padding sees).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: i64,
    pub end: i64,
}

impl Span {
    pub fn len(&self) -> i64 {
        self.end - self.start + 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() <= 0
    }
}

/// The input span seen by output cell `cell` of layer `layer` along one axis,
/// or `None` when the layer sees the whole input (global pooling, dense).
pub fn receptive_span(model: &Model, layer: usize, cell: i64) -> Option<Span> {
    let mut span = Span { start: cell, end: cell };
    for l in model.layers[..=layer.min(model.layers.len().saturating_sub(1))].iter().rev() {
        match l.geometry() {
            Geometry::Pointwise => {}
            Geometry::Window { size, stride, offset } => {
                let (s, o) = (stride as i64, offset as i64);
                span = Span { start: span.start * s - o, end: span.end * s - o + size as i64 - 1 };
            }
            // Not a window on a grid: graph models use `receptive_hops`.
            Geometry::Global | Geometry::Neighbourhood { .. } => return None,
        }
    }
    Some(span)
}

/// How many hops away an output node of layer `layer` can see in a graph
/// model (the sum of the layers' hops), or `None` once a layer sees the whole
/// graph (readouts, dense layers).
pub fn receptive_hops(model: &Model, layer: usize) -> Option<usize> {
    let mut hops = 0;
    for l in model.layers[..=layer.min(model.layers.len().saturating_sub(1))].iter() {
        match l.geometry() {
            Geometry::Pointwise => {}
            Geometry::Neighbourhood { hops: h } => hops += h,
            Geometry::Window { .. } | Geometry::Global => return None,
        }
    }
    Some(hops)
}

/// Cumulative stride of the output of `layer` (input pixels per output cell).
pub fn cumulative_stride(model: &Model, layer: usize) -> usize {
    model.layers[..=layer.min(model.layers.len().saturating_sub(1))]
        .iter()
        .map(|l| match l.geometry() {
            Geometry::Window { stride, .. } => stride,
            _ => 1,
        })
        .product()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::models::image::{build, ImageModelConfig};

    #[test]
    fn grows_layer_by_layer() {
        let m = build(&ImageModelConfig::default());
        // conv3: 3 wide; relu: same; pool2: 4; conv3 after pool: 4 + 2·2 = 8.
        let widths: Vec<i64> = (0..5).map(|k| receptive_span(&m, k, 0).unwrap().len()).collect();
        assert_eq!(widths, vec![3, 3, 4, 8, 8]);
        assert!(receptive_span(&m, 5, 0).is_none());
    }
}

//! Layers: small structs with a documented config and one shared trait. A
//! layer's `forward` also computes the space of its output, which is how the
//! equivariance check knows how a transformation acts there (the layer's
//! output representation).

pub mod activation;
pub mod conv1d;
pub mod conv2d;
pub mod dense;
pub mod final_state;
pub mod flatten;
pub mod gated_rnn;
pub mod global_pool;
pub mod graph;
pub mod group_conv;
pub mod lift_conv;
pub mod lstm;
pub mod orient_pool;
pub mod pool;
pub mod rc_conv1d;
pub(crate) mod recurrent;
pub mod rnn;
pub mod strand_pool;

use crate::engine::space::{Signal, Tensor};
use std::fmt;

/// A layer was given a signal it cannot process (wrong space or shape).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayerError(pub String);

impl fmt::Display for LayerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LayerError {}

/// How an output cell depends on input cells, for drawing receptive fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Geometry {
    /// Each output cell sees exactly its own input cell.
    Pointwise,
    /// A window of `size` cells; output cell `i` starts at input cell
    /// `i · stride - offset` (offset = size/2 for centred convolutions).
    Window { size: usize, stride: usize, offset: usize },
    /// Every input cell (global pooling, dense layers).
    Global,
    /// Graph layers: an output node sees the input nodes within `hops`
    /// edges of it (1 for one round of message passing).
    Neighbourhood { hops: usize },
}

/// A named weight array, for display and export.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub name: String,
    pub value: Tensor,
}

/// One setting of a layer, in structured form for the export (`settings`):
/// what a notebook needs to recompute the layer without parsing its label.
#[derive(Clone, Debug, PartialEq)]
pub enum Setting {
    Text(String),
    Number(f64),
    /// A list of indices, e.g. the channel pairing of a strand layer.
    Indices(Vec<usize>),
}

impl Setting {
    pub fn text(s: &str) -> Setting {
        Setting::Text(s.to_string())
    }
}

/// The one trait every layer of every lab implements.
pub trait Layer: fmt::Debug + Send + Sync {
    /// The stable `data-kind` name (`conv2d`, `relu`, ...).
    fn kind(&self) -> &'static str;
    /// A short human label, e.g. "conv 3×3, 1→8, circular".
    fn label(&self) -> String;
    /// Compute the output signal, including the space it lives on.
    fn forward(&self, x: &Signal) -> Result<Signal, LayerError>;
    /// How output cells depend on input cells.
    fn geometry(&self) -> Geometry {
        Geometry::Pointwise
    }
    /// The settings that shape the computation beyond the weights (padding,
    /// stride, pool size, GIN's ε, orientation pooling, filter pairs),
    /// empty when the kind says it all (`relu`, `flatten`).
    fn settings(&self) -> Vec<(&'static str, Setting)> {
        Vec::new()
    }
    /// The layer's weights (empty for parameter-free layers).
    fn params(&self) -> Vec<Param> {
        Vec::new()
    }
    /// For convolutions on a group: every base filter with its transformed
    /// copies, for display (`None` for other layers).
    fn filter_bank(&self) -> Option<crate::engine::filter_bank::FilterBank> {
        None
    }
}

/// The `(C, H, W)` view of a grid signal, or a clear error.
pub(crate) fn expect_grid<'a>(x: &'a Signal, layer: &str) -> Result<(usize, ndarray::ArrayView3<'a, f32>), LayerError> {
    match x.space {
        crate::engine::space::Space::Grid { stride } => {
            let v = x
                .data
                .view()
                .into_dimensionality::<ndarray::Ix3>()
                .map_err(|_| LayerError(format!("{layer} expects a (C, H, W) image")))?;
            Ok((stride, v))
        }
        _ => Err(LayerError(format!("{layer} expects an image or feature maps, got a {}", x.space.describe()))),
    }
}

/// The `(C, L)` view and the channel pairing of a strand signal, or a clear error.
pub(crate) fn expect_strand<'a>(
    x: &'a Signal,
    layer: &str,
) -> Result<(&'a [usize], ndarray::ArrayView2<'a, f32>), LayerError> {
    match &x.space {
        crate::engine::space::Space::Strand { pairing } => {
            let v = x
                .data
                .view()
                .into_dimensionality::<ndarray::Ix2>()
                .map_err(|_| LayerError(format!("{layer} expects a (C, L) strand")))?;
            if pairing.len() != v.dim().0 {
                return Err(LayerError(format!(
                    "{layer}: the strand has {} channels but {} pairings",
                    v.dim().0,
                    pairing.len()
                )));
            }
            Ok((pairing.as_slice(), v))
        }
        _ => Err(LayerError(format!("{layer} expects a DNA strand or its feature maps, got a {}", x.space.describe()))),
    }
}

/// The identity pairing on `n` channels (every channel is its own partner).
pub fn identity_pairing(n: usize) -> Vec<usize> {
    (0..n).collect()
}

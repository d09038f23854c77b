//! Signals and the spaces they live on.
//!
//! Every value that flows through a model is a [`Signal`]: an array plus the
//! [`Space`] that says how a group element moves it (its representation).
//! Layers compute the space of their output from the space of their input, so
//! the equivariance check can ask any transformation to act on any layer's
//! output without knowing the layer.

use crate::engine::graph::Graph;
use crate::engine::grid_group::GridGroup;
use ndarray::ArrayD;
use std::sync::Arc;

/// The array type shared by all layers (`f32`, any number of axes).
pub type Tensor = ArrayD<f32>;

/// Where a signal lives, and therefore how transformations act on it.
#[derive(Clone, Debug, PartialEq)]
pub enum Space {
    /// Images and feature maps, shape `(C, H, W)`. `stride` is how many input
    /// pixels one cell spans (1 for the input, 2 after a stride-2 pooling).
    Grid { stride: usize },
    /// Feature maps on a grid group (lifting and group convolutions), shape
    /// `(C, |G|, H, W)`: a point symmetry moves every plane and permutes the
    /// orientation axis.
    GroupGrid { group: GridGroup, stride: usize },
    /// One value per group element and channel, shape `(C, |G|)`, after
    /// spatial pooling of a [`Space::GroupGrid`]: translations act trivially,
    /// point symmetries permute the orientation axis.
    GroupFiber { group: GridGroup },
    /// Node features `(N, F)` of a graph; a permutation moves rows and the graph.
    Nodes { graph: Arc<Graph> },
    /// A strand of DNA or its feature maps, shape `(C, L)`. `pairing[c]` is the
    /// channel that `c` becomes on the reverse strand (A<->T, C<->G for the
    /// one-hot input; `c -> c` where channels are unpaired).
    Strand { pairing: Vec<usize> },
    /// A sequence of input vectors over time, shape `(T, D)`. Row `t` is held
    /// over the time step `(t, t + 1]` (a zero-order hold, like the samples an
    /// RNN consumes), and the signal is zero before it starts.
    Time,
    /// The states of a recurrent net over time, shape `(T, H)`: row `t` is the
    /// state at the instant `t + 1` (after step `t`), and `initial` is the
    /// state at instant 0 (`h0`), which is what a delay repeats on the left.
    /// Instants are resampled by interpolation, held inputs by averaging:
    /// see `action::time`.
    Trajectory { initial: Vec<f32> },
    /// The flattening of a signal that lived on `inner` with `shape`: the
    /// action is "reshape, act, flatten" (a permutation of the entries).
    Flat { inner: Box<Space>, shape: Vec<usize> },
    /// Every transformation acts as the identity (after invariant pooling).
    Invariant,
    /// No transformation other than the identity has a known action here.
    Opaque,
}

impl Space {
    /// A short human description, for tooltips and the exported JSON.
    pub fn describe(&self) -> String {
        match self {
            Space::Grid { stride: 1 } => "grid".into(),
            Space::Grid { stride } => format!("grid, stride {stride}"),
            Space::GroupGrid { group, stride } => format!("{} × grid, stride {stride}", group.name()),
            Space::GroupFiber { group } => format!("{} fibre", group.name()),
            Space::Nodes { .. } => "node features".into(),
            Space::Strand { .. } => "strand".into(),
            Space::Time => "time series".into(),
            Space::Trajectory { .. } => "state trajectory".into(),
            Space::Flat { inner, .. } => format!("flattened {}", inner.describe()),
            Space::Invariant => "invariant vector".into(),
            Space::Opaque => "vector (no action)".into(),
        }
    }
}

/// An array together with the space it lives on.
#[derive(Clone, Debug, PartialEq)]
pub struct Signal {
    pub data: Tensor,
    pub space: Space,
}

impl Signal {
    pub fn new(data: Tensor, space: Space) -> Self {
        Signal { data, space }
    }

    /// A grayscale or multi-channel image `(C, H, W)`.
    pub fn image(data: ndarray::Array3<f32>) -> Self {
        Signal { data: data.into_dyn(), space: Space::Grid { stride: 1 } }
    }

    /// An input sequence `(T, D)` on [`Space::Time`].
    pub fn sequence(data: ndarray::Array2<f32>) -> Self {
        Signal { data: data.into_dyn(), space: Space::Time }
    }

    pub fn shape(&self) -> &[usize] {
        self.data.shape()
    }
}

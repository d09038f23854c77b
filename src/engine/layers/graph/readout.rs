//! Graph readouts: one vector per graph from the node features,
//!
//! `y = Σ_i h_i` (sum), `y = (1/N) Σ_i h_i` (mean) or `y = max_i h_i` (max,
//! per feature).
//!
//! Why it is permutation invariant (claim G3): sum, mean and max do not
//! depend on the order of their arguments, and a permutation only reorders
//! the rows `h_i`. The output lives on [`Space::Invariant`]: a permutation
//! acts on it as the identity. Only this last step discards the node order;
//! everything before it was equivariant.

use super::expect_nodes;
use crate::engine::layers::{Geometry, Layer, LayerError, Setting};
use crate::engine::space::{Signal, Space};
use ndarray::Array1;

/// Which symmetric function pools the nodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReadoutMode {
    Sum,
    Mean,
    Max,
}

impl ReadoutMode {
    pub const ALL: [ReadoutMode; 3] = [ReadoutMode::Sum, ReadoutMode::Mean, ReadoutMode::Max];

    pub fn name(self) -> &'static str {
        match self {
            ReadoutMode::Sum => "sum",
            ReadoutMode::Mean => "mean",
            ReadoutMode::Max => "max",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        ReadoutMode::ALL.into_iter().find(|m| m.name() == s)
    }
}

/// A global pooling over the nodes of a graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Readout {
    pub mode: ReadoutMode,
}

impl Layer for Readout {
    fn settings(&self) -> Vec<(&'static str, Setting)> {
        vec![("mode", Setting::text(self.mode.name()))]
    }

    fn kind(&self) -> &'static str {
        match self.mode {
            ReadoutMode::Sum => "readout_sum",
            ReadoutMode::Mean => "readout_mean",
            ReadoutMode::Max => "readout_max",
        }
    }

    fn label(&self) -> String {
        format!("{} readout over nodes", self.mode.name())
    }

    fn forward(&self, x: &Signal) -> Result<Signal, LayerError> {
        let (_, v) = expect_nodes(x, "a readout")?;
        let (n, f) = v.dim();
        // Sums in f64: the readout of a 10,000-node graph should not depend on
        // rounding more than the node order does.
        let y: Array1<f32> = match self.mode {
            ReadoutMode::Max if n == 0 => Array1::zeros(f),
            ReadoutMode::Max => {
                v.fold_axis(ndarray::Axis(0), f32::NEG_INFINITY, |&m, &t| crate::engine::kernels::max(m, t))
            }
            ReadoutMode::Sum | ReadoutMode::Mean => {
                let scale = if self.mode == ReadoutMode::Mean && n > 0 { 1.0 / n as f64 } else { 1.0 };
                Array1::from_shape_fn(f, |k| (v.column(k).iter().map(|&t| t as f64).sum::<f64>() * scale) as f32)
            }
        };
        Ok(Signal::new(y.into_dyn(), Space::Invariant))
    }

    fn geometry(&self) -> Geometry {
        Geometry::Global
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::graph::Graph;
    use std::sync::Arc;

    #[test]
    fn literal_readouts() {
        let g = Arc::new(Graph::new(3, vec![(0, 1, 1.0)]));
        let x = Signal::new(
            ndarray::arr2(&[[1.0f32, -1.0], [2.0, -5.0], [3.0, 0.5]]).into_dyn(),
            Space::Nodes { graph: g },
        );
        let got = |mode| Readout { mode }.forward(&x).unwrap();
        assert_eq!(got(ReadoutMode::Sum).data.iter().copied().collect::<Vec<_>>(), vec![6.0, -5.5]);
        assert_eq!(got(ReadoutMode::Mean).data.iter().copied().collect::<Vec<_>>(), vec![2.0, -5.5 / 3.0]);
        assert_eq!(got(ReadoutMode::Max).data.iter().copied().collect::<Vec<_>>(), vec![3.0, 0.5]);
        assert_eq!(got(ReadoutMode::Max).space, Space::Invariant);
    }

    #[test]
    fn empty_graph_reads_zeros() {
        let g = Arc::new(Graph::new(0, vec![]));
        let x = Signal::new(ndarray::Array2::<f32>::zeros((0, 2)).into_dyn(), Space::Nodes { graph: g });
        for mode in ReadoutMode::ALL {
            assert_eq!(Readout { mode }.forward(&x).unwrap().data.iter().copied().collect::<Vec<_>>(), vec![0.0, 0.0]);
        }
    }
}

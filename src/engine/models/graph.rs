//! The graph lab's architecture presets. The GNNs spell out the blueprint on
//! graphs: two permutation-equivariant message-passing layers with ReLU,
//! then an invariant readout and an optional dense head. `mlp` is the
//! baseline that reads the graph in node order and so breaks the symmetry.

use crate::engine::layers::activation::Activation;
use crate::engine::layers::dense::Dense;
use crate::engine::layers::graph::aggregate::Aggregation;
use crate::engine::layers::graph::gcn::Gcn;
use crate::engine::layers::graph::gin::Gin;
use crate::engine::layers::graph::mlp::NodeOrderMlp;
use crate::engine::layers::graph::mpnn::MessagePassing;
use crate::engine::layers::graph::readout::{Readout, ReadoutMode};
use crate::engine::layers::{Layer, LayerError};
use crate::engine::model::Model;
use crate::engine::rng::Rng;
use ndarray::{Array1, Array2};
use std::sync::Arc;

/// Which architecture (the `model=` name in URLs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GraphArch {
    Gcn,
    Gin,
    Mpnn(Aggregation),
    /// The node-order MLP baseline.
    Mlp,
}

impl GraphArch {
    pub const ALL: [GraphArch; 6] = [
        GraphArch::Gcn,
        GraphArch::Gin,
        GraphArch::Mpnn(Aggregation::Sum),
        GraphArch::Mpnn(Aggregation::Mean),
        GraphArch::Mpnn(Aggregation::Max),
        GraphArch::Mlp,
    ];

    pub fn name(self) -> &'static str {
        match self {
            GraphArch::Gcn => "gcn",
            GraphArch::Gin => "gin",
            GraphArch::Mpnn(Aggregation::Sum) => "mpnn-sum",
            GraphArch::Mpnn(Aggregation::Mean) => "mpnn-mean",
            GraphArch::Mpnn(Aggregation::Max) => "mpnn-max",
            GraphArch::Mlp => "mlp",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        GraphArch::ALL.into_iter().find(|a| a.name() == s)
    }

    pub fn summary(self) -> &'static str {
        match self {
            GraphArch::Gcn => "GCN → ReLU → GCN → ReLU → readout → dense: normalised neighbourhood averages",
            GraphArch::Gin => "GIN → ReLU → GIN → ReLU → readout → dense: sums of neighbours, as strong as 1-WL",
            GraphArch::Mpnn(Aggregation::Sum) => "message passing (sum) ×2 → readout → dense",
            GraphArch::Mpnn(Aggregation::Mean) => "message passing (mean) ×2 → readout → dense: forgets degrees",
            GraphArch::Mpnn(Aggregation::Max) => "message passing (max) ×2 → readout → dense: forgets degrees",
            GraphArch::Mlp => "an MLP on the adjacency matrix and features in node order: breaks the symmetry",
        }
    }
}

/// Everything that determines a graph model, apart from the input's size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GraphModelConfig {
    pub arch: GraphArch,
    /// The readout of the GNNs (ignored by `mlp`).
    pub readout: ReadoutMode,
    pub seed: u64,
    /// Feature width of both message-passing layers (and of the MLP's hidden layer).
    pub hidden: usize,
    /// Outputs of the dense head; `None` ends the GNNs at the readout. The
    /// `mlp` always ends with `classes` outputs (or `hidden` when `None`).
    pub classes: Option<usize>,
}

impl Default for GraphModelConfig {
    fn default() -> Self {
        GraphModelConfig { arch: GraphArch::Gcn, readout: ReadoutMode::Sum, seed: 1, hidden: 8, classes: Some(2) }
    }
}

/// A seeded `(rows, cols)` weight matrix with fan-in `fan_in`.
fn matrix(rng: &mut Rng, rows: usize, cols: usize, fan_in: usize) -> Array2<f32> {
    Array2::from_shape_vec((rows, cols), rng.weights(rows * cols, fan_in))
        .unwrap_or_else(|_| Array2::zeros((rows, cols)))
}

/// Small seeded biases, so that no layer's output is trivially zero.
fn bias(rng: &mut Rng, n: usize) -> Array1<f32> {
    Array1::from(rng.weights(n, 1)) * 0.1
}

/// One message-passing layer of the architecture, `inp → out` features.
fn node_layer(arch: GraphArch, rng: &mut Rng, inp: usize, out: usize) -> Arc<dyn Layer> {
    match arch {
        GraphArch::Gcn => Arc::new(Gcn { weight: matrix(rng, inp, out, inp), bias: bias(rng, out) }),
        GraphArch::Gin => Arc::new(Gin {
            eps: 0.0,
            w1: matrix(rng, inp, out, inp),
            b1: bias(rng, out),
            w2: matrix(rng, out, out, out),
            b2: bias(rng, out),
        }),
        // `Mlp` never reaches here (it has no node layers); sum keeps the match total.
        GraphArch::Mpnn(_) | GraphArch::Mlp => Arc::new(MessagePassing {
            aggregation: if let GraphArch::Mpnn(a) = arch { a } else { Aggregation::Sum },
            self_weight: matrix(rng, inp, out, 2 * inp),
            message_weight: matrix(rng, inp, out, 2 * inp),
            bias: bias(rng, out),
        }),
    }
}

/// Build the model for inputs of `nodes` nodes with `features` features each
/// (deterministic in the seed). The GNNs' weights do not depend on `nodes`;
/// the MLP's do, and it refuses graphs above its size limit.
pub fn build(cfg: &GraphModelConfig, nodes: usize, features: usize) -> Result<Model, LayerError> {
    let mut rng = Rng::new(cfg.seed);
    let h = cfg.hidden.max(1);
    if cfg.arch == GraphArch::Mlp {
        NodeOrderMlp::check_size(nodes)?;
        let inp = NodeOrderMlp::input_len(nodes, features);
        let out = cfg.classes.unwrap_or(h).max(1);
        let mlp = NodeOrderMlp {
            nodes,
            features,
            w1: matrix(&mut rng, h, inp, inp),
            b1: bias(&mut rng, h),
            w2: matrix(&mut rng, out, h, h),
            b2: bias(&mut rng, out),
        };
        return Ok(Model::new(cfg.arch.name(), vec![Arc::new(mlp)]));
    }
    let mut layers: Vec<Arc<dyn Layer>> = vec![
        node_layer(cfg.arch, &mut rng, features, h),
        Arc::new(Activation::Relu),
        node_layer(cfg.arch, &mut rng, h, h),
        Arc::new(Activation::Relu),
        Arc::new(Readout { mode: cfg.readout }),
    ];
    if let Some(classes) = cfg.classes {
        let classes = classes.max(1);
        layers.push(Arc::new(Dense { weight: matrix(&mut rng, classes, h, h), bias: bias(&mut rng, classes) }));
    }
    Ok(Model::new(cfg.arch.name(), layers))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::graph::Graph;
    use crate::engine::space::{Signal, Space};

    #[test]
    fn every_preset_runs_and_names_round_trip() {
        let g = Arc::new(Graph::new(5, vec![(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (3, 4, 1.0)]));
        let x = Signal::new(Array2::<f32>::ones((5, 3)).into_dyn(), Space::Nodes { graph: g });
        for arch in GraphArch::ALL {
            assert_eq!(GraphArch::parse(arch.name()), Some(arch));
            let cfg = GraphModelConfig { arch, ..Default::default() };
            let model = build(&cfg, 5, 3).unwrap();
            let y = model.forward(&x).unwrap();
            assert_eq!(y.shape(), &[2], "{}", arch.name());
            let expected = if arch == GraphArch::Mlp { Space::Opaque } else { Space::Invariant };
            assert_eq!(y.space, expected);
            assert_eq!(build(&cfg, 5, 3).unwrap().forward(&x).unwrap(), y, "seeded, so reproducible");
        }
        let kinds: Vec<_> =
            build(&GraphModelConfig::default(), 5, 3).unwrap().layers.iter().map(|l| l.kind()).collect();
        assert_eq!(kinds, vec!["gcn", "relu", "gcn", "relu", "readout_sum", "dense"]);
        let cfg = GraphModelConfig { arch: GraphArch::Mlp, ..Default::default() };
        assert!(build(&cfg, 65, 1).unwrap_err().0.contains("64 nodes"));
    }
}

//! The benchmark workloads of issue 6, shared by the native criterion
//! benches (`benches/`) and the hidden browser page (`#/bench`): the two
//! kernels (conv2d, matrix product) and the default view of every lab,
//! recomputed with the same engine calls, in the same order, as the lab's
//! own recompute (the engine's `pipelines` module, which the labs call):
//! the pipelines of x, g·x and the scrambled baseline, and the per-layer checks. Only the DOM work
//! (drawing the planes) is left out. Timing is the caller's job: nothing
//! here reads a clock, so the same code runs natively and in wasm.

use crate::engine::check::LayerCheck;
use crate::engine::graph::Graph;
use crate::engine::graph_input::{GraphInput, NodeMove};
use crate::engine::kernels::conv2d::{conv2d, Padding};
use crate::engine::model::Model;
use crate::engine::models::dna::{build as build_dna, DnaModelConfig};
use crate::engine::models::graph::{build as build_graph, GraphModelConfig};
use crate::engine::models::image::{build as build_image, ImageArch, ImageModelConfig};
use crate::engine::models::sequence::{check as check_sequence, SequenceArch};
use crate::engine::pipelines::{self, strand, strand_edit, Pipelines};
use crate::engine::rng::Rng;
use crate::engine::space::Signal;
use crate::engine::transform::Transform;
use crate::io::sequence_presets::{pad_left, render as render_sequence, Sampling};
use crate::io::transform_expr::{parse, Domain};
use crate::io::{dna_presets, graph_presets, image_presets, image_settings, sequence_settings};
use ndarray::{Array1, Array2, Array3, Array4};
use std::sync::Arc;

/// The conv2d shape of issue 6 (through [`conv2d`], the engine's direct kernel): 3×3, 16 → 16 channels, 128×128, zero
/// ("same") padding as in TensorFlow.js.
pub const CONV_SHAPE: (usize, usize, usize) = (16, 128, 128);
/// Side of the square matrices of the matrix-product benchmark.
pub const MATMUL_N: usize = 512;

/// Floating-point operations of one conv2d of [`CONV_SHAPE`] (2 per multiply-add).
pub fn conv_flops() -> f64 {
    let (c, h, w) = CONV_SHAPE;
    2.0 * (c * c * 9 * h * w) as f64
}

/// Floating-point operations of one `n × n` by `n × n` product.
pub fn matmul_flops(n: usize) -> f64 {
    2.0 * (n * n * n) as f64
}

/// Seeded values in roughly [-1, 1].
fn values(n: usize, seed: u64) -> Vec<f32> {
    Rng::new(seed).weights(n, 1)
}

/// The inputs of the conv2d benchmark.
pub struct ConvCase {
    pub x: Array3<f32>,
    pub w: Array4<f32>,
    pub b: Array1<f32>,
}

impl ConvCase {
    /// The benchmark's shape, [`CONV_SHAPE`].
    pub fn new() -> Self {
        let (c, h, _) = CONV_SHAPE;
        Self::with_shape(c, c, h)
    }

    /// 3×3 filters from `c_in` to `c_out` channels on a `side × side` image.
    pub fn with_shape(c_in: usize, c_out: usize, side: usize) -> Self {
        ConvCase {
            x: Array3::from_shape_vec((c_in, side, side), values(c_in * side * side, 1)).expect("length matches"),
            w: Array4::from_shape_vec((c_out, c_in, 3, 3), values(c_out * c_in * 9, 2)).expect("length matches"),
            b: Array1::zeros(c_out),
        }
    }

    /// One convolution; returns a value of the output so it is not optimised away.
    pub fn run(&self) -> f32 {
        let y = conv2d(self.x.view(), self.w.view(), self.b.view(), Padding::Zero);
        y[[0, 0, 0]]
    }
}

impl Default for ConvCase {
    fn default() -> Self {
        Self::new()
    }
}

/// The inputs of the matrix-product benchmark.
pub struct MatmulCase {
    pub a: Array2<f32>,
    pub b: Array2<f32>,
}

impl MatmulCase {
    pub fn new(n: usize) -> Self {
        MatmulCase {
            a: Array2::from_shape_vec((n, n), values(n * n, 3)).expect("length matches"),
            b: Array2::from_shape_vec((n, n), values(n * n, 4)).expect("length matches"),
        }
    }

    /// The product by [`gemm::matmul`](crate::engine::kernels::gemm::matmul):
    /// the engine's packed kernel in wasm (1.25× ndarray's `dot` there),
    /// ndarray's `dot` natively.
    pub fn run(&self) -> f32 {
        crate::engine::kernels::gemm::matmul(self.a.view(), self.b.view())[[0, 0]]
    }
}

/// One lab's default view, ready to recompute.
pub enum LabCase {
    /// The image lab after a brush stroke: both pipelines and the checks.
    Image { model: Model, x: Signal, g: Transform },
    /// The graph lab on a new graph: its neighbour lists, g's node move, the
    /// moved drawing, the features, the model (rebuilt, as the lab does),
    /// both pipelines, checks.
    Graph { input: GraphInput, cfg: GraphModelConfig, g: Transform },
    /// The DNA lab on a new sequence: encode, both pipelines, checks
    /// (`pipelines::strand::full`, as the lab).
    DnaFull { model: Model, seq: String, g: Transform },
    /// The DNA lab after a one-base edit in place: only the windows the edit
    /// touches, for x and g·x, in place, and the checks moved by the
    /// difference (`pipelines::strand_edit::edit`, as the lab).
    DnaEdit { model: Model, seq: String, g: Transform, pipelines: Box<Pipelines> },
    /// The sequence lab: all three models (RNN, gated RNN, LSTM) on x and g·x.
    Sequence { x: Signal, cfg: crate::engine::models::sequence::SequenceModelConfig, g: Transform },
}

/// The names of [`lab_cases`], in order (stable: the browser table's test ids).
pub const LAB_CASES: [&str; 6] =
    ["image-cnn-gap", "image-p4cnn", "graph-gcn-10k", "dna-100k", "dna-100k-edit", "sequence-1000"];

/// The cases of [`LAB_CASES`] that measure loading a new input rather than an
/// edit: the DNA lab runs a new 100 kb sequence in slices of about 12 ms (so
/// no task blocks input), which the benchmark's longest-task row measures;
/// the one-frame targets are for edits.
pub const LOAD_CASES: [&str; 1] = ["dna-100k"];

/// The default view of the lab named in [`LAB_CASES`].
pub fn lab_case(name: &str) -> Result<LabCase, String> {
    Ok(match name {
        "image-cnn-gap" => image(ImageArch::CnnGap)?,
        "image-p4cnn" => image(ImageArch::P4Cnn)?,
        "graph-gcn-10k" => {
            let input = graph_presets::load("random-10k").ok_or("no random-10k preset")?;
            let g = parse(crate::io::graph_settings::DEFAULT_G, Domain::Graph).map_err(|e| e.to_string())?;
            LabCase::Graph { input, cfg: GraphModelConfig::default(), g }
        }
        "dna-100k" | "dna-100k-edit" => {
            let cfg = DnaModelConfig::default();
            let seq = dna_presets::sequence("random-100k", cfg.seed).ok_or("no random-100k preset")?;
            let g = parse(crate::io::dna_settings::DEFAULT_G, Domain::Dna).map_err(|e| e.to_string())?;
            let model = build_dna(&cfg);
            if name == "dna-100k" {
                LabCase::DnaFull { model, seq, g }
            } else {
                let pipelines = strand::full(&model, &seq, &g)?;
                LabCase::DnaEdit { model, seq, g, pipelines: Box::new(pipelines) }
            }
        }
        "sequence-1000" => {
            // 15.625 beats at 64 steps per beat: 1,000 steps (g = warp(2) makes 2,000).
            let sampling = Sampling { duration: 15.625, rate: 64.0 };
            let input = render_sequence(sequence_settings::DEFAULT_PRESET, sampling).ok_or("no melody preset")?;
            let g = parse(sequence_settings::DEFAULT_G, Domain::Sequence).map_err(|e| e.to_string())?;
            LabCase::Sequence { x: pad_left(&input, 0), cfg: sequence_settings::default_model(), g }
        }
        other => return Err(format!("no workload called {other}")),
    })
}

/// The image lab's default view (64×64 digit, g = shift(3,5), the lab's
/// default filters: the trained classifier) with `arch`.
fn image(arch: ImageArch) -> Result<LabCase, String> {
    let lab = image_settings::ImageSettings::default().model;
    let cfg = ImageModelConfig { input_size: lab.input_size, filters: lab.filters, ..ImageModelConfig::for_arch(arch) };
    let n = cfg.input_size;
    let img = image_presets::render(image_settings::DEFAULT_PRESET, n).ok_or("no default image preset")?;
    let x = Signal::image(img.into_shape_with_order((1, n, n)).map_err(|e| e.to_string())?);
    let g = parse(image_settings::DEFAULT_G, Domain::Image).map_err(|e| e.to_string())?;
    Ok(LabCase::Image { model: build_image(&cfg), x, g })
}

impl LabCase {
    /// Recompute the view; returns how many layers were checked (the
    /// checks themselves are dropped here, as the lab drops its old ones).
    pub fn run(&mut self) -> Result<usize, String> {
        match self {
            // The edited pipelines keep their checks: the next edit moves their sums.
            LabCase::DnaEdit { model, seq, g, pipelines } => {
                edit_middle_base(model, seq, g, pipelines)?;
                Ok(pipelines.checks.len())
            }
            _ => self.checks().map(|c| c.len()),
        }
    }

    /// Recompute the view and return its checks.
    pub fn checks(&mut self) -> Result<Vec<LayerCheck>, String> {
        match self {
            LabCase::Image { model, x, g } => Ok(pipelines::run(model, x, g)?.checks),
            LabCase::Graph { input, cfg, g } => {
                // A new graph, as after an edit: its neighbour lists are built
                // again (and so is the renumbered graph, the cache misses).
                let edges = input.graph.edges().to_vec();
                let input = &GraphInput { graph: Arc::new(Graph::new(input.node_count(), edges)), ..input.clone() };
                let n = input.node_count();
                let node_move = NodeMove::of(g, n).unwrap_or_else(|_| NodeMove::identity(n));
                let moved = input.permuted(&node_move);
                std::hint::black_box(&moved);
                let x = input.signal(input.default_features())?;
                let width = x.shape().get(1).copied().unwrap_or(1);
                let model = build_graph(cfg, n, width).map_err(|e| e.0)?;
                Ok(pipelines::run(&model, &x, g)?.checks)
            }
            LabCase::DnaFull { model, seq, g } => Ok(strand::full(model, seq, g)?.checks),
            LabCase::DnaEdit { model, seq, g, pipelines } => {
                edit_middle_base(model, seq, g, pipelines)?;
                Ok(pipelines.checks.clone())
            }
            LabCase::Sequence { x, cfg, g } => {
                let mut checks = Vec::new();
                for arch in SequenceArch::ALL {
                    let cfg = crate::engine::models::sequence::SequenceModelConfig { arch, ..*cfg };
                    checks.extend(check_sequence(&cfg, x, g)?.checks);
                }
                Ok(checks)
            }
        }
    }
}

/// Flip one base in the middle of `seq` (A↔C, alternating on every call)
/// and bring the pipelines up to date as the DNA lab does.
fn edit_middle_base(model: &Model, seq: &mut String, g: &Transform, p: &mut Pipelines) -> Result<(), String> {
    let at = seq.len() / 2;
    let flipped = if seq.as_bytes().get(at) == Some(&b'A') { "C" } else { "A" };
    seq.replace_range(at..at + 1, flipped);
    strand_edit::edit(model, p, seq, at..at + 1, g).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::nucleotide::encode;

    #[test]
    fn every_workload_builds_and_runs() {
        assert!(ConvCase::new().run().is_finite());
        assert!(MatmulCase::new(8).run().is_finite());
        for name in LAB_CASES {
            let mut case = lab_case(name).unwrap_or_else(|e| panic!("{name}: {e}"));
            let checks = case.checks().unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(!checks.is_empty(), "{name} checks something");
            assert_eq!(case.run(), Ok(checks.len()));
        }
        assert!(lab_case("nope").is_err());
    }

    #[test]
    fn the_dna_edit_keeps_the_traces_equal_to_a_full_run() {
        let mut case = lab_case("dna-100k-edit").unwrap();
        case.run().unwrap();
        let LabCase::DnaEdit { model, seq, g, pipelines } = &case else { panic!("not an edit case") };
        let full = pipelines::run(model, &encode(seq).unwrap(), g).unwrap();
        let pairs = [
            (&full.trace_x, &pipelines.trace_x),
            (&full.trace_gx, &pipelines.trace_gx),
            (&full.trace_sx, &pipelines.trace_sx),
        ];
        for (a, b) in pairs.into_iter().flat_map(|(a, b)| a.iter().zip(b.iter())) {
            assert!(crate::engine::check::relative_error(&a.data, &b.data) < 1e-5);
        }
    }
}

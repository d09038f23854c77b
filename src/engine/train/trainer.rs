//! The training run: the dataset, its augmented copies and the test set moved
//! by `g`, their features through the fixed body, and two heads trained from
//! the same start: head 0 on the samples alone, head 1 on the samples and
//! their copies. Work is done in small units (one image's features, or one
//! epoch) inside [`Trainer::step`], so a browser can stop after any unit and
//! draw a frame: the page never freezes.

use super::dataset::{self, AugGroup, Dataset, CLASS_NAMES};
use super::head::SoftmaxHead;
use crate::engine::check::relative_error;
use crate::engine::layers::dense::Dense;
use crate::engine::model::Model;
use crate::engine::models::image::{self, ImageArch, ImageModelConfig};
use crate::engine::rng::Rng;
use crate::engine::space::Signal;
use crate::engine::transform::{Step, Transform};
use ndarray::{Array1, ArrayView1};
use std::sync::Arc;

/// Index of the head trained without copies.
pub const PLAIN: usize = 0;
/// Index of the head trained with copies.
pub const AUGMENTED: usize = 1;

/// Everything that determines a run (deterministic in `seed`).
#[derive(Clone, Debug, PartialEq)]
pub struct TrainConfig {
    /// The body: the preset's layers up to its flatten or global pooling.
    pub arch: ImageArch,
    pub group: AugGroup,
    /// Transformed copies per training sample (at most `|G| − 1`: the whole orbit).
    pub copies: usize,
    /// The transformation the test set is moved by.
    pub g: Transform,
    pub seed: u64,
    /// Training and test samples per class.
    pub per_class: usize,
    pub test_per_class: usize,
    /// Image side.
    pub size: usize,
    pub lr: f32,
    pub weight_decay: f32,
    /// Original samples per minibatch (each with its copies in the augmented head's batch).
    pub batch: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            arch: ImageArch::CnnFlatten,
            group: AugGroup::Rot90,
            copies: 3,
            g: Transform::single(Step::Point(crate::engine::grid_group::Mat2::ROT90)),
            seed: 1,
            per_class: 8,
            test_per_class: 8,
            size: 16,
            lr: 1.0,
            weight_decay: 2e-3,
            batch: 4,
        }
    }
}

/// What one epoch measured, `[plain, augmented]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EpochStats {
    pub epoch: usize,
    /// Mean cross-entropy on each head's own training data.
    pub loss: [f32; 2],
    /// Mean over the test set of `‖head(g·x) − head(x)‖ / ‖head(x)‖` (class scores).
    pub invariance: [f64; 2],
    /// Test accuracy on x and on g·x.
    pub acc_x: [f32; 2],
    pub acc_gx: [f32; 2],
}

/// A run in progress.
pub struct Trainer {
    pub cfg: TrainConfig,
    /// The fixed feature extractor.
    pub body: Model,
    pub train: Dataset,
    pub test: Dataset,
    /// The group's elements, identity first.
    pub group: Vec<Transform>,
    /// For each training sample, the group elements of its copies.
    pub copies: Vec<Vec<usize>>,
    /// Every image the body must see: training samples, their copies, test x, test g·x.
    inputs: Vec<Signal>,
    /// Where each training sample's copies start in `inputs`.
    copy_start: Vec<usize>,
    features: Vec<Array1<f32>>,
    /// The mean and `1 / (std · √dim)` of all feature entries of the training
    /// samples: one number each, so the standardisation commutes with any
    /// permutation of the features and keeps an invariant body exactly invariant.
    mean: f32,
    scale: f32,
    pub heads: [SoftmaxHead; 2],
    pub history: Vec<EpochStats>,
    order: Rng,
}

impl Trainer {
    /// Prepare a run: generate the data and its copies (cheap); features
    /// are computed later, in [`Trainer::step`].
    pub fn new(cfg: TrainConfig) -> Result<Trainer, String> {
        let mut rng = Rng::new(cfg.seed);
        let size = cfg.size.max(16);
        let body_cfg = ImageModelConfig {
            seed: cfg.seed,
            input_size: size,
            classes: CLASS_NAMES.len(),
            ..ImageModelConfig::for_arch(cfg.arch)
        };
        let full = image::build(&body_cfg);
        let body = Model::new(full.name.clone(), full.layers[..full.layers.len().saturating_sub(1)].to_vec());
        let train = dataset::generate(&mut rng, cfg.per_class, size);
        let test = dataset::generate(&mut rng, cfg.test_per_class, size);
        let group = cfg.group.elements(size);
        let copies = dataset::choose_copies(&mut rng, &group, train.images.len(), cfg.copies);
        let mut inputs = train.images.clone();
        let mut copy_start = Vec::with_capacity(copies.len());
        for (x, els) in train.images.iter().zip(&copies) {
            copy_start.push(inputs.len());
            for &e in els {
                inputs.push(group[e].act(x).map_err(|e| e.0)?);
            }
        }
        inputs.extend(test.images.iter().cloned());
        for x in &test.images {
            inputs.push(cfg.g.act(x).map_err(|e| format!("g cannot move a test image: {}", e.0))?);
        }
        let features = Vec::with_capacity(inputs.len());
        // Both heads start from the same random weights: any difference is the data's.
        let h = SoftmaxHead::new(&mut rng, CLASS_NAMES.len(), 1);
        let order = Rng::new(cfg.seed ^ 0x5eed);
        Ok(Trainer {
            cfg,
            body,
            train,
            test,
            group,
            copies,
            inputs,
            copy_start,
            features,
            mean: 0.0,
            scale: 1.0,
            heads: [h.clone(), h],
            history: Vec::new(),
            order,
        })
    }

    /// `(done, total)` images through the body.
    pub fn prepared(&self) -> (usize, usize) {
        (self.features.len(), self.inputs.len())
    }

    pub fn ready(&self) -> bool {
        self.features.len() == self.inputs.len()
    }

    /// Epochs trained so far.
    pub fn epochs(&self) -> usize {
        self.history.last().map_or(0, |s| s.epoch)
    }

    /// Do units of work (one image's features, or one epoch) until `epochs`
    /// epochs are trained or `more()` says stop (asked after each unit).
    /// Returns how many units were done.
    pub fn step(&mut self, epochs: usize, more: &mut dyn FnMut() -> bool) -> Result<usize, String> {
        let mut units = 0;
        loop {
            if !self.ready() {
                self.featurize_next()?;
            } else if self.epochs() < epochs {
                self.epoch();
            } else {
                return Ok(units);
            }
            units += 1;
            if !more() {
                return Ok(units);
            }
        }
    }

    /// Run to `epochs` in one go (tests, benchmarks).
    pub fn run(&mut self, epochs: usize) -> Result<(), String> {
        self.step(epochs, &mut || true).map(|_| ())
    }

    fn featurize_next(&mut self) -> Result<(), String> {
        let x = &self.inputs[self.features.len()];
        let y = self.body.forward(x).map_err(|e| e.0)?;
        let len = y.data.len();
        self.features.push(Array1::from_shape_vec(len, y.data.iter().copied().collect()).expect("length matches"));
        if self.ready() {
            self.finish_features();
        }
        Ok(())
    }

    /// Centre and scale the features, start both heads (same random weights)
    /// and record epoch 0.
    fn finish_features(&mut self) {
        let train = &self.features[..self.train.images.len()];
        let count = train.iter().map(|f| f.len()).sum::<usize>().max(1) as f32;
        let mean = train.iter().map(|f| f.sum()).sum::<f32>() / count;
        let var = train.iter().map(|f| f.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>()).sum::<f32>() / count;
        let dim = self.features.first().map_or(1, |f| f.len());
        // Unit mean square per feature vector: one learning rate fits every body.
        let scale = 1.0 / (var.sqrt().max(1e-6) * (dim as f32).sqrt());
        for f in self.features.iter_mut() {
            f.mapv_inplace(|v| (v - mean) * scale);
        }
        (self.mean, self.scale) = (mean, scale);
        let h = SoftmaxHead::new(&mut Rng::new(self.cfg.seed ^ 0x4ead), CLASS_NAMES.len(), dim);
        self.heads = [h.clone(), h];
        self.history = vec![self.measure(0)];
    }

    /// The features of training sample `i` (`with_copies`: and of its copies).
    fn samples(&self, i: usize, with_copies: bool) -> impl Iterator<Item = (ArrayView1<'_, f32>, usize)> + '_ {
        let y = self.train.labels[i];
        let copies = if with_copies { self.copies[i].len() } else { 0 };
        let start = self.copy_start[i];
        std::iter::once(self.features[i].view())
            .chain((start..start + copies).map(|k| self.features[k].view()))
            .map(move |f| (f, y))
    }

    fn epoch(&mut self) {
        let n = self.train.images.len();
        let order = self.order.permutation(n);
        let (lr, wd) = (self.cfg.lr, self.cfg.weight_decay);
        for chunk in order.chunks(self.cfg.batch.max(1)) {
            for h in [PLAIN, AUGMENTED] {
                let batch: Vec<_> = chunk.iter().flat_map(|&i| self.samples(i, h == AUGMENTED)).collect();
                let mut head = self.heads[h].clone();
                head.step(&batch, lr, wd);
                self.heads[h] = head;
            }
        }
        let e = self.epochs() + 1;
        let stats = self.measure(e);
        self.history.push(stats);
    }

    fn measure(&self, epoch: usize) -> EpochStats {
        let n = self.train.images.len();
        let t0 = self.inputs.len() - 2 * self.test.images.len();
        let nt = self.test.images.len();
        let mut s = EpochStats { epoch, loss: [0.0; 2], invariance: [0.0; 2], acc_x: [0.0; 2], acc_gx: [0.0; 2] };
        for h in [PLAIN, AUGMENTED] {
            let head = &self.heads[h];
            s.loss[h] = head.evaluate((0..n).flat_map(|i| self.samples(i, h == AUGMENTED))).0;
            let test = |off: usize| (0..nt).map(move |i| (self.features[off + i].view(), self.test.labels[i]));
            s.acc_x[h] = head.evaluate(test(t0)).1;
            s.acc_gx[h] = head.evaluate(test(t0 + nt)).1;
            let err: f64 = (0..nt)
                .map(|i| {
                    let zx = head.logits(self.features[t0 + i].view()).into_dyn();
                    let zgx = head.logits(self.features[t0 + nt + i].view()).into_dyn();
                    relative_error(&zgx, &zx)
                })
                .sum();
            s.invariance[h] = err / nt.max(1) as f64;
        }
        s
    }

    /// The body followed by head `h` as one model (the standardisation folded
    /// into the weights: `W((f − m)s) + b = (sW) f + (b − m sW·1)`), for the
    /// per-layer check.
    pub fn model(&self, h: usize) -> Model {
        let head = &self.heads[h.min(1)];
        let mut layers = self.body.layers.clone();
        let weight = &head.weight * self.scale;
        let bias = &head.bias - &(weight.sum_axis(ndarray::Axis(1)) * self.mean);
        layers.push(Arc::new(Dense { weight, bias }));
        Model::new(format!("{} + {} head", self.body.name, if h == AUGMENTED { "augmented" } else { "plain" }), layers)
    }

    /// The per-layer check of body + head `h` on test sample `i` under `g`.
    pub fn check(&self, h: usize, i: usize) -> Result<crate::engine::pipelines::Pipelines, String> {
        let x = self.test.images.get(i).ok_or("no such test sample")?;
        crate::engine::pipelines::run(&self.model(h), x, &self.cfg.g)
    }
}

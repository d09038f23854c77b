//! Training a digit classifier: minibatches of freshly generated digits
//! (every step sees new ones, so the generator's random hand is the data
//! augmentation: shifts, slants, sizes, thickness), gradients summed over
//! the batch on several threads, Adam with a cosine learning-rate decay,
//! and the validation accuracy measured as it goes; the best parameters win.
//!
//! Deterministic: sample `i` of step `s` is training digit `s · batch + i`,
//! the start comes from the seed, and the threads' sums are added in a
//! fixed order, so the same command gives the same weights on one machine.

use super::adam::Adam;
use super::dataset::Dataset;
use super::digits::{self, Split};
use super::network::Network;
use crate::engine::kernels::conv2d::Padding;
use crate::engine::layers::orient_pool::OrientReduce;
use crate::engine::layers::pool::PoolMode;
use crate::engine::model::Model;
use crate::engine::models::image::trained::{pieces, Spec, CLASSES};
use crate::engine::models::image::ImageModelConfig;
use crate::engine::rng::Rng;
use crate::engine::space::{Signal, Tensor};
use ndarray::Axis;

/// Everything that determines a training run.
#[derive(Clone, Debug, PartialEq)]
pub struct FitConfig {
    pub spec: Spec,
    /// Input side.
    pub size: usize,
    pub steps: usize,
    pub batch: usize,
    /// Peak learning rate (after a short warm-up), decayed to `lr · final_lr` by a cosine.
    pub lr: f32,
    pub final_lr: f32,
    pub weight_decay: f32,
    /// Validation digits, and how many steps between two measurements.
    pub validation: usize,
    pub eval_every: usize,
    pub threads: usize,
    pub seed: u64,
}

/// The lab settings the networks are trained in (the lab's defaults).
pub fn training_settings(spec: &Spec, size: usize) -> ImageModelConfig {
    ImageModelConfig {
        arch: spec.arch,
        padding: Padding::Circular,
        pool: PoolMode::Max,
        orient: OrientReduce::Max,
        input_size: size,
        ..ImageModelConfig::default()
    }
}

/// He-uniform weights for every layer (fan-in: the inputs of one output),
/// zero biases.
pub fn init_params(spec: &Spec, size: usize, rng: &mut Rng) -> Vec<Tensor> {
    spec.shapes(size)
        .into_iter()
        .enumerate()
        .map(|(k, shape)| {
            if k % 2 == 1 {
                return Tensor::zeros(shape);
            }
            let fan_in: usize = shape[1..].iter().product();
            let n: usize = shape.iter().product();
            Tensor::from_shape_vec(shape, rng.weights(n, fan_in)).expect("length matches shape")
        })
        .collect()
}

/// The network of `spec` with `params`, in the training settings.
pub fn network(spec: &Spec, params: &[Tensor], size: usize) -> Network {
    Network::from_pieces(pieces(spec, params, size, &training_settings(spec, size)).expect("params fit the spec"))
}

/// Split `0..n` into `parts` contiguous ranges.
fn chunks(n: usize, parts: usize) -> Vec<std::ops::Range<usize>> {
    let parts = parts.clamp(1, n.max(1));
    (0..parts).map(|p| p * n / parts..(p + 1) * n / parts).collect()
}

/// Summed loss, correct count and gradients of `samples` on `threads` threads.
fn batch_grads(net: &Network, samples: &[(Signal, usize)], threads: usize) -> (f64, usize, Vec<Tensor>) {
    let parts: Vec<(f64, usize, Vec<Tensor>)> = std::thread::scope(|s| {
        let handles: Vec<_> = chunks(samples.len(), threads)
            .into_iter()
            .map(|r| {
                let part = &samples[r];
                s.spawn(move || {
                    let mut sum: Option<Vec<Tensor>> = None;
                    let (mut loss, mut right) = (0.0f64, 0usize);
                    for (x, y) in part {
                        let g = net.sample_grads(x, *y).expect("the network runs on a digit");
                        loss += g.loss as f64;
                        right += usize::from(argmax(&g.scores) == *y);
                        match &mut sum {
                            None => sum = Some(g.grads),
                            Some(acc) => acc.iter_mut().zip(&g.grads).for_each(|(a, b)| *a += b),
                        }
                    }
                    (loss, right, sum.unwrap_or_default())
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a training thread panicked")).collect()
    });
    let mut total: Option<Vec<Tensor>> = None;
    let (mut loss, mut right) = (0.0, 0);
    for (l, r, g) in parts {
        loss += l;
        right += r;
        if g.is_empty() {
            continue;
        }
        match &mut total {
            None => total = Some(g),
            Some(acc) => acc.iter_mut().zip(&g).for_each(|(a, b)| *a += b),
        }
    }
    (loss, right, total.unwrap_or_default())
}

/// The first index of the largest value.
pub fn argmax(v: &[f32]) -> usize {
    (0..v.len()).fold(0, |b, k| if v[k] > v[b] { k } else { b })
}

/// Accuracy and confusion matrix (`[true][predicted]`) of `model` on `set`.
pub fn evaluate(model: &Model, set: &Dataset, threads: usize) -> (f32, [[u32; CLASSES]; CLASSES]) {
    let preds: Vec<usize> = std::thread::scope(|s| {
        let handles: Vec<_> = chunks(set.images.len(), threads)
            .into_iter()
            .map(|r| {
                let images = &set.images[r];
                s.spawn(move || {
                    images
                        .iter()
                        .map(|x| {
                            let z = model.forward(x).expect("the model runs on a digit").data;
                            argmax(&z.iter().copied().collect::<Vec<_>>())
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("an evaluation thread panicked")).collect()
    });
    let mut confusion = [[0u32; CLASSES]; CLASSES];
    for (&p, &y) in preds.iter().zip(&set.labels) {
        confusion[y][p] += 1;
    }
    let right: u32 = (0..CLASSES).map(|k| confusion[k][k]).sum();
    (right as f32 / set.labels.len().max(1) as f32, confusion)
}

/// What a measurement during training saw.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub step: usize,
    pub lr: f32,
    /// Mean training loss and accuracy since the last measurement.
    pub train_loss: f32,
    pub train_accuracy: f32,
    pub validation_accuracy: f32,
}

/// The learning rate at `step`: a linear warm-up over the first 2% of the
/// steps, then a cosine from `lr` down to `lr · final_lr`.
pub fn learning_rate(cfg: &FitConfig, step: usize) -> f32 {
    let warm = (cfg.steps / 50).max(1);
    if step < warm {
        return cfg.lr * (step + 1) as f32 / warm as f32;
    }
    let t = (step - warm) as f32 / (cfg.steps - warm).max(1) as f32;
    let cos = 0.5 * (1.0 + (std::f32::consts::PI * t).cos());
    cfg.lr * (cfg.final_lr + (1.0 - cfg.final_lr) * cos)
}

/// Train from `start` (or from a fresh seeded start); returns the
/// parameters with the best validation accuracy and that accuracy.
pub fn fit(cfg: &FitConfig, start: Option<Vec<Tensor>>, mut report: impl FnMut(&Progress)) -> (Vec<Tensor>, f32) {
    let mut params = start.unwrap_or_else(|| init_params(&cfg.spec, cfg.size, &mut Rng::new(cfg.seed)));
    let validation = digits::dataset(Split::Validation, 0, cfg.validation, cfg.size);
    let mut adam = Adam::new(&params, cfg.weight_decay);
    let mut best = (params.clone(), -1.0f32);
    let (mut loss_sum, mut right, mut seen) = (0.0f64, 0usize, 0usize);
    for step in 0..cfg.steps {
        let net = network(&cfg.spec, &params, cfg.size);
        let samples: Vec<(Signal, usize)> = (0..cfg.batch as u64)
            .map(|i| {
                let (img, y) = digits::sample(Split::Train, (step * cfg.batch) as u64 + i, cfg.size);
                (Signal::image(img.insert_axis(Axis(0))), y)
            })
            .collect();
        let (loss, r, mut grads) = batch_grads(&net, &samples, cfg.threads);
        grads.iter_mut().for_each(|g| *g /= cfg.batch as f32);
        let lr = learning_rate(cfg, step);
        adam.step(&mut params, &grads, lr);
        loss_sum += loss;
        right += r;
        seen += samples.len();
        if (step + 1) % cfg.eval_every == 0 || step + 1 == cfg.steps {
            let model = network(&cfg.spec, &params, cfg.size).model(cfg.spec.arch.name());
            let (acc, _) = evaluate(&model, &validation, cfg.threads);
            report(&Progress {
                step: step + 1,
                lr,
                train_loss: (loss_sum / seen.max(1) as f64) as f32,
                train_accuracy: right as f32 / seen.max(1) as f32,
                validation_accuracy: acc,
            });
            (loss_sum, right, seen) = (0.0, 0, 0);
            if acc >= best.1 {
                best = (params.clone(), acc);
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_learning_rate_warms_up_then_decays_to_its_floor() {
        let cfg = FitConfig {
            spec: Spec { arch: crate::engine::models::image::ImageArch::CnnGap, channels: [2, 2], kernels: [3, 3] },
            size: 16,
            steps: 100,
            batch: 4,
            lr: 1e-3,
            final_lr: 0.1,
            weight_decay: 0.0,
            validation: 10,
            eval_every: 50,
            threads: 1,
            seed: 1,
        };
        assert!(learning_rate(&cfg, 0) < learning_rate(&cfg, 1));
        assert!((learning_rate(&cfg, 2) - 1e-3).abs() < 1e-6);
        assert!((learning_rate(&cfg, 99) - 1e-4).abs() < 1e-5);
        assert_eq!(chunks(10, 3), vec![0..3, 3..6, 6..10]);
    }
}

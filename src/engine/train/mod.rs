//! Training, in two parts.
//!
//! The data augmentation lab (`dataset`, `head`, `trainer`): the alternative
//! to building a symmetry into the layers is to show the network transformed
//! copies of its data. A fixed feature extractor (the body of an image model
//! preset, up to its flatten or global pooling) feeds a trainable linear
//! softmax head. Two heads are trained side by side on the same samples, one
//! of them also on each sample's copies under an augmentation group (quarter
//! turns, flips or shifts). The lab then measures accuracy on the test set
//! and on the test set moved by `g`, and the head's invariance error under
//! `g`, with the same check every other lab uses ([`crate::engine::check`]).
//! What it shows: augmentation makes the head approximately invariant (the
//! error falls with epochs and with the number of copies) at the price of
//! more data and compute; a body that is invariant by construction
//! (`cnn-gap` under cyclic shifts, `p4cnn` under quarter turns) gives
//! exactly zero error for every head, trained or not.
//!
//! The digit classifiers behind the image lab's `filters=trained` (native
//! only, `examples/train_digits.rs`): generated handwritten digits
//! (`digits`), a backward pass for every layer of the image presets
//! (`backprop`), the chain rule and the loss (`network`), Adam (`adam`) and
//! the training loop (`fit`). The result is committed and loaded by
//! [`crate::engine::models::image::trained`].

pub mod adam;
pub mod backprop;
pub mod dataset;
pub mod digits;
pub mod fit;
pub mod head;
pub mod network;
pub mod trainer;

pub use dataset::{AugGroup, Dataset, CLASS_NAMES};
pub use head::SoftmaxHead;
pub use trainer::{EpochStats, TrainConfig, Trainer};

//! Symmetry Lab: an interactive teaching app for geometric deep learning.
//!
//! Layers, bottom to top (each depends only on the ones below it):
//! - [`engine`]: pure maths on `ndarray`: groups and their actions, layers,
//!   models and the equivariance check. No web crates; tested natively.
//! - [`io`]: parsing and encoding of user input (images, URL state, the `g=`
//!   grammar). Pure, and never panics on any bytes.
//! - `viz`: drawing engine values onto canvases (browser only).
//! - `app`: the yew components, one folder per lab (browser only).
#![forbid(unsafe_code)]

pub mod engine;
pub mod export_samples;
pub mod io;
pub mod workloads;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod viz;

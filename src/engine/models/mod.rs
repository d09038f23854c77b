//! Architecture presets of each lab, built from seeded or hand-made weights.

pub mod filters;
pub mod graph;
pub mod image;

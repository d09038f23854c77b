//! Architecture presets of each lab, built from seeded or hand-made weights.

pub mod filters;
pub mod image;
pub mod recurrent_weights;
pub mod sequence;

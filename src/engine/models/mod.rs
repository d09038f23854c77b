//! Architecture presets of each lab, built from seeded or hand-made weights.

pub mod filters;
pub mod gcnn;
pub mod image;

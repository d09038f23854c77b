//! Architecture presets of each lab, built from seeded or hand-made weights.

pub mod dna;
pub mod filters;
pub mod graph;
pub mod image;
pub mod motif;
pub mod sequence;

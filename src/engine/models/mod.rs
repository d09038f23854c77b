//! Architecture presets of each lab, built from seeded or hand-made weights.

pub mod digit_weights;
pub mod dna;
pub mod filters;
pub mod gcnn;
pub mod graph;
pub mod image;
pub mod motif;
pub mod recurrent_weights;
pub mod sequence;
pub mod trained;

//! Parsing and encoding of everything a user can hand the app: the `g=`
//! transformation grammar, URL query state, image files, FASTA files and
//! typed sequences, and the presets.
//! Pure Rust, no web crates, and no panic on any input.

pub mod dna_presets;
pub mod fasta;
pub mod image_decode;
pub mod image_presets;
pub mod image_settings;
pub mod query;
pub mod sequence_presets;
pub mod sequence_settings;
pub mod transform_expr;

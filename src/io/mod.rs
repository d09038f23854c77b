//! Parsing and encoding of everything a user can hand the app: the `g=`
//! transformation grammar, URL query state, image files, graph files (edge
//! lists and JSON), FASTA files and typed sequences, and the presets.
//! Pure Rust, no web crates, and no panic on any input.

pub mod byte_reader;
pub mod classroom_settings;
pub mod dna_link;
pub mod dna_presets;
pub mod dna_settings;
pub mod fasta;
pub mod graph_file;
pub mod graph_karate;
pub mod graph_link;
pub mod graph_molecules;
pub mod graph_presets;
pub mod graph_settings;
pub mod image_decode;
pub mod image_presets;
pub mod image_settings;
pub mod import_state;
pub mod query;
pub mod sequence_presets;
pub mod sequence_settings;
pub mod train_settings;
pub mod transform_edit;
pub mod transform_expr;
pub mod url_codec;
pub mod url_fields;

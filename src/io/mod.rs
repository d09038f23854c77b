//! Parsing and encoding of everything a user can hand the app: the `g=`
//! transformation grammar, URL query state, image and graph files, and presets.
//! Pure Rust, no web crates, and no panic on any input.

pub mod graph_edge_list;
pub mod graph_file;
pub mod graph_json;
pub mod graph_karate;
pub mod graph_molecules;
pub mod graph_presets;
pub mod image_decode;
pub mod image_presets;
pub mod query;
pub mod transform_expr;

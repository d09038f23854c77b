//! Parsing and encoding of everything a user can hand the app: the `g=`
//! transformation grammar, URL query state, image files and presets.
//! Pure Rust, no web crates, and no panic on any input.

pub mod image_decode;
pub mod image_presets;
pub mod query;
pub mod sequence_presets;
pub mod transform_expr;

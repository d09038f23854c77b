//! The engine: pure maths on `ndarray`, no web crates.
//!
//! The central idea is one abstraction shared by all labs: a group element
//! ([`transform::Transform`]) acts on a signal ([`space::Signal`]) according
//! to the space it lives on ([`action`]); every layer ([`layers::Layer`])
//! computes the space of its output; so the check ([`check`]) can compare
//! `Φ_k(g·x)` with `ρ_k(g)·Φ_k(x)` for any model of any lab.

pub mod action;
pub mod analysis;
pub mod check;
pub mod downsample;
pub mod export;
pub mod filter_bank;
pub mod graph;
pub mod graph_edit;
pub mod graph_input;
pub mod graph_views;
pub mod grid_group;
pub mod groups;
pub mod kernels;
pub mod layers;
pub mod layout;
pub mod model;
pub mod models;
pub mod nucleotide;
pub mod orbit_motion;
pub mod pipelines;
pub mod planes;
pub mod prediction;
pub mod receptive_field;
pub mod rng;
pub mod scramble;
pub mod space;
pub mod strand_window;
pub mod stride_parity;
pub mod strokes;
pub mod sweep;
pub mod text;
pub mod train;
pub mod transform;
pub mod wl;
pub mod wl_pair;

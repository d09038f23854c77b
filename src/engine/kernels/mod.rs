//! Numerical kernels: fast versions used by the layers, each checked in tests
//! against a slow, obviously correct reference.

pub mod conv1d;
pub mod conv2d;
pub mod conv2d_direct;
pub mod group_bank;

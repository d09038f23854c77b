//! libFuzzer entry point; the body is `symmetry_lab_fuzz::state_import` (shared with
//! the corpus replay in `tests/fuzz_corpus.rs`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| symmetry_lab_fuzz::state_import(data));

//! libFuzzer entry point; the body is `symmetry_lab_fuzz::url_state` (shared with
//! the corpus replay in `tests/fuzz_corpus.rs`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| symmetry_lab_fuzz::url_state(data));

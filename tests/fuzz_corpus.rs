//! Replays every committed fuzz input through the same code as the cargo-fuzz
//! targets, without libFuzzer: the seed corpora (`fuzz/corpus/<target>/`) and
//! every past finding (`fuzz/regressions/<target>/`). So `cargo test` alone
//! shows that no input the fuzzers ever kept panics, hangs or blows up.

#[path = "../fuzz/src/lib.rs"]
mod harness;

use std::path::Path;
use std::time::{Duration, Instant};

/// The body of a fuzz target.
type Body = fn(&[u8]);

/// The targets and their bodies (keep in step with fuzz/Cargo.toml).
const TARGETS: &[(&str, Body)] = &[
    ("image_decode", harness::image_decode),
    ("fasta", harness::fasta),
    ("sequence_text", harness::sequence_text),
    ("graph_file", harness::graph_file),
    ("graph_edge_list", harness::graph_edge_list),
    ("graph_json", harness::graph_json),
    ("url_state", harness::url_state),
    ("transform_expr", harness::transform_expr),
    ("state_import", harness::state_import),
];

/// The same per-input limit as libFuzzer's `-timeout` in scripts/fuzz.sh,
/// with room for an unoptimised test build.
const PER_INPUT: Duration = Duration::from_secs(30);

#[test]
fn every_committed_fuzz_input_runs_cleanly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for (target, body) in TARGETS {
        let mut files = 0;
        for dir in ["corpus", "regressions"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else { continue };
            for entry in entries.flatten() {
                let path = entry.path();
                let bytes = std::fs::read(&path).unwrap_or_default();
                let start = Instant::now();
                body(&bytes);
                let took = start.elapsed();
                assert!(took < PER_INPUT, "{} took {took:?}", path.display());
                files += 1;
            }
        }
        assert!(files > 0, "no seed corpus for the fuzz target {target}");
        count += files;
    }
    assert!(count >= TARGETS.len());
}

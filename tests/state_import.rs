//! Exported states read back: for every lab that exports, a small real export
//! (`engine::export`) is parsed by `io::import_state` and gives back its lab,
//! its link and its input exactly.
//!
//! The same exports are the seeds of the `state_import` fuzz target:
//! `WRITE_STATE_SEEDS=1 cargo test --test state_import` rewrites
//! `fuzz/corpus/state_import/` (the exports, then damaged copies of them:
//! truncated, malformed, huge numbers, nulls, deep nesting, lying shapes).

use symmetry_lab::export_samples::samples as exports;
use symmetry_lab::io::import_state::{parse_state, MAX_NESTING};
use symmetry_lab::io::query::HashLocation;

#[test]
fn every_lab_s_export_reads_back_its_lab_link_and_input() {
    for e in exports() {
        let s = parse_state(e.json.as_bytes()).unwrap_or_else(|err| panic!("{}: {err}", e.lab));
        assert_eq!(s.lab, e.lab);
        assert_eq!(s.url, HashLocation::parse(&e.url).unwrap());
        assert_eq!(s.input.as_ref(), Some(&e.input.data), "{}", e.lab);
    }
}

#[test]
fn damaged_exports_are_refused_with_a_message() {
    for e in exports() {
        for (name, bytes) in damaged(&e.json) {
            if let Err(m) = parse_state(&bytes) {
                assert!(!m.is_empty(), "{name}");
            }
        }
        // Cut after a comma: a cut inside a number is refused as an invalid number instead.
        let cut = e.json[..e.json.len() / 2].rfind(',').map_or(e.json.len() / 2, |i| i + 1);
        let half = &e.json.as_bytes()[..cut];
        let err = parse_state(half).unwrap_err();
        assert!(err.contains("EOF"), "{}: {err}", e.lab);
    }
}

/// Damaged copies of an export, named for the seed files.
fn damaged(json: &str) -> Vec<(String, Vec<u8>)> {
    let input_at = json.find("\"input\":{\"data\":[").map(|i| i + "\"input\":{\"data\":[".len());
    let mut out = vec![
        ("truncated".to_string(), json.as_bytes()[..json.len() * 2 / 3].to_vec()),
        ("no-format".into(), json.replacen("symmetry-lab/1", "symmetry-lab/2", 1).into_bytes()),
        ("wrong-lab".into(), json.replacen("\"lab\":\"", "\"lab\":\"x", 1).into_bytes()),
        ("bom".into(), [b"\xEF\xBB\xBF".as_slice(), json.as_bytes()].concat()),
        ("deep".into(), format!("{}{}", "[".repeat(MAX_NESTING + 8), "]".repeat(MAX_NESTING + 8)).into_bytes()),
        (
            "nested-extra".into(),
            json.replacen('{', &format!("{{\"x\":{}1{},", "[".repeat(30), "]".repeat(30)), 1).into_bytes(),
        ),
        ("not-an-object".into(), b"[\"symmetry-lab/1\"]".to_vec()),
    ];
    if let Some(i) = input_at {
        let with = |v: &str| format!("{}{v},{}", &json[..i], &json[i..]).into_bytes();
        out.push(("huge-number".into(), with("1e300")));
        out.push(("too-big-for-f64".into(), with("1e999")));
        out.push(("null-value".into(), with("null")));
        out.push(("long-number".into(), with(&format!("0.{}", "1".repeat(400)))));
    }
    out.push(("lying-shape".into(), json.replacen("\"shape\":[", "\"shape\":[99999999999999999999,", 1).into_bytes()));
    out.push(("big-shape".into(), json.replacen("\"shape\":[", "\"shape\":[4000000,4000000,", 1).into_bytes()));
    out
}

#[test]
fn write_the_fuzz_seeds_when_asked() {
    if std::env::var_os("WRITE_STATE_SEEDS").is_none() {
        return;
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/state_import");
    std::fs::create_dir_all(&dir).unwrap();
    for e in exports() {
        std::fs::write(dir.join(format!("{}.json", e.lab)), &e.json).unwrap();
        if e.lab == "image" {
            for (name, bytes) in damaged(&e.json) {
                std::fs::write(dir.join(format!("{}-{name}.json", e.lab)), bytes).unwrap();
            }
        }
    }
    let minimal = r##"{"format":"symmetry-lab/1","lab":"sequence","url":"#/sequence?g=warp(2)","input":null}"##;
    std::fs::write(dir.join("minimal.json"), minimal).unwrap();
}

//! Exported states read back: for every lab that exports, a small real export
//! (`engine::export`) is parsed by `io::import_state` and gives back its lab,
//! its link and its input exactly.
//!
//! The same exports are the seeds of the `state_import` fuzz target:
//! `WRITE_STATE_SEEDS=1 cargo test --test state_import` rewrites
//! `fuzz/corpus/state_import/` (the exports, then damaged copies of them:
//! truncated, malformed, huge numbers, nulls, deep nesting, lying shapes).

use ndarray::Axis;
use symmetry_lab::engine::export::Export;
use symmetry_lab::engine::model::Model;
use symmetry_lab::engine::models::{dna, graph, image, sequence};
use symmetry_lab::engine::nucleotide;
use symmetry_lab::engine::pipelines::{self, Pipelines};
use symmetry_lab::engine::space::Signal;
use symmetry_lab::io::import_state::{parse_state, MAX_NESTING};
use symmetry_lab::io::query::HashLocation;
use symmetry_lab::io::transform_expr::{self, Domain};
use symmetry_lab::io::{dna_settings, graph_presets, graph_settings, image_presets, image_settings};
use symmetry_lab::io::{sequence_presets, sequence_settings};

/// One lab's export: the document and what it was made from.
struct Exported {
    lab: &'static str,
    url: String,
    input: Signal,
    json: String,
}

fn export(lab: &'static str, url: HashLocation, model: &Model, x: Signal, g: &str, domain: Domain) -> Exported {
    let g = transform_expr::parse(g, domain).unwrap();
    let r: Pipelines = pipelines::run(model, &x, &g).unwrap();
    let url = url.to_hash();
    let json = Export {
        lab,
        url: url.clone(),
        input: &x,
        transformed: &r.gx,
        g: &g,
        model,
        trace_x: &r.trace_x,
        trace_gx: &r.trace_gx,
        checks: &r.checks,
    }
    .to_json()
    .to_string();
    Exported { lab, url, input: x, json }
}

/// The link a lab writes for its settings, with `g` set to what was exported.
fn link<S>(write: fn(&mut HashLocation, &S), s: &S, g: &str) -> HashLocation {
    let mut loc = HashLocation::default();
    write(&mut loc, s);
    loc.set("g", Some(g.into()));
    loc
}

/// Small exports of every lab (small inputs and models, so the seeds stay a few kB).
fn exports() -> Vec<Exported> {
    let img_cfg = image::ImageModelConfig { input_size: 6, channels: 2, ..Default::default() };
    let img = Signal::image(image_presets::render("letter", 6).unwrap().insert_axis(Axis(0)));
    let img_url = link(image_settings::write, &image_settings::ImageSettings::default(), "rot90");

    let tri = graph_presets::two_triangles();
    let feats = tri.signal(tri.available_features()[0]).unwrap();
    let (n, f) = (feats.data.shape()[0], feats.data.shape()[1]);
    let gcfg = graph::GraphModelConfig { hidden: 2, ..Default::default() };
    let gmodel = graph::build(&gcfg, n, f).unwrap();
    let gurl = link(graph_settings::write, &graph_settings::GraphSettings::default(), "perm(7)");

    let dcfg = dna::DnaModelConfig { filters: 1, kernel: 3, ..Default::default() };
    let strand = nucleotide::encode("ACGTTGCAN").unwrap();
    let durl = link(dna_settings::write, &dna_settings::DnaSettings::default(), "rc;shift(1)");

    let scfg = sequence::SequenceModelConfig { hidden: 2, ..Default::default() };
    let sampling = sequence_presets::Sampling { duration: 1.0, rate: 4.0 };
    let series = sequence_presets::render("melody", sampling).unwrap();
    let surl = link(sequence_settings::write, &sequence_settings::SequenceSettings::default(), "delay(2)");
    vec![
        export("image", img_url, &image::build(&img_cfg), img, "rot90", Domain::Image),
        export("graph", gurl, &gmodel, feats, "perm(7)", Domain::Graph),
        export("dna", durl, &dna::build(&dcfg), strand, "rc;shift(1)", Domain::Dna),
        export("sequence", surl, &sequence::build(&scfg), series, "delay(2)", Domain::Sequence),
    ]
}

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
        let half = &e.json.as_bytes()[..e.json.len() / 2];
        assert!(parse_state(half).unwrap_err().contains("EOF"), "{}", e.lab);
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

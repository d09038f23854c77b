//! The bodies of the fuzz targets, one function per target, each taking the
//! raw bytes libFuzzer made up. They call a parser the way the app does, then
//! use what it accepted the way a lab would, so a value that parses but
//! breaks the next step is found too.
//!
//! The same functions replay the committed corpora in the native test suite
//! (`tests/fuzz_corpus.rs` includes this file), so `cargo test` reruns every
//! seed and every past finding without libFuzzer.
//!
//! Besides "no panic", two properties are asserted because a violation is a
//! real bug the user would see: a parsed URL state written back and read
//! again is the same state (copied links reproduce the view), and a parsed
//! `g=` expression printed and parsed again is the same transformation.
//!
//! For an imported state file the same holds for the link it carries: read
//! through its lab's settings reader, written back and read again, it gives
//! the same settings, with no error.

use ndarray::{Array1, Array2, Array3, Array4, Ix2, Ix3};
use std::fmt::Debug;
use std::sync::{Arc, OnceLock};
use symmetry_lab::engine::graph::Graph;
use symmetry_lab::engine::graph_input::{GraphInput, NodeMove};
use symmetry_lab::engine::grid_group::GridGroup;
use symmetry_lab::engine::models::sequence::{self, SequenceArch, SequenceModelConfig};
use symmetry_lab::engine::nucleotide;
use symmetry_lab::engine::space::{Signal, Space, Tensor};
use symmetry_lab::engine::transform::Transform;
use symmetry_lab::io::graph_file::{self, ParsedGraph, MAX_EDGES, MAX_NODES};
use symmetry_lab::io::graph_file::{edge_list as graph_edge_list, json as graph_json};
use symmetry_lab::io::import_state::{self, LABS, MAX_INPUT_ENTRIES};
use symmetry_lab::io::query::HashLocation;
use symmetry_lab::io::transform_expr::{self, Domain};
use symmetry_lab::io::{dna_settings, graph_settings, sequence_settings};
use symmetry_lab::io::{fasta, image_decode, image_settings};

/// The image lab's working size: decoded pictures are fitted into it.
const WORKING_SIZE: usize = 32;

/// `io::image_decode::decode`: PNG and JPEG bytes.
pub fn image_decode(data: &[u8]) {
    if let Ok(img) = image_decode::decode(data, WORKING_SIZE) {
        assert_eq!(img.pixels.dim(), (WORKING_SIZE, WORKING_SIZE));
        assert!(img.pixels.iter().all(|p| (0.0..=1.0).contains(p)), "pixels must lie in [0, 1]");
    }
}

/// `io::fasta::parse_fasta`: a FASTA file; accepted records go through the
/// DNA lab's one-hot encoding.
pub fn fasta(data: &[u8]) {
    if let Ok(f) = fasta::parse_fasta(data) {
        assert!(!f.records.is_empty() && f.records.len() <= fasta::MAX_RECORDS);
        for r in &f.records {
            assert!(!r.sequence.is_empty() && r.sequence.len() <= fasta::MAX_BASES);
            assert!(r.name.chars().count() <= fasta::MAX_NAME_CHARS);
            let strand = nucleotide::encode(&r.sequence).expect("accepted records encode");
            let _ = transform_expr::parse("rc;shift(1)", Domain::Dna).map(|g| g.act(&strand));
        }
    }
}

/// `io::fasta::parse_sequence_text`: what a user types or pastes in the editor.
pub fn sequence_text(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(t) = fasta::parse_sequence_text(&text) {
        assert!(!t.sequence.is_empty() && t.sequence.len() <= fasta::MAX_BASES);
        nucleotide::encode(&t.sequence).expect("accepted sequences encode");
    }
}

/// `io::graph_file::parse_graph_file`: either format, picked from the bytes.
pub fn graph_file(data: &[u8]) {
    if let Ok(p) = graph_file::parse_graph_file(data) {
        use_graph(p);
    }
}

/// `io::graph_file::edge_list::parse_edge_list`, directly.
pub fn graph_edge_list(data: &[u8]) {
    if let Ok(p) = graph_edge_list::parse_edge_list(data) {
        use_graph(p);
    }
}

/// `io::graph_file::json::parse_json`, directly.
pub fn graph_json(data: &[u8]) {
    if let Ok(p) = graph_json::parse_json(data) {
        use_graph(p);
    }
}

/// What the graph lab does with a loaded graph: every feature kind it
/// offers, labels, a drawing layout, and a node permutation of it all.
fn use_graph(p: ParsedGraph) {
    let input = p.input;
    let n = input.node_count();
    assert!((1..=MAX_NODES).contains(&n) && input.graph.edges().len() <= MAX_EDGES);
    assert!(input.graph.edges().iter().all(|&(u, v, w)| u < n && v < n && w.is_finite()));
    for kind in input.available_features() {
        let x = input.signal(kind).expect("offered features exist");
        assert_eq!(x.shape()[0], n);
    }
    assert_eq!(input.positions_or_circle().len(), n);
    let _ = input.label(n - 1);
    for expr in ["perm(3)", "swap(0,1);permx(5)"] {
        if let Ok(mv) = transform_expr::parse(expr, Domain::Graph).map(|g| NodeMove::of(&g, n)) {
            let _ = mv.map(|mv| input.permuted(&mv));
        }
    }
}

/// `io::query::HashLocation::parse` and every lab's `*_settings::read`.
/// Reading, writing back and reading again must give the same settings.
pub fn url_state(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let Ok(loc) = HashLocation::parse(&text) else { return };
    let again = HashLocation::parse(&loc.to_hash()).expect("a written location parses");
    assert_eq!(again, loc, "to_hash then parse must give the same location");
    round_trip(&loc, image_settings::read, image_settings::write);
    round_trip(&loc, graph_settings::read, graph_settings::write);
    round_trip(&loc, dna_settings::read, dna_settings::write);
    round_trip(&loc, sequence_settings::read, sequence_settings::write);
}

/// `io::import_state::parse_state`: an exported lab state (Import JSON).
/// Its link goes through its lab's settings reader, as if the page had been
/// opened at it (written back and read again it must give the same
/// settings, with no error); the input must have the lab's dimensions and
/// finite values, and the link's transformation acts on it.
pub fn state_import(data: &[u8]) {
    let Ok(s) = import_state::parse_state(data) else { return };
    assert_eq!(s.url.route, format!("/{}", s.lab), "the link belongs to the lab");
    let g = match s.lab.as_str() {
        "image" => round_trip(&s.url, image_settings::read, image_settings::write).g,
        "graph" => round_trip(&s.url, graph_settings::read, graph_settings::write).g,
        "dna" => round_trip(&s.url, dna_settings::read, dna_settings::write).g,
        "sequence" => round_trip(&s.url, sequence_settings::read, sequence_settings::write).g,
        other => panic!("an accepted state names the unknown lab {other}"),
    };
    if let Some(graph) = &s.graph {
        let n = graph.node_count();
        assert!(n <= MAX_NODES && graph.graph.edges().len() <= MAX_EDGES, "a restored graph is within the limits");
        assert!(graph.graph.edges().iter().all(|&(u, v, w)| u < n && v < n && w.is_finite()));
        for kind in graph.available_features() {
            assert_eq!(graph.signal(kind).expect("offered features exist").shape()[0], n);
        }
        assert_eq!(graph.positions_or_circle().len(), n);
    }
    let Some(x) = s.input else { return };
    let dims = LABS.iter().find(|(lab, _)| *lab == s.lab).map(|&(_, d)| d);
    assert_eq!(Some(x.ndim()), dims, "the input has the lab's dimensions");
    assert!((1..=MAX_INPUT_ENTRIES).contains(&x.len()));
    assert!(x.iter().all(|v| v.is_finite()), "imported inputs are finite");
    if let Some(x) = lab_signal(&s.lab, x) {
        let _ = g.act(&x);
    }
}

/// The input as the lab's signal: an image, node features (of a graph
/// without edges: the export does not hold the graph), a strand, a series.
fn lab_signal(lab: &str, x: Tensor) -> Option<Signal> {
    match lab {
        "image" => x.into_dimensionality::<Ix3>().ok().map(Signal::image),
        "graph" => {
            let graph = Arc::new(Graph::new(x.shape()[0], vec![]));
            Some(Signal::new(x, Space::Nodes { graph }))
        }
        "dna" => x.into_dimensionality::<Ix2>().ok().map(nucleotide::strand_signal),
        _ => x.into_dimensionality::<Ix2>().ok().map(Signal::sequence),
    }
}

/// Read a lab's settings from a link, write them back and read them again:
/// the same settings, and no error the second time.
fn round_trip<S: PartialEq + Debug>(
    loc: &HashLocation,
    read: fn(&HashLocation) -> (S, Vec<String>),
    write: fn(&mut HashLocation, &S),
) -> S {
    let (settings, _errors) = read(loc);
    let mut out = loc.clone();
    write(&mut out, &settings);
    let reread = HashLocation::parse(&out.to_hash()).expect("a written location parses");
    let (back, errors) = read(&reread);
    assert!(errors.is_empty(), "written settings read back without errors: {errors:?}");
    assert_eq!(back, settings, "written settings read back the same");
    settings
}

/// `io::transform_expr::parse` for every domain; each accepted transformation
/// is printed and re-parsed, inverted, composed, simplified and made to act
/// on a small signal of every space (where it has no action it must say so,
/// not panic), and runs the sequence lab's full check.
pub fn transform_expr(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for domain in [Domain::Image, Domain::Graph, Domain::Dna, Domain::Sequence] {
        let Ok(g) = transform_expr::parse(&text, domain) else { continue };
        let printed = if g.is_identity() { String::new() } else { g.to_string() };
        let again = transform_expr::parse(&printed, domain);
        assert_eq!(again.as_ref(), Ok(&g), "`{printed}` (printed from `{text}`) must parse back to the same");
        let _ = g.image_normal_form();
        let _ = g.simplified().to_string();
        let inverse = g.inverse();
        for x in signals() {
            if let Ok(y) = g.act(x) {
                if let Ok(inv) = &inverse {
                    let _ = inv.act(&y);
                }
            }
        }
        let _ = NodeMove::of(&g, 5);
        let _ = NodeMove::of(&g.then(&g), 1);
        if domain == Domain::Sequence {
            sequence_check(&g);
        }
    }
}

/// The sequence lab's check with tiny models of every architecture.
fn sequence_check(g: &Transform) {
    let x = Signal::sequence(Array2::from_shape_fn((5, 1), |(t, _)| t as f32 * 0.3 - 0.5));
    for arch in SequenceArch::ALL {
        let cfg = SequenceModelConfig { arch, hidden: 2, ..Default::default() };
        let _ = sequence::check(&cfg, &x, g);
    }
}

/// Small signals on every kind of space the labs use (built once).
fn signals() -> &'static [Signal] {
    static SIGNALS: OnceLock<Vec<Signal>> = OnceLock::new();
    SIGNALS.get_or_init(make_signals)
}

fn make_signals() -> Vec<Signal> {
    let ramp = |n: usize| (0..n).map(|i| (i as f32 * 0.37).sin()).collect::<Vec<f32>>();
    let graph = Arc::new(Graph::new(5, vec![(0, 1, 1.0), (1, 2, 1.0), (2, 0, 0.5), (3, 4, 1.0)]));
    let image = |c, h, w| Signal::image(Array3::from_shape_vec((c, h, w), ramp(c * h * w)).expect("sizes match"));
    let grid4 = |g: GridGroup, stride| {
        let o = g.order();
        let data = Array4::from_shape_vec((1, o, 4, 4), ramp(o * 16)).expect("sizes match").into_dyn();
        Signal::new(data, Space::GroupGrid { group: g, stride })
    };
    let fiber = |g: GridGroup| {
        let data = Array2::from_shape_vec((2, g.order()), ramp(2 * g.order())).expect("sizes match").into_dyn();
        Signal::new(data, Space::GroupFiber { group: g })
    };
    let mut out = vec![
        image(1, 6, 6),
        image(2, 5, 5),
        image(1, 4, 6),
        Signal::new(image(1, 3, 3).data, Space::Grid { stride: 2 }),
        grid4(GridGroup::C4, 1),
        grid4(GridGroup::D4, 2),
        fiber(GridGroup::C4),
        fiber(GridGroup::D4),
        Signal::new(
            Array1::from(ramp(16)).into_dyn(),
            Space::Flat { inner: Box::new(Space::Grid { stride: 1 }), shape: vec![1, 4, 4] },
        ),
        Signal::new(Array1::from(ramp(3)).into_dyn(), Space::Invariant),
        Signal::new(Array1::from(ramp(3)).into_dyn(), Space::Opaque),
        Signal::new(Array2::from_shape_vec((5, 2), ramp(10)).expect("sizes match").into_dyn(), Space::Nodes { graph }),
        Signal::new(Array2::zeros((1, 1)).into_dyn(), Space::Nodes { graph: Arc::new(Graph::new(1, vec![])) }),
        nucleotide::encode("ACGTN").expect("valid bases"),
        nucleotide::encode("G").expect("valid bases"),
        Signal::new(
            Array2::from_shape_vec((2, 3), ramp(6)).expect("sizes match").into_dyn(),
            Space::Strand { pairing: vec![1, 0] },
        ),
        Signal::sequence(Array2::from_shape_vec((5, 1), ramp(5)).expect("sizes match")),
        Signal::new(
            Array2::from_shape_vec((4, 3), ramp(12)).expect("sizes match").into_dyn(),
            Space::Trajectory { initial: vec![0.1, 0.2, 0.3] },
        ),
    ];
    let mut input = GraphInput::new(Graph::new(3, vec![(0, 1, 1.0)]));
    input.types = Some(vec!["C".into(), "O".into(), "C".into()]);
    out.extend(input.available_features().into_iter().filter_map(|k| input.signal(k).ok()));
    out
}

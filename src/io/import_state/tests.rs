//! The importer reads what it should and refuses the rest, saying the limit.

use super::*;

const HEAD: &str = r##"{"format":"symmetry-lab/1","lab":"image","url":"#/image?g=rot90""##;

fn with_input(input: &str) -> Vec<u8> {
    format!("{HEAD},\"input\":{input}}}").into_bytes()
}

#[test]
fn reads_a_minimal_state_and_refuses_others() {
    let s = parse_state(&with_input(r#"{"shape":[1,2,2],"data":[0,1,0.5,0]}"#)).unwrap();
    assert_eq!(s.url.get("g"), Some("rot90"));
    assert_eq!(s.input.unwrap().shape(), &[1, 2, 2]);
    assert!(parse_state(format!("{HEAD}}}").as_bytes()).unwrap().input.is_none());
    assert!(parse_state(b"{}").is_err());
    assert!(parse_state(b"not json").is_err());
    assert!(parse_state(b"[1, 2]").is_err());
    let wrong_lab = br##"{"format":"symmetry-lab/1","lab":"image","url":"#/graph"}"##;
    assert!(parse_state(wrong_lab).unwrap_err().contains("does not belong"));
    let unknown = br##"{"format":"symmetry-lab/1","lab":"trains","url":"#/trains"}"##;
    assert!(parse_state(unknown).unwrap_err().contains("unknown lab"));
    // The augmentation lab's own export (a test letter, one channel) reads back.
    let train = br##"{"format":"symmetry-lab/1","lab":"train","url":"#/train?g=rot90","input":{"shape":[1,1,2],"data":[0,1]}}"##;
    let s = parse_state(train).unwrap();
    assert_eq!((s.lab.as_str(), s.url.route.as_str()), ("train", "/train"));
    assert!(parse_state(&with_input(r#"{"shape":[1000,1000,1000],"data":[]}"#)).unwrap_err().contains("4000000"));
    assert!(parse_state(&with_input(r#"{"shape":[1,2,2],"data":[1]}"#)).unwrap_err().contains("1 values"));
    assert!(parse_state(&with_input(r#"{"shape":[4,4],"data":[]}"#)).unwrap_err().contains("has 3"));
    assert!(parse_state(&with_input(r#"{"data":[1]}"#)).unwrap_err().contains("no \"shape\""));
}

#[test]
fn the_byte_order_mark_and_unknown_keys_are_skipped() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(with_input(r#"{"shape":[1,1,1],"data":[2],"extra":[[{"a":null}]]}"#));
    let s = parse_state(&bytes).unwrap();
    assert_eq!(s.input.unwrap()[[0, 0, 0]], 2.0);
}

#[test]
fn numbers_beyond_f32_and_nulls_are_refused_not_made_infinite() {
    // 1e300 is a finite f64 but `as f32` makes it infinite; the labs assume finite inputs.
    let e = parse_state(&with_input(r#"{"shape":[1,1,2],"data":[0,1e300]}"#)).unwrap_err();
    assert!(e.contains("data[1]") && e.contains("3.4028235e38"), "{e}");
    assert!(parse_state(&with_input(r#"{"shape":[1,1,1],"data":[-3.5e38]}"#)).is_err());
    assert!(parse_state(&with_input(r#"{"shape":[1,1,1],"data":[3.4e38]}"#)).is_ok());
    let e = parse_state(&with_input(r#"{"shape":[1,1,1],"data":[null]}"#)).unwrap_err();
    assert!(e.contains("data[0] is null"), "{e}");
    assert!(parse_state(&with_input(r#"{"shape":[1,1,1],"data":[1e999]}"#)).is_err());
}

#[test]
fn every_size_is_limited_and_the_limit_is_stated() {
    let big = vec![b' '; MAX_STATE_BYTES + 1];
    assert!(parse_state(&big).unwrap_err().contains("64 MB"));

    let deep = format!("{}{}", "[".repeat(MAX_NESTING + 1), "]".repeat(MAX_NESTING + 1));
    let e = parse_state(deep.as_bytes()).unwrap_err();
    assert!(e.contains("32 deep") && e.contains("column 33"), "{e}");
    let ok_depth = format!("{HEAD},\"x\":{}{}}}", "[".repeat(MAX_NESTING - 1), "]".repeat(MAX_NESTING - 1));
    assert!(parse_state(ok_depth.as_bytes()).is_ok());
    // Brackets inside strings are text, not nesting.
    let in_string = format!("{HEAD},\"x\":\"{}\\\"[\"}}", "[".repeat(100));
    assert!(parse_state(in_string.as_bytes()).is_ok());

    let dims = with_input(r#"{"shape":[1,1,1,1,1,1,1],"data":[1]}"#);
    assert!(parse_state(&dims).unwrap_err().contains("more than 6 dimensions"));
    let zero = with_input(r#"{"shape":[1,0,1],"data":[]}"#);
    assert!(parse_state(&zero).unwrap_err().contains("between 1 and 4000000"));

    let mut data = "0,".repeat(MAX_INPUT_ENTRIES + 1);
    data.pop();
    let long = with_input(&format!(r#"{{"data":[{data}],"shape":[1,1,1]}}"#));
    let e = parse_state(&long).unwrap_err();
    assert!(e.contains("more than 4000000 entries") && e.contains("line 1"), "{e}");
}

#[test]
fn a_graph_state_brings_its_graph_and_a_damaged_one_is_refused() {
    let star = crate::io::graph_presets::load("star").unwrap();
    let code = crate::io::graph_link::encode(&star);
    let doc = format!(
        r##"{{"format":"symmetry-lab/1","lab":"graph","url":"#/graph?g=id","graph":{{"nodes":5,"edges":[[0,1,1]],"code":"{code}"}}}}"##
    );
    let s = parse_state(doc.as_bytes()).unwrap();
    assert_eq!(s.graph.as_ref().map(|g| &g.graph), Some(&star.graph), "positions are kept to 1/65535");
    let bad = r##"{"format":"symmetry-lab/1","lab":"graph","url":"#/graph","graph":{"code":"AAAA"}}"##;
    assert!(parse_state(bad.as_bytes()).unwrap_err().starts_with("the saved graph is unreadable"));
    // Another lab's file never restores a graph.
    let other = format!(r##"{{"format":"symmetry-lab/1","lab":"dna","url":"#/dna","graph":{{"code":"{code}"}}}}"##);
    assert_eq!(parse_state(other.as_bytes()).unwrap().graph, None);
}

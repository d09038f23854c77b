//! Unit tests of the FASTA and editor parsers: every rule of the module
//! documentation, and a property test that no bytes make them panic.

use super::*;
use proptest::prelude::*;

#[test]
fn several_records_crlf_lower_case_and_genbank_numbers() {
    let f = parse_fasta(b">one first\r\nacgt\r\nNNRY\r\n\r\n>two\r\n     1 gatc cttg\r\n    9 aa\r\n").unwrap();
    assert_eq!(f.records.len(), 2);
    assert_eq!(f.records[0], FastaRecord { name: "one first".into(), sequence: "ACGTNNRY".into(), line: 1 });
    assert_eq!(f.records[1].sequence, "GATCCTTGAA");
    assert_eq!(f.records[1].line, 5);
    assert!(f.notes.is_empty());
}

#[test]
fn old_mac_line_endings() {
    let f = parse_fasta(b">a\rACGT\rTT\r>b\rGG\r").unwrap();
    assert_eq!(f.records.len(), 2);
    assert_eq!(f.records[0].sequence, "ACGTTT");
    assert!(parse_fasta(b">a\rACXT\r").unwrap_err().starts_with("line 2, column 3"));
}

#[test]
fn bare_sequence_is_one_record_with_a_note() {
    let f = parse_fasta(b"\xEF\xBB\xBFGAATTC\nGAATTC\n").unwrap();
    assert_eq!(f.records.len(), 1);
    assert_eq!(f.records[0].sequence, "GAATTCGAATTC");
    assert!(f.notes[0].contains("no FASTA header"), "{:?}", f.notes);
}

#[test]
fn empty_records_are_reported_and_skipped() {
    let f = parse_fasta(b">a\n>b\nACGT\n>\n\n").unwrap();
    assert_eq!(f.records.len(), 1);
    assert_eq!(f.records[0].name, "b");
    assert_eq!(f.notes.len(), 2, "{:?}", f.notes);
    assert!(f.notes[0].contains("'a' (line 1)"));
    let e = parse_fasta(b">a\n>b\n").unwrap_err();
    assert!(e.contains("2 header(s)"), "{e}");
    assert_eq!(parse_fasta(b"  \r\n\n").unwrap_err(), "the file is empty");
    assert!(parse_fasta(b";comment only\n").is_err());
}

#[test]
fn refusals_give_line_and_column() {
    let e = parse_fasta(b">x\nACGT\nACXT\n").unwrap_err();
    assert!(e.starts_with("line 3, column 3: 'X'"), "{e}");
    let e = parse_fasta(b">x\r\nAC GT 7A\r\n").unwrap_err();
    assert!(e.starts_with("line 2, column 7") && e.contains("digits"), "{e}");
    let e = parse_fasta(b">p\nMEEPQSDPSV\n").unwrap_err();
    assert!(e.contains("column 2") && e.contains("protein"), "{e}");
    let e = parse_fasta(b">x\nAC\xC3\xA9T\n").unwrap_err();
    assert!(e.contains("'\u{e9}'") && e.contains("column 3"), "{e}");
    let e = parse_fasta(b">x\nAC\xFFT\n").unwrap_err();
    assert!(e.contains("0xFF"), "{e}");
    let e = parse_fasta(b">x\nAC-GT\n").unwrap_err();
    assert!(e.contains("gaps"), "{e}");
    let e = parse_sequence_text(">x\nACGT").unwrap_err();
    assert!(e.contains("line 1, column 1") && e.contains("header"), "{e}");
}

#[test]
fn limits_are_stated() {
    let big = vec![b'A'; MAX_FILE_BYTES + 1];
    assert!(parse_fasta(&big).unwrap_err().contains("at most 10 MB"));
    let long = vec![b'A'; MAX_BASES + 1];
    let e = parse_fasta(&long).unwrap_err();
    assert!(e.contains("1,000,000 bases"), "{e}");
    let many = ">r\nA\n".repeat(MAX_RECORDS + 1);
    assert!(parse_fasta(many.as_bytes()).unwrap_err().contains("10,000 records"));
}

#[test]
fn editor_text() {
    let t = parse_sequence_text("gaa ttc\r\nuuAG").unwrap();
    assert_eq!(t.sequence, "GAATTCTTAG");
    assert_eq!(t.notes.len(), 1);
    assert!(parse_sequence_text(" \n ").unwrap_err().contains("empty"));
    assert!(parse_sequence_text("ACGT1").unwrap_err().contains("column 5"));
}

fn iupac_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[ACGTNRYSWKMBDHVacgtn]{1,90}").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// No bytes make the parsers panic; whatever they accept is valid.
    #[test]
    fn never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        if let Ok(f) = parse_fasta(&bytes) {
            for r in &f.records {
                prop_assert!(!r.sequence.is_empty());
                prop_assert!(r.sequence.bytes().all(|b| base_set(b).is_some() && !b.is_ascii_lowercase()));
            }
        }
        let _ = parse_sequence_text(&String::from_utf8_lossy(&bytes));
    }

    /// Strings that look almost like FASTA (the interesting corner cases).
    #[test]
    fn never_panics_on_fasta_like_text(s in "(>[ -~]{0,8}|;x|[ACGTNacgu0-9 \\-*XE\r\té]{0,20}|\n){0,30}") {
        let _ = parse_fasta(s.as_bytes());
        let _ = parse_sequence_text(&s);
    }

    /// Records written with any line width and line ending come back intact.
    #[test]
    fn round_trip(seqs in proptest::collection::vec(iupac_text(), 1..5), width in 1usize..70, crlf in any::<bool>()) {
        let eol = if crlf { "\r\n" } else { "\n" };
        let mut text = String::new();
        for (i, s) in seqs.iter().enumerate() {
            text.push_str(&format!(">seq{i} test{eol}"));
            for chunk in s.as_bytes().chunks(width) {
                text.push_str(std::str::from_utf8(chunk).unwrap());
                text.push_str(eol);
            }
        }
        let f = parse_fasta(text.as_bytes()).unwrap();
        prop_assert_eq!(f.records.len(), seqs.len());
        for (r, s) in f.records.iter().zip(seqs.iter()) {
            prop_assert_eq!(&r.sequence, &s.to_ascii_uppercase());
        }
    }
}

//! FASTA files and typed sequences, for the DNA lab.
//!
//! Rules (the same for a file and for the editor, except headers):
//! - a record starts with a header line `>name`; the name is the rest of the
//!   line. A file without any header is read as one sequence (with a note);
//!   lines before the first header form an unnamed record. Lines starting
//!   with `;` are old-style FASTA comments and are skipped.
//! - lines may end with `\r\n` (Windows), `\n`, or `\r` alone (old Mac);
//!   spaces, tabs and `\r` inside sequence lines are ignored; lower case is
//!   accepted and stored in upper case; `U` (RNA) is read as `T` (with a note).
//! - a line may start with a position number, as in GenBank's ORIGIN block
//!   (`  61 gatcctccat ...`); digits anywhere else are refused, because a
//!   stray digit in a sequence is a typing mistake, not a base.
//! - accepted letters: A C G T, N and the IUPAC codes R Y S W K M B D H V;
//!   anything else is refused with its line and column.
//! - records with no bases are reported in a note and skipped.
//! - limits, checked before anything is allocated or as bases arrive:
//!   [`MAX_FILE_BYTES`] per file, [`MAX_BASES`] per record, [`MAX_RECORDS`].
//!
//! Nothing here panics, whatever the bytes.

use crate::engine::nucleotide::{base_set, ACCEPTED};
use crate::engine::text::thousands;

/// Largest file accepted (10 MB).
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// Most bases in one record.
pub const MAX_BASES: usize = 1_000_000;
/// Most records in one file.
pub const MAX_RECORDS: usize = 10_000;
/// Record names are cut to this many characters.
pub const MAX_NAME_CHARS: usize = 200;

/// One sequence of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FastaRecord {
    pub name: String,
    /// Upper-case codes only (A C G T N and IUPAC), never empty.
    pub sequence: String,
    /// 1-based line of the header (or of the first base when there is none).
    pub line: usize,
}

/// A parsed file: its non-empty records and what the learner should know.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fasta {
    pub records: Vec<FastaRecord>,
    pub notes: Vec<String>,
}

/// A typed or pasted sequence (the editor).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypedSequence {
    pub sequence: String,
    pub notes: Vec<String>,
}

/// The character at byte `i` of `line`, for messages (a byte shown in hex
/// when it does not start valid UTF-8).
fn char_at(line: &[u8], i: usize) -> String {
    let tail = line.get(i..).unwrap_or(&[]);
    let head = tail.get(..tail.len().min(4)).unwrap_or(&[]);
    let valid = match std::str::from_utf8(head) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(head.get(..e.valid_up_to()).unwrap_or(&[])).unwrap_or(""),
    };
    match valid.chars().next() {
        Some(c) if !c.is_control() => format!("'{c}'"),
        Some(c) => format!("the control character {c:?}"),
        None => format!("the byte 0x{:02X}", tail.first().copied().unwrap_or(0)),
    }
}

/// Why a byte is refused, in words.
fn refusal(line: &[u8], i: usize, line_no: usize, in_editor: bool) -> String {
    let b = line.get(i).copied().unwrap_or(0);
    let what = char_at(line, i);
    let at = format!("line {line_no}, column {}", i + 1);
    let hint = match b {
        b'0'..=b'9' => " (digits are only allowed at the start of a line, as GenBank position numbers)".to_string(),
        b'-' | b'.' => " (alignment gaps are not bases: remove them)".to_string(),
        b'*' => " (a '*' ends protein sequences; this lab reads DNA)".to_string(),
        b'>' if in_editor => {
            " ('>' starts a FASTA header: load FASTA files with the file button, or paste only the bases)".to_string()
        }
        b'E' | b'F' | b'I' | b'L' | b'P' | b'Q' | b'e' | b'f' | b'i' | b'l' | b'p' | b'q' => {
            " (is this a protein sequence? this lab reads DNA)".to_string()
        }
        _ => String::new(),
    };
    format!("{at}: {what} is not a nucleotide code; use {ACCEPTED}{hint}")
}

/// Reads sequence lines into one record, enforcing the rules above.
struct SequenceReader<'a> {
    out: String,
    read_u: bool,
    record: &'a str,
    in_editor: bool,
}

impl SequenceReader<'_> {
    fn line(&mut self, line: &[u8], line_no: usize) -> Result<(), String> {
        // A leading position number (GenBank): skip blanks, then digits.
        let mut i = 0;
        while line.get(i).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\r')) {
            i += 1;
        }
        let digits_start = i;
        while line.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        // Digits glued to letters ("12ACGT") are not a position number.
        if i > digits_start && line.get(i).is_some_and(|b| !matches!(b, b' ' | b'\t' | b'\r')) {
            i = digits_start;
        }
        for (j, &b) in line.iter().enumerate().skip(i) {
            if matches!(b, b' ' | b'\t' | b'\r') {
                continue;
            }
            if base_set(b).is_none() {
                return Err(refusal(line, j, line_no, self.in_editor));
            }
            if self.out.len() >= MAX_BASES {
                return Err(format!(
                    "{} is longer than {} bases, the most the lab accepts (line {line_no})",
                    self.record,
                    thousands(MAX_BASES)
                ));
            }
            let up = b.to_ascii_uppercase();
            if up == b'U' {
                self.read_u = true;
                self.out.push('T');
            } else {
                self.out.push(up as char);
            }
        }
        Ok(())
    }
}

fn check_size(len: usize, what: &str) -> Result<(), String> {
    if len > MAX_FILE_BYTES {
        return Err(format!(
            "{what} is {:.1} MB; the lab accepts at most {} MB",
            len as f64 / (1024.0 * 1024.0),
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    Ok(())
}

/// Split into lines on `\n` (a trailing `\r` is ignored with the other
/// blanks); a file with no `\n` at all but some `\r` (old Mac) splits on `\r`.
fn lines(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    let sep = if !bytes.contains(&b'\n') && bytes.contains(&b'\r') { b'\r' } else { b'\n' };
    bytes.split(move |&b| b == sep).enumerate().map(|(i, l)| (i + 1, l))
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|b| b.is_ascii_whitespace())
}

/// The record being read: name, header line, sequence so far.
struct Open {
    name: String,
    line: usize,
    seq: String,
}

/// Parse a FASTA file (several records; the header is optional for a single sequence).
pub fn parse_fasta(bytes: &[u8]) -> Result<Fasta, String> {
    check_size(bytes.len(), "the file")?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if is_blank(bytes) {
        return Err("the file is empty".into());
    }
    let mut fasta = Fasta::default();
    let (mut read_u, mut headers, mut empty) = (false, 0usize, 0usize);
    let mut open: Option<Open> = None;
    for (line_no, line) in lines(bytes) {
        if let Some(rest) = line.strip_prefix(b">") {
            headers += 1;
            if headers > MAX_RECORDS {
                return Err(format!(
                    "the file has more than {} records, the most the lab reads",
                    thousands(MAX_RECORDS)
                ));
            }
            if let Some(o) = open.take() {
                finish(o, &mut fasta, &mut empty);
            }
            let name: String = String::from_utf8_lossy(rest).trim().chars().take(MAX_NAME_CHARS).collect();
            let name = if name.is_empty() { format!("record {}", fasta.records.len() + empty + 1) } else { name };
            open = Some(Open { name, line: line_no, seq: String::new() });
            continue;
        }
        if line.first() == Some(&b';') || is_blank(line) {
            continue;
        }
        let o = open.get_or_insert_with(|| {
            let note = if headers == 0 && bytes.iter().all(|&b| b != b'>') {
                "no FASTA header (a line starting with '>'): read as one unnamed sequence"
            } else {
                "the lines before the first header were read as an unnamed record"
            };
            fasta.notes.push(note.into());
            Open { name: "sequence".into(), line: line_no, seq: String::new() }
        });
        let label = format!("record '{}'", o.name);
        let mut reader =
            SequenceReader { out: std::mem::take(&mut o.seq), read_u: false, record: &label, in_editor: false };
        let r = reader.line(line, line_no);
        read_u |= reader.read_u;
        o.seq = reader.out;
        r?;
    }
    if let Some(o) = open.take() {
        finish(o, &mut fasta, &mut empty);
    }
    if read_u {
        fasta.notes.push("U (RNA uracil) was read as T".into());
    }
    if fasta.records.is_empty() {
        return Err(if empty > 0 {
            format!("no sequence found: the file has {empty} header(s) but no bases under them")
        } else {
            "no sequence found in the file".into()
        });
    }
    Ok(fasta)
}

fn finish(o: Open, fasta: &mut Fasta, empty: &mut usize) {
    if o.seq.is_empty() {
        *empty += 1;
        fasta.notes.push(format!("record '{}' (line {}) has no bases and was skipped", o.name, o.line));
    } else {
        fasta.records.push(FastaRecord { name: o.name, sequence: o.seq, line: o.line });
    }
}

/// Parse what the user typed or pasted in the sequence editor: the same
/// rules as a FASTA sequence, without headers.
pub fn parse_sequence_text(text: &str) -> Result<TypedSequence, String> {
    check_size(text.len(), "the text")?;
    let mut reader = SequenceReader { out: String::new(), read_u: false, record: "the sequence", in_editor: true };
    for (line_no, line) in lines(text.as_bytes()) {
        reader.line(line, line_no)?;
    }
    if reader.out.is_empty() {
        return Err("the sequence is empty: type some bases (A, C, G, T)".into());
    }
    let notes = if reader.read_u { vec!["U (RNA uracil) was read as T".to_string()] } else { vec![] };
    Ok(TypedSequence { sequence: reader.out, notes })
}

// The tests use proptest, which builds natively only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

//! A DNA sequence in a link (`seq=`): plain letters up to
//! [`MAX_PLAIN_BASES`] (readable, and what older links hold), packed beyond
//! that so about 24,000 bases fit the 8 kB link budget.
//!
//! The packed form is `~` and then, deflated and in URL-safe base64:
//!
//! ```text
//! 1 | length L | ⌈L/4⌉ bytes of 2-bit bases (A 0, C 1, G 2, T 3, first base in the low bits)
//!   | R runs of other letters: R, then per run (gap since the last run, length, letter)
//! ```
//!
//! A pure ACGT sequence has no runs; an N block or a few IUPAC codes cost a
//! few bytes each. Decoding checks the length against [`MAX_BASES`] and the
//! bytes left before allocating, and refuses any letter that is not a
//! nucleotide code, in words.

use super::byte_reader::{put_varint, ByteReader};
use super::fasta::MAX_BASES;
use super::url_codec::{pack, unpack, LINK_BUDGET};
use crate::engine::nucleotide::base_set;
use crate::engine::text::thousands;

/// Sequences up to this length go into the link as plain letters.
pub const MAX_PLAIN_BASES: usize = 1000;
/// Longer sequences are not even packed for a link: at 2 bits a base they
/// cannot fit [`LINK_BUDGET`] (unless very repetitive, which this allows for).
pub const MAX_LINK_BASES: usize = 40_000;
/// Marks a packed value of `seq=` (never a nucleotide code).
pub const PACKED: char = '~';
const VERSION: u8 = 1;

fn two_bits(b: u8) -> Option<u8> {
    match b {
        b'A' => Some(0),
        b'C' => Some(1),
        b'G' => Some(2),
        b'T' => Some(3),
        _ => None,
    }
}

/// The packed code of an upper-case sequence (without the `~`).
pub fn pack_bases(seq: &str) -> String {
    let bytes = seq.as_bytes();
    let mut out = vec![VERSION];
    put_varint(&mut out, bytes.len() as u64);
    for chunk in bytes.chunks(4) {
        let byte = chunk.iter().enumerate().fold(0u8, |acc, (k, &b)| acc | (two_bits(b).unwrap_or(0) << (2 * k)));
        out.push(byte);
    }
    // Runs of one letter other than A, C, G, T.
    let mut runs: Vec<(usize, usize, u8)> = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        if two_bits(b).is_some() {
            continue;
        }
        match runs.last_mut() {
            Some((start, len, letter)) if *letter == b && *start + *len == i => *len += 1,
            _ => runs.push((i, 1, b)),
        }
    }
    put_varint(&mut out, runs.len() as u64);
    let mut end = 0;
    for (start, len, letter) in runs {
        put_varint(&mut out, (start - end) as u64);
        put_varint(&mut out, len as u64);
        out.push(letter);
        end = start + len;
    }
    pack(&out)
}

/// Decode a code made by [`pack_bases`] (without the `~`).
pub fn unpack_bases(text: &str) -> Result<String, String> {
    let bytes = unpack(text).map_err(|e| e.replace("the encoded input", "the packed sequence"))?;
    let mut r = ByteReader::new(&bytes, "the packed sequence");
    let version = r.u8()?;
    if version != VERSION {
        return Err(format!("the packed sequence has version {version}; this app reads version {VERSION}"));
    }
    let len = r.count(MAX_BASES, "bases")?;
    if len == 0 {
        return Err("the packed sequence is empty".into());
    }
    let packed = r.take(len.div_ceil(4))?;
    let mut seq: Vec<u8> = Vec::with_capacity(len);
    for i in 0..len {
        let byte = packed.get(i / 4).copied().unwrap_or(0);
        seq.push(b"ACGT"[usize::from((byte >> (2 * (i % 4))) & 3)]);
    }
    let runs = r.count(r.remaining() / 3, "runs of other letters (or is cut short)")?;
    let mut end = 0usize;
    for k in 0..runs {
        let start = r.count(len, "bases before a run")?.checked_add(end);
        let run = r.count(len, "bases in a run")?;
        let letter = r.u8()?;
        if two_bits(letter).is_some() || base_set(letter).is_none() || letter.is_ascii_lowercase() {
            return Err(format!(
                "run {k} of the packed sequence holds {:?}, which is not an IUPAC code",
                letter as char
            ));
        }
        let stop = start.and_then(|s| s.checked_add(run)).filter(|&s| s <= len && run > 0);
        let (Some(start), Some(stop)) = (start, stop) else {
            return Err(format!("run {k} of the packed sequence goes past its {len} bases"));
        };
        seq.get_mut(start..stop).into_iter().flatten().for_each(|b| *b = letter);
        end = stop;
    }
    r.finish()?;
    String::from_utf8(seq).map_err(|_| "the packed sequence is not text".to_string())
}

/// The value of `seq=` for an upper-case sequence: its letters up to
/// [`MAX_PLAIN_BASES`], else `~` and the packed code; or why it does not fit
/// a link (in words, with its size, pointing to Export JSON).
pub fn for_link(seq: &str) -> Result<String, String> {
    let l = seq.len();
    if l <= MAX_PLAIN_BASES {
        return Ok(seq.to_string());
    }
    let too_long = |kb: String| {
        format!(
            "Your sequence ({} bases) takes {kb} in a link, more than the {} kB a link holds (about 24,000 bases): the link keeps the settings only; Export JSON keeps everything.",
            thousands(l),
            LINK_BUDGET / 1024
        )
    };
    if l > MAX_LINK_BASES {
        return Err(too_long(format!("at least {:.1} kB", l as f64 / 4.0 * 4.0 / 3.0 / 1024.0)));
    }
    let code = format!("{PACKED}{}", pack_bases(seq));
    if code.len() > LINK_BUDGET {
        return Err(too_long(format!("{:.1} kB", code.len() as f64 / 1024.0)));
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::Rng;
    use proptest::prelude::*;

    fn random_acgt(n: usize, seed: u64) -> String {
        let mut rng = Rng::new(seed);
        (0..n).map(|_| b"ACGT"[rng.below(4)] as char).collect()
    }

    #[test]
    fn twenty_thousand_bases_fit_a_link_and_short_ones_stay_readable() {
        let seq = random_acgt(20_000, 1);
        let code = for_link(&seq).expect("fits");
        assert!(code.starts_with(PACKED) && code.len() <= LINK_BUDGET, "{} characters", code.len());
        assert_eq!(unpack_bases(&code[1..]).as_deref(), Ok(seq.as_str()));
        assert_eq!(for_link("GAATTC").as_deref(), Ok("GAATTC"));
        let e = for_link(&random_acgt(30_000, 2)).unwrap_err();
        assert!(e.contains("30,000 bases") && e.contains("Export JSON"), "{e}");
        assert!(for_link(&random_acgt(100_000, 2)).unwrap_err().contains("at least"));
    }

    #[test]
    fn other_letters_come_back_in_their_place() {
        let seq = format!("NNNN{}RYACGTN{}WWWW", random_acgt(1500, 3), random_acgt(3, 4));
        assert_eq!(unpack_bases(&pack_bases(&seq)), Ok(seq));
    }

    #[test]
    fn damaged_codes_are_refused_in_words() {
        let ok = {
            let mut v = vec![1, 5, 0b1110_0100, 0];
            v.extend([1, 4, 1, b'N']);
            v
        };
        assert_eq!(unpack_bases(&pack(&ok)).as_deref(), Ok("ACGTN"));
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (vec![], "cut short"),
            (vec![2, 1, 0, 0], "version 2"),
            (vec![1, 0, 0], "empty"),
            (vec![1, 9, 0], "cut short"),
            (vec![1, 0xff, 0xff, 0xff, 0x7f], "bases"),
            (vec![1, 4, 0, 1, 0, 1, b'X'], "not an IUPAC code"),
            (vec![1, 4, 0, 1, 0, 1, b'A'], "not an IUPAC code"),
            (vec![1, 4, 0, 1, 0, 1, b'n'], "not an IUPAC code"),
            (vec![1, 4, 0, 1, 3, 2, b'N'], "goes past"),
            (vec![1, 4, 0, 1, 0, 0, b'N'], "goes past"),
            (vec![1, 4, 0, 0, 0], "too many"),
        ];
        for (bytes, words) in cases {
            let e = unpack_bases(&pack(&bytes)).expect_err("refused");
            assert!(e.contains(words), "{bytes:?}: {e}");
        }
        assert!(unpack_bases("**").unwrap_err().contains("base64"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn pack_then_unpack_is_the_identity(seq in "[ACGT]{1,40}([ACGTNRYSWKMBDHV]{0,30}[ACGT]{0,900}){0,4}") {
            prop_assert_eq!(unpack_bases(&pack_bases(&seq)), Ok(seq.clone()));
            if let Ok(v) = for_link(&seq) {
                let back = v.strip_prefix(PACKED).map(unpack_bases).unwrap_or(Ok(v.clone()));
                prop_assert_eq!(back, Ok(seq));
            }
        }

        #[test]
        fn any_bytes_are_refused_or_give_nucleotide_codes(bytes in prop::collection::vec(any::<u8>(), 0..40)) {
            if let Ok(seq) = unpack_bases(&pack(&bytes)) {
                prop_assert!(!seq.is_empty() && seq.bytes().all(|b| base_set(b).is_some() && !b.is_ascii_lowercase()));
            }
        }
    }
}

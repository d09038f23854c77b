//! Nucleotides: the IUPAC alphabet, complements, and the one-hot encoding of
//! a strand as a [`Signal`] of shape `(4, L)` (channels A, C, G, T) on
//! [`Space::Strand`] with pairing A<->T, C<->G.
//!
//! Ambiguity codes are encoded as probabilities over the bases they stand
//! for (N = 0.25 each, R = A/G 0.5 each, ...), so the reverse complement of
//! an encoded code is the encoding of the complementary code (R <-> Y,
//! B <-> V, ...): `RC(encode(s)) = encode(reverse_complement(s))` holds for
//! every valid string (claim D2).

use crate::engine::space::{Signal, Space, Tensor};
use ndarray::{Array2, ArrayView2};

/// The channel order of the one-hot encoding.
pub const BASES: [u8; 4] = *b"ACGT";

/// Channel `c` of the forward strand is channel `ONE_HOT_PAIRING[c]` on the
/// reverse strand: A<->T, C<->G.
pub const ONE_HOT_PAIRING: [usize; 4] = [3, 2, 1, 0];

/// Every accepted code (upper case) with the set of bases it stands for
/// (bit 0 = A, 1 = C, 2 = G, 3 = T). `U` (RNA) is read as T.
const CODES: [(u8, u8); 16] = [
    (b'A', 0b0001),
    (b'C', 0b0010),
    (b'G', 0b0100),
    (b'T', 0b1000),
    (b'R', 0b0101), // puRine: A or G
    (b'Y', 0b1010), // pYrimidine: C or T
    (b'S', 0b0110), // Strong: C or G
    (b'W', 0b1001), // Weak: A or T
    (b'K', 0b1100), // Keto: G or T
    (b'M', 0b0011), // aMino: A or C
    (b'B', 0b1110), // not A
    (b'D', 0b1101), // not C
    (b'H', 0b1011), // not G
    (b'V', 0b0111), // not T
    (b'N', 0b1111), // aNy
    (b'U', 0b1000), // RNA uracil, read as T
];

/// The list of accepted letters, for messages.
pub const ACCEPTED: &str = "A C G T, N, or the IUPAC codes R Y S W K M B D H V";

/// The set of bases (bit mask, bit 0 = A .. bit 3 = T) a letter stands for,
/// in either case; `None` for anything else.
pub fn base_set(letter: u8) -> Option<u8> {
    let up = letter.to_ascii_uppercase();
    CODES.iter().find(|(c, _)| *c == up).map(|&(_, m)| m)
}

/// True for A C G T, N and the IUPAC codes (and U), either case.
pub fn is_code(letter: u8) -> bool {
    base_set(letter).is_some()
}

/// The code (upper case) for a set of bases; `None` for the empty set.
pub fn code_for_set(mask: u8) -> Option<u8> {
    CODES.iter().take(15).find(|&&(_, m)| m == mask).map(|&(c, _)| c)
}

/// The probabilities over A, C, G, T a code stands for (uniform over its set).
pub fn probabilities(letter: u8) -> Option<[f32; 4]> {
    let m = base_set(letter)?;
    let n = m.count_ones() as f32;
    Some(std::array::from_fn(|b| if m & (1 << b) != 0 { 1.0 / n } else { 0.0 }))
}

/// The complementary code (A<->T, C<->G, R<->Y, K<->M, B<->V, D<->H; S, W, N
/// are their own complement), keeping the case. Other bytes are returned
/// unchanged.
pub fn complement(letter: u8) -> u8 {
    let Some(m) = base_set(letter) else { return letter };
    // Complementing a set reverses its bits: A(0)<->T(3), C(1)<->G(2).
    let rev = (0..4).fold(0u8, |acc, b| if m & (1 << b) != 0 { acc | (1 << (3 - b)) } else { acc });
    let c = code_for_set(rev).unwrap_or(b'N');
    if letter.is_ascii_lowercase() {
        c.to_ascii_lowercase()
    } else {
        c
    }
}

/// The reverse complement of a sequence: the other strand, read 5'->3'.
/// Letters keep their case; bytes that are not codes are kept (reversed).
pub fn reverse_complement(seq: &str) -> String {
    seq.bytes().rev().map(|b| complement(b) as char).collect()
}

/// The complementary strand base by base, not reversed: what pairs with each
/// letter, for drawing under the sequence (it reads 3'->5' left to right).
pub fn complement_strand(seq: &str) -> String {
    seq.bytes().map(|b| complement(b) as char).collect()
}

/// A letter that cannot be encoded, with its 0-based position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadLetter {
    pub position: usize,
    pub letter: char,
}

impl std::fmt::Display for BadLetter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "position {}: {:?} is not a nucleotide code ({ACCEPTED})", self.position + 1, self.letter)
    }
}

/// The one-hot (probability) matrix `(4, L)` of a sequence.
pub fn one_hot(seq: &str) -> Result<Array2<f32>, BadLetter> {
    let bytes = seq.as_bytes();
    let mut out = Array2::<f32>::zeros((4, bytes.len()));
    for (i, &b) in bytes.iter().enumerate() {
        let Some(p) = probabilities(b) else {
            let letter = seq.get(i..).and_then(|s| s.chars().next()).unwrap_or(b as char);
            return Err(BadLetter { position: i, letter });
        };
        for (c, &v) in p.iter().enumerate() {
            out[(c, i)] = v;
        }
    }
    Ok(out)
}

/// The strand signal of a sequence: one-hot `(4, L)` on `Strand{[3,2,1,0]}`.
pub fn encode(seq: &str) -> Result<Signal, BadLetter> {
    Ok(strand_signal(one_hot(seq)?))
}

/// Wrap a `(4, L)` matrix as a one-hot strand signal.
pub fn strand_signal(one_hot: Array2<f32>) -> Signal {
    Signal::new(one_hot.into_dyn(), Space::Strand { pairing: ONE_HOT_PAIRING.to_vec() })
}

/// The most likely base of every column (ties go to the first of A, C, G, T;
/// an all-zero column, e.g. padding, gives `-`).
pub fn decode_argmax(x: ArrayView2<f32>) -> String {
    x.columns()
        .into_iter()
        .map(|col| {
            let (best, v) =
                col.iter().enumerate().fold((0, f32::NEG_INFINITY), |a, (i, &v)| if v > a.1 { (i, v) } else { a });
            if v > 0.0 {
                BASES[best] as char
            } else {
                '-'
            }
        })
        .collect()
}

/// The IUPAC code of every column: the set of bases sharing the largest
/// value (within 1e-3), so `decode_iupac(one_hot(s)) == s` in upper case.
pub fn decode_iupac(x: ArrayView2<f32>) -> String {
    x.columns()
        .into_iter()
        .map(|col| {
            let max = col.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            if max.is_nan() || max <= 0.0 {
                return '-';
            }
            let mask = col.iter().enumerate().fold(0u8, |m, (i, &v)| if v >= max - 1e-3 { m | (1 << i) } else { m });
            code_for_set(mask).map(char::from).unwrap_or('N')
        })
        .collect()
}

/// The `(4, L)` view of a strand signal's data, if it has that shape.
pub fn as_matrix(x: &Tensor) -> Option<ArrayView2<'_, f32>> {
    x.view().into_dimensionality::<ndarray::Ix2>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complements_and_round_trips() {
        assert_eq!(reverse_complement("GAATTC"), "GAATTC");
        assert_eq!(complement_strand("GATTACA"), "CTAATGT");
        assert_eq!(reverse_complement("AACGTr"), "yACGTT");
        assert_eq!(reverse_complement("RYSWKMBDHVN"), "NBDHVKMWSRY");
        for &(c, _) in CODES.iter().take(15) {
            assert_eq!(complement(complement(c)), c);
        }
        let s = "ACGTRYSWKMBDHVN";
        assert_eq!(decode_iupac(one_hot(s).unwrap().view()), s);
        assert_eq!(decode_argmax(one_hot("ACGTN").unwrap().view()), "ACGTA");
    }

    #[test]
    fn probabilities_literal() {
        assert_eq!(probabilities(b'n'), Some([0.25; 4]));
        assert_eq!(probabilities(b'R'), Some([0.5, 0.0, 0.5, 0.0]));
        assert_eq!(probabilities(b'B'), Some([0.0, 1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0]));
        assert_eq!(probabilities(b'U'), probabilities(b'T'));
        let e = one_hot("ACXG").unwrap_err();
        assert_eq!((e.position, e.letter), (2, 'X'));
    }
}

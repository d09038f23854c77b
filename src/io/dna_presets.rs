//! Built-in DNA inputs (`preset=NAME`): real biological sequences, written
//! out here with where they come from, plus seeded random sequences (one of
//! 100 kb for performance). Sequences are upper case, 5'->3'.

use crate::engine::rng::Rng;

/// A named preset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DnaPreset {
    pub name: &'static str,
    pub title: &'static str,
    /// What it is and where it comes from.
    pub note: &'static str,
    /// A motif worth trying on it (for the motif box), if any.
    pub motif: Option<&'static str>,
}

/// Adenovirus type 2 major late promoter, −36 to +33 around the transcription
/// start (+1 A): the textbook TATA box TATAAAAG at −31..−24, 23 bp before +1.
const ADENO_MLP: &str = "GGGGCTATAAAAGGGGGTGGGGGCGCGTTCGTCCTCACTCTCTTCCGCATCGCTGTCTGCGAGGGCCAG";

/// Human β-globin (HBB) promoter from the CCAAT box to the start codon:
/// CCAAT box, the TATA-like CATAAAA box at about −30, the 5' UTR, then ATG.
const HBB_PROMOTER: &str = "GGGTTGGCCAATCTACTCCCAGGAGCAGGGAGGGCAGGAGCCAGGGCTGGGCATAAAAGTCAGGGCAGAGCCATCTATTGCTTACATTTGCTTCTGACACAACTGTGTTCACTAGCAACCTCAAACAGACACCATG";

/// pUC19 lacZα start with its multiple cloning site: HindIII AAGCTT, SphI,
/// PstI, SalI, XbaI, BamHI, SmaI, KpnI, SacI, then EcoRI GAATTC.
const PUC19_MCS: &str =
    "ATGACCATGATTACGCCAAGCTTGCATGCCTGCAGGTCGACTCTAGAGGATCCCCGGGTACCGAGCTCGAATTCACTGGCCGTCGTTTTACAACGTCGTG";

/// Human β-globin (HBB) coding sequence, exon 1 (codons 1–30 and the first
/// two bases of codon 31): MVHLTPEEKSAVTALWGKVNVDEVGGEALG(R).
const HBB_EXON1: &str = "ATGGTGCACCTGACTCCTGAGGAGAAGTCTGCCGTTACTGCCCTGTGGGGCAAGGTGAACGTGGATGAAGTTGGTGGTGAGGCCCTGGGCAG";

/// Length of the `random` preset.
pub const RANDOM_LEN: usize = 300;
/// Length of the `random-100k` preset.
pub const BIG_LEN: usize = 100_000;

/// All presets, in the order of the picker.
pub const PRESETS: [DnaPreset; 6] = [
    DnaPreset {
        name: "tata-box",
        title: "Promoter with a TATA box",
        note: "adenovirus 2 major late promoter (−36 to +33), read by human RNA polymerase II: the classic TATAAAAG box 31 bp upstream of the start",
        motif: Some("TATAAA"),
    },
    DnaPreset {
        name: "hbb-promoter",
        title: "β-globin promoter",
        note: "human HBB promoter up to the start codon: CCAAT box, then a TATA-like CATAAAA box that an exact TATAAA detector misses",
        motif: Some("CCAAT"),
    },
    DnaPreset {
        name: "ecori",
        title: "EcoRI site (pUC19)",
        note: "start of pUC19's lacZα with its cloning sites; EcoRI's GAATTC is its own reverse complement, like most restriction sites",
        motif: Some("GAATTC"),
    },
    DnaPreset {
        name: "hbb-gene",
        title: "β-globin gene start",
        note: "human HBB coding sequence, exon 1 (MVHLTPEEK...); its 7th codon GAG→GTG is the sickle-cell mutation (Glu6Val)",
        motif: Some("ATG"),
    },
    DnaPreset {
        name: "random",
        title: "Random (seed)",
        note: "300 bases drawn uniformly from A, C, G, T with the seed: no biology, a baseline",
        motif: None,
    },
    DnaPreset {
        name: "random-100k",
        title: "Random 100 kb",
        note: "100,000 random bases: how fast does the lab recompute a bacterial-genome-sized window?",
        motif: None,
    },
];

/// The preset's sequence (`seed` is used by the random presets), or `None`
/// for an unknown name.
pub fn sequence(name: &str, seed: u64) -> Option<String> {
    Some(match name {
        "tata-box" => ADENO_MLP.into(),
        "hbb-promoter" => HBB_PROMOTER.into(),
        "ecori" => PUC19_MCS.into(),
        "hbb-gene" => HBB_EXON1.into(),
        "random" => random_sequence(RANDOM_LEN, seed),
        "random-100k" => random_sequence(BIG_LEN, seed),
        _ => return None,
    })
}

/// The preset description for a name.
pub fn find(name: &str) -> Option<&'static DnaPreset> {
    PRESETS.iter().find(|p| p.name == name)
}

/// `len` bases drawn uniformly from A, C, G, T (deterministic in the seed).
pub fn random_sequence(len: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    (0..len).map(|_| b"ACGT"[rng.below(4)] as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::nucleotide::reverse_complement;

    /// The standard genetic code, enough of it to check the coding presets.
    fn translate(cds: &str) -> String {
        let table: [(&str, char); 22] = [
            ("ATG", 'M'),
            ("GTG", 'V'),
            ("CAC", 'H'),
            ("CTG", 'L'),
            ("ACT", 'T'),
            ("CCT", 'P'),
            ("GAG", 'E'),
            ("AAG", 'K'),
            ("TCT", 'S'),
            ("GCC", 'A'),
            ("GTT", 'V'),
            ("TGG", 'W'),
            ("GGC", 'G'),
            ("AAC", 'N'),
            ("GAT", 'D'),
            ("GAA", 'E'),
            ("GGT", 'G'),
            ("ACC", 'T'),
            ("ATT", 'I'),
            ("ACG", 'T'),
            ("CCA", 'P'),
            ("AGC", 'S'),
        ];
        cds.as_bytes()
            .chunks_exact(3)
            .map(|c| table.iter().find(|(k, _)| k.as_bytes() == c).map_or('?', |&(_, a)| a))
            .collect()
    }

    #[test]
    fn biological_presets_are_what_their_notes_say() {
        assert_eq!(translate(HBB_EXON1), "MVHLTPEEKSAVTALWGKVNVDEVGGEALG");
        assert_eq!(&translate(PUC19_MCS)[..7], "MTMITPS");
        let mlp = sequence("tata-box", 0).unwrap();
        assert_eq!(mlp.find("TATAAAAG"), Some(5));
        // +1 A sits 23 bp after the end of TATAAAAG (Ad2 MLP spacing).
        assert_eq!(mlp.as_bytes()[5 + 8 + 23], b'A');
        assert!(HBB_PROMOTER.contains("CCAAT") && HBB_PROMOTER.contains("CATAAAA") && !HBB_PROMOTER.contains("TATAAA"));
        assert!(HBB_PROMOTER.ends_with("ATG"));
        assert!(PUC19_MCS.contains("GAATTC") && PUC19_MCS.contains("AAGCTT"));
        assert_eq!(reverse_complement("GAATTC"), "GAATTC");
    }

    #[test]
    fn every_preset_resolves_and_random_is_seeded() {
        for p in PRESETS {
            let s = sequence(p.name, 7).unwrap();
            assert!(!s.is_empty() && s.bytes().all(|b| b"ACGT".contains(&b)), "{}", p.name);
            assert_eq!(find(p.name).map(|q| q.name), Some(p.name));
        }
        assert_eq!(sequence("random-100k", 1).unwrap().len(), BIG_LEN);
        assert_eq!(random_sequence(50, 3), random_sequence(50, 3));
        assert_ne!(random_sequence(50, 3), random_sequence(50, 4));
        assert!(sequence("nope", 0).is_none());
    }
}

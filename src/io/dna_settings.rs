//! The DNA lab's settings as URL parameters, both ways:
//!
//! | key | values | default |
//! |---|---|---|
//! | `preset` | a name of [`super::dna_presets::PRESETS`] | `tata-box` |
//! | `seq` | a typed or loaded sequence: its letters up to [`MAX_URL_BASES`], else `~` and the bases packed 2 bits each ([`super::dna_link`]), up to the 8 kB link budget (about 24,000 bases) | — |
//! | `g` | `rc`, `shift(k)`, composed with `;` | `rc` |
//! | `model` | `conv`, `rc-conv` | `rc-conv` |
//! | `pad` | `circular`, `zero` | `circular` |
//! | `pool` | `avg` (global average, `gap`), `max` (global max, `gmp`) | `avg` |
//! | `seed` | the random weights, and the random presets' bases | `1` |
//! | `rseed` | the random presets' bases, when they differ from `seed` | `seed` |
//! | `motif` | a consensus for the first filter, IUPAC allowed (`TATAAA`) | none: random filters |
//!
//! Reading never fails as a whole: each unknown value is reported in words and
//! replaced by its default, so one typo in a shared link does not lose the
//! rest of the view.

use super::dna_link::{self, PACKED};
use super::dna_presets::PRESETS;
use super::fasta::parse_sequence_text;
use super::query::HashLocation;
use super::transform_expr::{self, Domain};
use super::url_fields::{read_field, read_g};
use crate::engine::kernels::conv1d::Padding;
use crate::engine::models::dna::{DnaArch, DnaModelConfig};
use crate::engine::models::motif::Motif;
use crate::engine::transform::Transform;

/// The default transformation of a fresh lab: the other strand.
pub const DEFAULT_G: &str = "rc";
/// The default input.
pub const DEFAULT_PRESET: &str = "tata-box";
/// Typed sequences up to this length are written into the URL (`seq=`) as
/// letters; longer ones are packed (`seq=~...`) while they fit the link.
pub const MAX_URL_BASES: usize = dna_link::MAX_PLAIN_BASES;

/// Where the input comes from, as far as the URL can say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputSetting {
    /// A built-in sequence (`preset=`).
    Preset(String),
    /// Literal bases (`seq=`, letters or packed), upper case.
    Bases(String),
    /// The URL names no input: keep the current one (or the default preset).
    Keep,
}

/// What the URL asks the DNA lab to show.
#[derive(Clone, Debug, PartialEq)]
pub struct DnaSettings {
    pub input: InputSetting,
    pub g: Transform,
    pub model: DnaModelConfig,
    /// Seed of the random presets' bases; `None` follows the model's seed.
    pub rseed: Option<u64>,
}

impl Default for DnaSettings {
    fn default() -> Self {
        DnaSettings {
            input: InputSetting::Preset(DEFAULT_PRESET.into()),
            g: transform_expr::parse(DEFAULT_G, Domain::Dna).unwrap_or_default(),
            model: DnaModelConfig::default(),
            rseed: None,
        }
    }
}

impl DnaSettings {
    /// The seed used for the random presets' bases.
    pub fn sequence_seed(&self) -> u64 {
        self.rseed.unwrap_or(self.model.seed)
    }
}

/// `avg` or `max`, the name of a global pooling in the URL.
pub fn pool_name(global_max: bool) -> &'static str {
    if global_max {
        "max"
    } else {
        "avg"
    }
}

fn parse_padding(s: &str) -> Option<Padding> {
    [Padding::Circular, Padding::Zero].into_iter().find(|p| p.name() == s)
}

fn parse_seed(s: &str) -> Option<u64> {
    s.parse::<u32>().ok().map(u64::from)
}

/// Read the settings; the second value lists what was refused and why.
pub fn read(loc: &HashLocation) -> (DnaSettings, Vec<String>) {
    let mut s = DnaSettings::default();
    let mut errors = Vec::new();
    let names = || PRESETS.iter().map(|q| q.name).collect::<Vec<_>>().join(", ");
    let preset = match loc.get("preset") {
        Some(p) if PRESETS.iter().any(|q| q.name == p) => Some(InputSetting::Preset(p.to_string())),
        Some(p) => {
            errors.push(format!("There is no DNA preset called “{p}”; the presets are {}.", names()));
            None
        }
        None => None,
    };
    let bases = loc.get("seq").and_then(|text| match read_seq(text) {
        Ok(seq) => Some(InputSetting::Bases(seq)),
        Err(e) => {
            errors.push(e);
            None
        }
    });
    s.input = match (preset, bases) {
        (Some(p), _) => p,
        (None, Some(b)) => b,
        // A fresh `#/dna` (or a link with only a bad preset) shows the default preset.
        (None, None) if loc.params.is_empty() || loc.get("preset").is_some() => s.input,
        (None, None) => InputSetting::Keep,
    };
    if let Some(g) = read_g(loc, &mut errors, Domain::Dna) {
        s.g = g;
    }
    let mut field =
        |key: &str, names: &str, ok: &mut dyn FnMut(&str) -> bool| read_field(loc, &mut errors, key, names, ok);
    field("model", "conv, rc-conv", &mut |v| DnaArch::parse(v).map(|a| s.model.arch = a).is_some());
    field("pad", "circular, zero", &mut |v| parse_padding(v).map(|p| s.model.padding = p).is_some());
    field("pool", "avg, max", &mut |v| match v {
        "avg" | "max" => {
            s.model.global_max = v == "max";
            true
        }
        _ => false,
    });
    field("seed", "a whole number from 0 to 4294967295", &mut |v| parse_seed(v).map(|n| s.model.seed = n).is_some());
    field("rseed", "a whole number from 0 to 4294967295", &mut |v| parse_seed(v).map(|n| s.rseed = Some(n)).is_some());
    // `rseed` only matters to a random preset, and only when it differs from
    // `seed`; drop it otherwise, as `write` does, so that the settings read
    // from a link are the settings the link is written back as.
    let random = matches!(&s.input, InputSetting::Preset(p) if p.starts_with("random"));
    s.rseed = s.rseed.filter(|&r| random && r != s.model.seed);
    if let Some(m) = loc.get("motif").filter(|m| !m.trim().is_empty()) {
        match Motif::parse(m) {
            Ok(motif) => s.model.motif = Some(motif),
            Err(e) => errors.push(format!("The motif “{m}” was not used: {e}.")),
        }
    }
    (s, errors)
}

/// The sequence of `seq=`: letters (at most [`MAX_URL_BASES`]) or packed;
/// only what [`write`] would write back is accepted.
fn read_seq(text: &str) -> Result<String, String> {
    let seq = match text.strip_prefix(PACKED) {
        Some(code) => dna_link::unpack_bases(code).map_err(|e| format!("The sequence in the link was not read: {e}."))?,
        None => match parse_sequence_text(text) {
            Ok(t) if t.sequence.len() <= MAX_URL_BASES => t.sequence,
            Ok(_) => {
                return Err(format!(
                    "The sequence in the link is longer than {MAX_URL_BASES} letters; longer ones are packed (seq=~...), so it was ignored."
                ))
            }
            Err(e) => return Err(format!("The sequence in the link was not read: {e}.")),
        },
    };
    match dna_link::for_link(&seq) {
        Ok(_) => Ok(seq),
        Err(_) => Err(format!(
            "The sequence in the link ({} bases) is longer than a link holds, so it was ignored.",
            seq.len()
        )),
    }
}

/// Write the settings into `loc` (other parameters, like `embed`, are kept).
/// `InputSetting::Keep` removes `preset` and `seq`: the input cannot be
/// written (a long typed sequence).
pub fn write(loc: &mut HashLocation, s: &DnaSettings) {
    loc.route = "/dna".into();
    let (preset, seq) = match &s.input {
        InputSetting::Preset(p) => (Some(p.clone()), None),
        InputSetting::Bases(b) => (None, dna_link::for_link(b).ok()),
        InputSetting::Keep => (None, None),
    };
    let random = preset.as_deref().is_some_and(|p| p.starts_with("random"));
    loc.set("preset", preset);
    loc.set("seq", seq);
    loc.set("g", Some(if s.g.is_identity() { "id".into() } else { s.g.to_string() }));
    loc.set("model", Some(s.model.arch.name().into()));
    loc.set("pad", Some(s.model.padding.name().into()));
    loc.set("pool", Some(pool_name(s.model.global_max).into()));
    loc.set("seed", Some(s.model.seed.to_string()));
    loc.set("rseed", s.rseed.filter(|r| random && *r != s.model.seed).map(|r| r.to_string()));
    loc.set("motif", s.model.motif.as_ref().map(|m| m.consensus.clone()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(hash: &str) -> (DnaSettings, Vec<String>) {
        read(&HashLocation::parse(hash).unwrap())
    }

    #[test]
    fn round_trip() {
        for hash in [
            "#/dna?preset=ecori&g=rc;shift(3)&model=conv&pad=zero&pool=max&seed=9&motif=GAATTC",
            "#/dna?seq=ACGTNNRY&g=shift(-2)&model=rc-conv&pad=circular&pool=avg&seed=0",
            "#/dna?preset=random&g=id&model=rc-conv&pad=circular&pool=avg&seed=4&rseed=11",
        ] {
            let (s, errors) = read_str(hash);
            assert!(errors.is_empty(), "{hash}: {errors:?}");
            let mut out = HashLocation::default();
            write(&mut out, &s);
            assert_eq!(read(&out).0, s, "{hash} -> {}", out.to_hash());
        }
    }

    #[test]
    fn defaults_and_keep() {
        let (s, errors) = read_str("#/dna");
        assert!(errors.is_empty());
        assert_eq!(s, DnaSettings::default());
        assert_eq!(s.g.to_string(), "rc");
        // A link that names no input keeps the learner's sequence.
        assert_eq!(read_str("#/dna?g=shift(4)").0.input, InputSetting::Keep);
        // The random presets follow `seed` unless `rseed` is given.
        let (s, _) = read_str("#/dna?preset=random&seed=5");
        assert_eq!(s.sequence_seed(), 5);
        assert_eq!(read_str("#/dna?preset=random&seed=5&rseed=8").0.sequence_seed(), 8);
        // Elsewhere it is dropped, as the link is written back (found by the url_state fuzz target).
        assert_eq!(read_str("#/dna?preset=tata-box&seed=5&rseed=8").0.rseed, None);
        assert_eq!(read_str("#/dna?seq=ACGT&rseed=8").0.rseed, None);
        assert_eq!(read_str("#/dna?preset=random&seed=5&rseed=5").0.rseed, None);
    }

    #[test]
    fn typos_are_reported_and_the_rest_kept() {
        let (s, errors) = read_str("#/dna?preset=nope&g=rot90&model=cnn&seed=x&pad=zero&pool=sum&motif=TAXA");
        assert_eq!(errors.len(), 6, "{errors:?}");
        assert_eq!(s.model.padding, Padding::Zero);
        assert_eq!(s.input, InputSetting::Preset(DEFAULT_PRESET.into()));
        assert!(errors.iter().any(|e| e.contains("nope")));
        assert!(errors.iter().any(|e| e.contains("column 3")), "the motif error names the column");
        assert!(s.model.motif.is_none());
    }

    #[test]
    fn sequences_in_links() {
        let (s, errors) = read_str("#/dna?seq=gaattc");
        assert!(errors.is_empty());
        assert_eq!(s.input, InputSetting::Bases("GAATTC".into()));
        let (s, errors) = read_str("#/dna?seq=GAXTTC&g=rc");
        assert_eq!(s.input, InputSetting::Keep);
        assert!(errors[0].contains("line 1, column 3"), "{errors:?}");
        let long = format!("#/dna?seq={}", "A".repeat(MAX_URL_BASES + 1));
        assert_eq!(read_str(&long).1.len(), 1);
    }

    #[test]
    fn long_sequences_are_packed_and_old_links_still_read() {
        let seq: String = (0..5000).map(|i| ['A', 'C', 'G', 'T', 'N'][(i * 7 + i / 13) % 5]).collect();
        let s = DnaSettings { input: InputSetting::Bases(seq.clone()), ..DnaSettings::default() };
        let mut out = HashLocation::default();
        write(&mut out, &s);
        let hash = out.to_hash();
        assert!(hash.contains("seq=~") && hash.len() < 8192, "{} characters", hash.len());
        let (back, errors) = read(&HashLocation::parse(&hash).unwrap());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(back.input, InputSetting::Bases(seq));
        // A damaged code keeps the current sequence and says why.
        let (s, errors) = read_str("#/dna?seq=~AAAA&g=rc");
        assert_eq!(s.input, InputSetting::Keep);
        assert!(errors[0].starts_with("The sequence in the link was not read: the packed sequence"), "{errors:?}");
    }
}

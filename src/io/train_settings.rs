//! The augmentation lab's settings as URL parameters, both ways: `model`
//! (the fixed body), `group` (what the copies are made with: `rot90`,
//! `flips`, `shifts`), `copies` (per sample, up to the group's order − 1),
//! `g` (what the test set is moved by), `aug=on|off` (which head the
//! per-layer check shows), `seed` and `epochs` (how far Train goes).
//!
//! Reading never fails as a whole: each unknown value is reported in words and
//! replaced by its default, the rest kept.

use super::query::HashLocation;
use super::transform_expr::{self, Domain};
use super::url_fields::{read_field, read_g};
use crate::engine::models::image::ImageArch;
use crate::engine::train::AugGroup;
use crate::engine::transform::Transform;

/// The default test transformation.
pub const DEFAULT_G: &str = "rot90";
/// The most epochs a learner can ask for.
pub const MAX_EPOCHS: usize = 500;
/// The default number of epochs.
pub const DEFAULT_EPOCHS: usize = 40;

/// What the URL asks the augmentation lab to show.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainSettings {
    pub arch: ImageArch,
    pub group: AugGroup,
    /// Copies per training sample (clamped to the group's order − 1 when used).
    pub copies: usize,
    pub g: Transform,
    /// Show the augmented head in the per-layer check.
    pub aug: bool,
    pub seed: u64,
    pub epochs: usize,
}

impl Default for TrainSettings {
    fn default() -> Self {
        TrainSettings {
            arch: ImageArch::CnnFlatten,
            group: AugGroup::Rot90,
            copies: AugGroup::Rot90.order() - 1,
            g: transform_expr::parse(DEFAULT_G, Domain::Image).unwrap_or_default(),
            aug: true,
            seed: 1,
            epochs: DEFAULT_EPOCHS,
        }
    }
}

impl TrainSettings {
    /// The copies actually used: at most the rest of the group.
    pub fn copies_used(&self) -> usize {
        self.copies.min(self.group.order() - 1)
    }
}

/// Read the settings; the second value lists what was refused and why.
pub fn read(loc: &HashLocation) -> (TrainSettings, Vec<String>) {
    let mut s = TrainSettings::default();
    let mut errors = Vec::new();
    if let Some(g) = read_g(loc, &mut errors, Domain::Image) {
        s.g = g;
    }
    let mut field =
        |key: &str, names: &str, ok: &mut dyn FnMut(&str) -> bool| read_field(loc, &mut errors, key, names, ok);
    let arch_names = ImageArch::ALL.map(|a| a.name()).join(", ");
    field("model", &arch_names, &mut |v| ImageArch::parse(v).map(|a| s.arch = a).is_some());
    let group_names = AugGroup::ALL.map(|g| g.name()).join(", ");
    field("group", &group_names, &mut |v| {
        AugGroup::parse(v)
            .map(|g| {
                s.group = g;
                s.copies = g.order() - 1;
            })
            .is_some()
    });
    field("copies", "a whole number from 0 to 15", &mut |v| {
        v.parse::<usize>().ok().filter(|n| *n <= 15).map(|n| s.copies = n).is_some()
    });
    field("aug", "on, off", &mut |v| match v {
        "on" | "off" => {
            s.aug = v == "on";
            true
        }
        _ => false,
    });
    field("seed", "a whole number from 0 to 4294967295", &mut |v| v.parse::<u32>().map(|n| s.seed = n as u64).is_ok());
    let epoch_names = format!("a whole number from 1 to {MAX_EPOCHS}");
    field("epochs", &epoch_names, &mut |v| {
        v.parse::<usize>().ok().filter(|n| (1..=MAX_EPOCHS).contains(n)).map(|n| s.epochs = n).is_some()
    });
    (s, errors)
}

/// Write the settings into `loc` (other parameters, like `embed`, are kept).
pub fn write(loc: &mut HashLocation, s: &TrainSettings) {
    loc.route = "/train".into();
    loc.set("model", Some(s.arch.name().into()));
    loc.set("group", Some(s.group.name().into()));
    loc.set("copies", Some(s.copies_used().to_string()));
    loc.set("g", Some(s.g.to_string()).filter(|_| !s.g.is_identity()).or(Some("id".into())));
    loc.set("aug", Some(if s.aug { "on" } else { "off" }.into()));
    loc.set("seed", Some(s.seed.to_string()));
    loc.set("epochs", Some(s.epochs.to_string()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let loc =
            HashLocation::parse("#/train?model=p4cnn&group=shifts&copies=5&g=rot90;flipx&aug=off&seed=9&epochs=80")
                .unwrap();
        let (s, errors) = read(&loc);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            (s.arch, s.group, s.copies, s.aug, s.seed, s.epochs),
            (ImageArch::P4Cnn, AugGroup::Shifts, 5, false, 9, 80)
        );
        let mut out = HashLocation::default();
        write(&mut out, &s);
        assert_eq!(out.to_hash(), "#/train?model=p4cnn&group=shifts&copies=5&g=rot90;flipx&aug=off&seed=9&epochs=80");
        assert_eq!(read(&out).0, s);
    }

    #[test]
    fn a_group_brings_its_whole_orbit_unless_copies_say_otherwise() {
        let (s, _) = read(&HashLocation::parse("#/train?group=shifts").unwrap());
        assert_eq!(s.copies_used(), 15);
        let (s, _) = read(&HashLocation::parse("#/train?group=flips&copies=9").unwrap());
        assert_eq!((s.copies, s.copies_used()), (9, 3));
    }

    #[test]
    fn typos_are_reported_in_words_and_the_rest_kept() {
        let loc = HashLocation::parse(
            "#/train?g=spin&model=mlp&group=rot45&aug=maybe&epochs=0&seed=-1&copies=99&model=cnn-gap",
        )
        .unwrap();
        let (s, errors) = read(&loc);
        assert!(errors.len() >= 6, "{errors:?}");
        assert!(errors[0].contains("spin"), "{errors:?}");
        assert!(errors.iter().any(|e| e.contains("rot90, flips, shifts")), "{errors:?}");
        assert!(errors.iter().any(|e| e.contains("on, off")), "{errors:?}");
        let d = TrainSettings::default();
        assert_eq!((s.g.clone(), s.group, s.aug, s.epochs, s.seed), (d.g, d.group, d.aug, d.epochs, d.seed));
        let (ok, errors) = read(&HashLocation::parse("#/train?g=spin&seed=4").unwrap());
        assert_eq!((errors.len(), ok.seed), (1, 4));
    }
}

//! The sequence lab's settings as URL parameters, both ways:
//! `preset`, `g`, `model`, `seed`, and the lab's own `pad` (left padding in
//! steps), `bias` (off, random, rest), `rescale` (on, off: slow the gates
//! down by the warp factor), `hidden` (units), `alpha` (the gate at rest),
//! `weights` (seeded, hand), `beats` (length) and `rate` (steps per beat).
//!
//! Reading never fails as a whole: each unknown value is reported in words and
//! replaced by its default, so one typo in a shared link does not lose the
//! rest of the view. The sizes are bounded so that no link can ask for a
//! recompute that freezes the page ([`run_length_error`]).

use super::query::HashLocation;
use super::sequence_presets::{Sampling, PRESETS};
use super::transform_expr::{self, Domain};
use super::url_codec;
use crate::engine::analysis::time_axis;
use crate::engine::models::sequence::{BiasMode, SequenceArch, SequenceModelConfig, WeightSource};
use crate::engine::transform::{fmt_num, Transform};
use std::rc::Rc;

/// The default transformation of a fresh lab: the warp of claim S2.
pub const DEFAULT_G: &str = "warp(2)";
/// The default input.
pub const DEFAULT_PRESET: &str = "melody";
/// Most hidden units the lab offers (the engine allows more; a frame does not).
pub const MAX_HIDDEN: usize = 32;
/// Most steps of left padding.
pub const MAX_PAD: usize = 256;
/// Shortest and longest signal, in beats, and the sampling rates offered.
pub const BEATS: (f32, f32) = (0.25, 16.0);
pub const RATES: (f32, f32) = (1.0, 64.0);
/// Most rows any run of the lab may have (the transformed, padded input):
/// a 32-unit LSTM over 4,096 steps already takes longer than a frame.
pub const MAX_RUN_STEPS: usize = 4096;
/// `h0` of every unit when the bias is solved for a rest state: a non-zero
/// rest shows that `f(0, h0) = h0`, not "no bias", is what S1 needs.
pub const REST_H0: f32 = 0.4;

/// What the URL asks the sequence lab to show.
#[derive(Clone, Debug, PartialEq)]
pub struct SequenceSettings {
    /// `None` when the URL names no preset (keep the current drawing).
    pub preset: Option<String>,
    pub g: Transform,
    /// The model shown in detail and its settings (`arch` is `model=`).
    pub model: SequenceModelConfig,
    /// Zero steps of left padding before the signal.
    pub pad: usize,
    pub sampling: Sampling,
    /// The learner's drawn curve (`curve=`, `(beats, value)` points), when no preset is shown.
    pub curve: Option<Rc<Vec<(f32, f32)>>>,
}

/// The lab's default model: 8 units, which keeps every view within a frame.
pub fn default_model() -> SequenceModelConfig {
    SequenceModelConfig { hidden: 8, ..SequenceModelConfig::default() }
}

impl Default for SequenceSettings {
    fn default() -> Self {
        SequenceSettings {
            preset: Some(DEFAULT_PRESET.into()),
            g: transform_expr::parse(DEFAULT_G, Domain::Sequence).unwrap_or_default(),
            model: default_model(),
            pad: 0,
            sampling: Sampling::default(),
            curve: None,
        }
    }
}

/// The `bias=` name of a bias mode.
pub fn bias_name(b: BiasMode) -> &'static str {
    match b {
        BiasMode::Off => "off",
        BiasMode::Random => "random",
        BiasMode::Rest => "rest",
    }
}

fn parse_bias(s: &str) -> Option<BiasMode> {
    [BiasMode::Off, BiasMode::Random, BiasMode::Rest].into_iter().find(|b| bias_name(*b) == s)
}

/// The `weights=` name of a weight source.
pub fn weights_name(w: WeightSource) -> &'static str {
    match w {
        WeightSource::Seeded => "seeded",
        WeightSource::Hand => "hand",
    }
}

fn parse_weights(s: &str) -> Option<WeightSource> {
    [WeightSource::Seeded, WeightSource::Hand].into_iter().find(|w| weights_name(*w) == s)
}

fn parse_switch(s: &str) -> Option<bool> {
    match s {
        "on" | "1" | "true" | "yes" => Some(true),
        "off" | "0" | "false" | "no" => Some(false),
        _ => None,
    }
}

/// `h0` that goes with a bias mode: [`REST_H0`] for a rest state, else 0.
pub fn h0_for(bias: BiasMode) -> f32 {
    if bias == BiasMode::Rest {
        REST_H0
    } else {
        0.0
    }
}

/// A number in `[lo, hi]`, or `None`.
fn number_in(v: &str, lo: f32, hi: f32) -> Option<f32> {
    v.parse::<f32>().ok().filter(|x| x.is_finite() && (lo..=hi).contains(x))
}

/// Why a run of `t` input steps after `pad` padding steps under `g` is too
/// long for the lab, or `None` when it fits in [`MAX_RUN_STEPS`].
pub fn run_length_error(t: usize, pad: usize, g: &Transform) -> Option<String> {
    let n = time_axis::length(g, t.saturating_add(pad)).max(t.saturating_add(pad));
    (n > MAX_RUN_STEPS).then(|| {
        format!(
            "{g} would make {} steps, more than the {MAX_RUN_STEPS} this lab runs at once; use a shorter signal, less padding or a smaller delay or warp",
            if n == usize::MAX { "too many".to_string() } else { n.to_string() }
        )
    })
}

/// The largest of `factors` whose warp of a `t`-step run stays within
/// [`MAX_RUN_STEPS`] (the S2 chart skips the others), if any.
pub fn max_warp(t: usize, factors: &[f32]) -> Option<f32> {
    factors.iter().copied().filter(|&a| ((t as f64) * a as f64).round() <= MAX_RUN_STEPS as f64).reduce(f32::max)
}

/// Read the settings; the second value lists what was refused and why.
pub fn read(loc: &HashLocation) -> (SequenceSettings, Vec<String>) {
    let mut s = SequenceSettings::default();
    let mut errors = Vec::new();
    match loc.get("preset") {
        Some(p) if PRESETS.iter().any(|q| q.name == p) => s.preset = Some(p.to_string()),
        Some(p) => errors.push(format!(
            "There is no sequence preset called “{p}”; the presets are {}.",
            PRESETS.iter().map(|q| q.name).collect::<Vec<_>>().join(", ")
        )),
        None if loc.params.is_empty() => {}
        None => s.preset = None,
    }
    let m = &mut s.model;
    let mut field = |key: &str, names: &str, ok: &mut dyn FnMut(&str) -> bool| {
        if let Some(v) = loc.get(key) {
            if !ok(v) {
                errors.push(format!("“{v}” is not a valid {key}; use {names}."));
            }
        }
    };
    field("model", "one of rnn, gated-rnn, lstm", &mut |v| SequenceArch::parse(v).map(|a| m.arch = a).is_some());
    field("seed", "a whole number from 0 to 4294967295", &mut |v| v.parse::<u32>().map(|n| m.seed = n as u64).is_ok());
    field("bias", "one of off, random, rest", &mut |v| parse_bias(v).map(|b| m.bias = b).is_some());
    field("rescale", "on or off", &mut |v| parse_switch(v).map(|r| m.gate_rescale = r).is_some());
    field("hidden", &format!("a whole number of units from 1 to {MAX_HIDDEN}"), &mut |v| {
        v.parse::<usize>().ok().filter(|n| (1..=MAX_HIDDEN).contains(n)).map(|n| m.hidden = n).is_some()
    });
    field("alpha", "a gate between 0.001 and 1, for example 0.05", &mut |v| {
        number_in(v, 1e-3, 1.0).map(|a| m.alpha = a).is_some()
    });
    field("weights", "seeded or hand", &mut |v| parse_weights(v).map(|w| m.weights = w).is_some());
    m.h0 = h0_for(m.bias);
    let (pad, sampling) = (&mut s.pad, &mut s.sampling);
    field("pad", &format!("a whole number of steps from 0 to {MAX_PAD}"), &mut |v| {
        v.parse::<usize>().ok().filter(|n| *n <= MAX_PAD).map(|n| *pad = n).is_some()
    });
    field("beats", &format!("a length from {} to {} beats", BEATS.0, BEATS.1), &mut |v| {
        number_in(v, BEATS.0, BEATS.1).map(|b| sampling.duration = b).is_some()
    });
    field("rate", &format!("a whole number of steps per beat from {} to {}", RATES.0, RATES.1), &mut |v| {
        number_in(v, RATES.0, RATES.1).filter(|r| r.fract() == 0.0).map(|r| sampling.rate = r).is_some()
    });
    if let Some(g) = loc.get("g") {
        match transform_expr::parse(g, Domain::Sequence) {
            Ok(t) => match run_length_error(s.sampling.steps(), s.pad, &t) {
                None => s.g = t,
                Some(e) => errors.push(format!("The transformation “{g}” was not applied: {e}.")),
            },
            Err(e) => errors.push(format!("The transformation “{g}” was not understood: {e}.")),
        }
    }
    if let Some(code) = loc.get("curve").filter(|_| loc.get("preset").is_none()) {
        match url_codec::decode_curve(code) {
            Ok(c) => {
                s.curve = Some(Rc::new(c));
                s.preset = None;
            }
            Err(e) => errors.push(format!("The drawn signal in the link could not be read: {e}.")),
        }
    }
    (s, errors)
}

/// The `curve=` code of a drawn signal, or `None` when it is longer than a
/// link should carry ([`url_codec::LINK_BUDGET`]).
pub fn curve_code(curve: &[(f32, f32)]) -> Option<String> {
    Some(url_codec::encode_curve(curve)).filter(|c| !curve.is_empty() && c.len() <= url_codec::LINK_BUDGET)
}

/// Write the settings into `loc` (other parameters, like `embed`, are kept).
pub fn write(loc: &mut HashLocation, s: &SequenceSettings) {
    let m = &s.model;
    loc.route = "/sequence".into();
    loc.set("preset", s.preset.clone());
    loc.set("g", Some(if s.g.is_identity() { "id".into() } else { s.g.to_string() }));
    loc.set("model", Some(m.arch.name().into()));
    loc.set("seed", Some(m.seed.to_string()));
    loc.set("pad", Some(s.pad.to_string()));
    loc.set("bias", Some(bias_name(m.bias).into()));
    loc.set("rescale", Some(if m.gate_rescale { "on" } else { "off" }.into()));
    loc.set("hidden", Some(m.hidden.to_string()));
    loc.set("alpha", Some(fmt_num(m.alpha)));
    loc.set("weights", Some(weights_name(m.weights).into()));
    loc.set("beats", Some(fmt_num(s.sampling.duration)));
    loc.set("rate", Some(fmt_num(s.sampling.rate)));
    loc.set("curve", s.curve.as_deref().filter(|_| s.preset.is_none()).and_then(|c| curve_code(c)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drawn_curve_round_trips_through_the_link() {
        let curve = vec![(0.0, 0.0), (1.5, 0.75), (3.0, -0.5)];
        let s = SequenceSettings { preset: None, curve: Some(Rc::new(curve.clone())), ..SequenceSettings::default() };
        let mut out = HashLocation::default();
        write(&mut out, &s);
        let (back, errors) = read(&HashLocation::parse(&out.to_hash()).unwrap());
        assert!(errors.is_empty(), "{errors:?}");
        let c = back.curve.unwrap();
        assert!(c.iter().zip(&curve).all(|(a, b)| (a.0 - b.0).abs() < 1e-3 && (a.1 - b.1).abs() < 1e-4));
        assert!(read(&HashLocation::parse("#/sequence?curve=@@").unwrap()).1[0].contains("drawn signal"));
    }

    #[test]
    fn round_trip() {
        let loc = HashLocation::parse(
            "#/sequence?preset=spike&g=delay(5);warp(1.5)&model=lstm&seed=9&pad=12&bias=rest&rescale=off&hidden=16&alpha=0.1&weights=hand&beats=1.5&rate=8",
        )
        .unwrap();
        let (s, errors) = read(&loc);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(s.model.arch, SequenceArch::Lstm);
        assert_eq!(s.model.h0, REST_H0);
        assert_eq!((s.pad, s.sampling.steps()), (12, 12));
        let mut out = HashLocation::default();
        write(&mut out, &s);
        assert_eq!(read(&out).0, s);
        assert!(out.to_hash().starts_with("#/sequence?preset=spike&g=delay(5);warp(1.5)&model=lstm"));
    }

    #[test]
    fn typos_are_reported_and_the_rest_kept() {
        let loc = HashLocation::parse(
            "#/sequence?preset=noise&g=rot90&model=gru&seed=7&pad=-1&bias=maybe&rescale=on&hidden=0&alpha=2&weights=x&beats=99&rate=2.5",
        )
        .unwrap();
        let (s, errors) = read(&loc);
        assert_eq!(errors.len(), 10, "{errors:#?}");
        assert!(errors.iter().any(|e| e.contains("noise")) && errors.iter().any(|e| e.contains("rot90")));
        let d = SequenceSettings::default();
        assert_eq!((s.model.seed, s.model.gate_rescale), (7, true));
        assert_eq!((s.model.arch, s.model.hidden, s.model.bias), (d.model.arch, d.model.hidden, d.model.bias));
        assert_eq!((s.pad, s.sampling, s.g), (0, d.sampling, d.g));
        assert_eq!(s.preset.as_deref(), Some(DEFAULT_PRESET));
    }

    #[test]
    fn a_link_without_preset_keeps_the_drawing_and_a_bare_one_gets_the_default() {
        let (s, _) = read(&HashLocation::parse("#/sequence?g=delay(3)").unwrap());
        assert_eq!(s.preset, None);
        let (s, _) = read(&HashLocation::parse("#/sequence").unwrap());
        assert_eq!(s.preset.as_deref(), Some(DEFAULT_PRESET));
        assert_eq!(s.g.to_string(), DEFAULT_G);
    }

    #[test]
    fn the_warp_sweep_stops_where_runs_get_too_long() {
        let f = [0.5, 1.0, 2.0, 4.0, 8.0];
        assert_eq!(max_warp(64, &f), Some(8.0));
        assert_eq!(max_warp(1024, &f), Some(4.0));
        assert_eq!(max_warp(1_000_000, &f), None);
    }

    #[test]
    fn runs_that_would_freeze_the_page_are_refused() {
        let (s, errors) = read(&HashLocation::parse("#/sequence?beats=16&rate=64&pad=8&g=warp(4)").unwrap());
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("4096"));
        assert_eq!(s.g.to_string(), DEFAULT_G);
        let g = transform_expr::parse("delay(100000)", Domain::Sequence).unwrap();
        assert!(run_length_error(64, 0, &g).is_some());
        assert!(run_length_error(64, 256, &transform_expr::parse("warp(8)", Domain::Sequence).unwrap()).is_none());
        assert!(run_length_error(1024, 0, &transform_expr::parse("warp(4)", Domain::Sequence).unwrap()).is_none());
    }
}

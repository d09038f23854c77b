//! The classroom parameters every lab shares, read from the URL:
//! `embed=1` (the lab alone, fitted to its frame), `view=` (what an embed
//! shows: `summary`, `layer=K`, or a named part of the lab: `sweep`, `angle`,
//! `matrices`, `wl`, `tracks`), `present=1` (presentation: everything scaled
//! for a projector, one layer at a time) and `predict=1` (verdicts and errors
//! hidden until the learner has guessed; `predict=head` asks for the
//! network's answer only).
//!
//! Reading never fails: an unknown value is reported in words and the
//! default kept, like every lab's settings.

use super::query::HashLocation;

/// The named parts of a lab an embed can show alone (besides the summary).
pub const NAMED_VIEWS: [&str; 5] = ["sweep", "angle", "matrices", "wl", "tracks"];

/// What an embedded lab shows.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum View {
    /// x, g·x, the network's verdict and one layer's strip (the default).
    #[default]
    Summary,
    /// The strip, on layer `K` (0-based, as `data-layer`).
    Layer(usize),
    /// A named part of the lab (one of [`NAMED_VIEWS`]).
    Named(&'static str),
}

impl View {
    /// As written in a link (`summary`, `layer=3`, `sweep`).
    pub fn to_param(&self) -> String {
        match self {
            View::Summary => "summary".into(),
            View::Layer(k) => format!("layer={k}"),
            View::Named(n) => (*n).into(),
        }
    }

    /// A frame size that suits the view, in CSS pixels (the embed code's
    /// `width` and `height`).
    pub fn frame_size(&self) -> (u32, u32) {
        match self {
            View::Summary | View::Layer(_) => (760, 520),
            View::Named("matrices") | View::Named("wl") => (760, 620),
            View::Named(_) => (760, 560),
        }
    }
}

/// Whom the predict mode asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PredictScope {
    /// A guess for every layer.
    Layers,
    /// A guess for the network's output only.
    Head,
}

/// The classroom parameters of a link.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Classroom {
    pub embed: bool,
    pub view: View,
    pub present: bool,
    pub predict: Option<PredictScope>,
}

fn flag(loc: &HashLocation, key: &str, errors: &mut Vec<String>) -> bool {
    match loc.get(key) {
        None | Some("0") => false,
        Some("1") => true,
        Some(other) => {
            errors.push(format!("{key}={other} is not understood (use {key}=1): it is off."));
            false
        }
    }
}

/// The classroom parameters of `loc`, and what was not understood.
pub fn read(loc: &HashLocation) -> (Classroom, Vec<String>) {
    let mut errors = Vec::new();
    let embed = flag(loc, "embed", &mut errors);
    let present = flag(loc, "present", &mut errors);
    let predict = match loc.get("predict") {
        None | Some("0") => None,
        Some("1") | Some("layers") => Some(PredictScope::Layers),
        Some("head") => Some(PredictScope::Head),
        Some(other) => {
            errors.push(format!("predict={other} is not understood (use predict=1 or predict=head): it is off."));
            None
        }
    };
    let view = match loc.get("view") {
        None | Some("summary") => View::Summary,
        Some(v) => match v.strip_prefix("layer=").map(|k| k.parse::<usize>()) {
            Some(Ok(k)) if k < 1000 => View::Layer(k),
            Some(_) => {
                errors.push(format!(
                    "view={v} is not understood (use view=layer=K, K a layer number from 0): the summary is shown."
                ));
                View::Summary
            }
            None => match NAMED_VIEWS.iter().find(|n| **n == v) {
                Some(n) => View::Named(n),
                None => {
                    errors.push(format!(
                        "view={v} is not understood (use summary, layer=K, {}): the summary is shown.",
                        NAMED_VIEWS.join(", ")
                    ));
                    View::Summary
                }
            },
        },
    };
    (Classroom { embed, view, present, predict }, errors)
}

/// Write the classroom parameters into `loc` (absent when off or default).
pub fn write(loc: &mut HashLocation, c: &Classroom) {
    loc.set("embed", c.embed.then(|| "1".into()));
    loc.set("present", c.present.then(|| "1".into()));
    loc.set(
        "predict",
        c.predict.map(|s| match s {
            PredictScope::Layers => "1".into(),
            PredictScope::Head => "head".into(),
        }),
    );
    loc.set("view", (c.view != View::Summary).then(|| c.view.to_param()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_hash(h: &str) -> (Classroom, Vec<String>) {
        read(&HashLocation::parse(h).unwrap())
    }

    #[test]
    fn every_parameter_reads_and_writes_back() {
        for h in [
            "#/image?embed=1&view=layer=3",
            "#/image?embed=1&view=sweep",
            "#/graph?embed=1&view=wl",
            "#/dna?present=1",
            "#/image?predict=1",
            "#/image?predict=head&present=1",
            "#/image",
        ] {
            let (c, errors) = read_hash(h);
            assert!(errors.is_empty(), "{h}: {errors:?}");
            let mut loc = HashLocation::parse("#/image").unwrap();
            write(&mut loc, &c);
            assert_eq!(read(&loc).0, c, "{h}");
        }
        assert_eq!(read_hash("#/image?embed=1&view=layer=3").0.view, View::Layer(3));
        assert_eq!(read_hash("#/image?predict=head").0.predict, Some(PredictScope::Head));
    }

    #[test]
    fn typos_are_reported_and_the_defaults_kept() {
        let (c, errors) = read_hash("#/image?embed=yes&view=layer=x&predict=maybe&present=2");
        assert_eq!(c, Classroom::default());
        assert_eq!(errors.len(), 4, "{errors:?}");
        let (c, errors) = read_hash("#/image?view=everything");
        assert_eq!(c.view, View::Summary);
        assert!(errors[0].contains("view=everything"), "{errors:?}");
    }
}

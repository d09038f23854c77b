//! The `g=` grammar: steps separated by `;`, applied left to right.
//!
//! ```text
//! image:    shift(dx,dy)  zshift(dx,dy)  rot90  rot180  rot270  rot(DEG)  flipx  flipy
//! graph:    perm(SEED)  perm(i0,i1,...)  swap(i,j)   (permx/swapx: permute X but not A)
//! dna:      rc  shift(k)
//! sequence: delay(k)  warp(A)
//! any:      id, and a suffix ^-1 for the inverse of a step
//! ```

use crate::engine::grid_group::Mat2;
use crate::engine::transform::{Fill, Step, Transform};
use std::fmt;

/// Longest accepted expression, in bytes.
pub const MAX_LEN: usize = 4096;
/// Most steps in one expression.
pub const MAX_STEPS: usize = 64;
/// Largest shift or delay magnitude.
pub const MAX_OFFSET: i64 = 1_000_000;

/// The lab whose signals the expression must act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Domain {
    Image,
    Graph,
    Dna,
    Sequence,
}

impl Domain {
    fn name(self) -> &'static str {
        match self {
            Domain::Image => "image",
            Domain::Graph => "graph",
            Domain::Dna => "DNA",
            Domain::Sequence => "sequence",
        }
    }

    fn vocabulary(self) -> &'static str {
        match self {
            Domain::Image => "shift(dx,dy), zshift(dx,dy), rot90, rot180, rot270, rot(DEG), flipx, flipy",
            Domain::Graph => "perm(SEED), perm(i0,i1,...), swap(i,j), permx(..), swapx(i,j)",
            Domain::Dna => "rc, shift(k)",
            Domain::Sequence => "delay(k), warp(A)",
        }
    }
}

/// A refused expression, with the byte offset of the offending step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    pub position: usize,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.position + 1)
    }
}

impl std::error::Error for ParseError {}

/// Parse a `g=` expression for a lab. An empty string is the identity.
pub fn parse(expr: &str, domain: Domain) -> Result<Transform, ParseError> {
    if expr.len() > MAX_LEN {
        return Err(ParseError {
            message: format!("the transformation is longer than {MAX_LEN} characters"),
            position: 0,
        });
    }
    let mut steps = Vec::new();
    let mut pos = 0usize;
    for part in expr.split(';') {
        let start = pos + (part.len() - part.trim_start().len());
        pos += part.len() + 1;
        let text = part.trim();
        if text.is_empty() {
            continue;
        }
        if steps.len() >= MAX_STEPS {
            return Err(ParseError { message: format!("at most {MAX_STEPS} steps are allowed"), position: start });
        }
        let err = |message: String| ParseError { message, position: start };
        let (body, inverse) = match text.strip_suffix("^-1") {
            Some(b) => (b.trim_end(), true),
            None => (text, false),
        };
        let Some(step) = parse_step(body, domain).map_err(err)? else { continue };
        let step = if inverse { step.inverse().map_err(|e| err(e.0))? } else { step };
        steps.push(step);
    }
    Ok(Transform { steps })
}

/// One step, or `None` for the identity.
fn parse_step(text: &str, domain: Domain) -> Result<Option<Step>, String> {
    let (name, args) = match text.find('(') {
        Some(open) => {
            let inner = text[open + 1..].strip_suffix(')').ok_or_else(|| format!("`{text}`: missing `)`"))?;
            (text[..open].trim(), Some(inner))
        }
        None => (text, None),
    };
    let name = name.to_ascii_lowercase();
    let nums = |n: &str| -> Result<Vec<f64>, String> {
        let inner = args.ok_or_else(|| format!("`{n}` needs arguments in parentheses"))?;
        if inner.trim().is_empty() {
            return Err(format!("`{n}()` needs arguments"));
        }
        inner
            .split(',')
            .map(|a| {
                let a = a.trim();
                a.parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| format!("`{a}` in `{text}` is not a number"))
            })
            .collect()
    };
    let int = |v: f64, what: &str| -> Result<i64, String> {
        if v.fract() != 0.0 || v.abs() > MAX_OFFSET as f64 {
            Err(format!("{what} must be a whole number between -{MAX_OFFSET} and {MAX_OFFSET}, not {v}"))
        } else {
            Ok(v as i64)
        }
    };
    let index = |v: f64| -> Result<usize, String> {
        if v.fract() != 0.0 || !(0.0..=1e7).contains(&v) {
            Err(format!("a node index must be a whole number from 0, not {v}"))
        } else {
            Ok(v as usize)
        }
    };
    let no_args = |step: Step| -> Result<Option<Step>, String> {
        match args {
            Some(_) => Err(format!("`{name}` takes no arguments")),
            None => Ok(Some(step)),
        }
    };
    let allowed: &[&str] = match domain {
        Domain::Image => &["id", "identity", "shift", "zshift", "rot90", "rot180", "rot270", "rot", "flipx", "flipy"],
        Domain::Graph => &["id", "identity", "perm", "permx", "swap", "swapx"],
        Domain::Dna => &["id", "identity", "rc", "shift"],
        Domain::Sequence => &["id", "identity", "delay", "warp"],
    };
    if !allowed.contains(&name.as_str()) {
        return Err(format!(
            "unknown transformation `{text}` for the {} lab; try {}",
            domain.name(),
            domain.vocabulary()
        ));
    }
    let step = match name.as_str() {
        "id" | "identity" => return no_args(Step::Point(Mat2::IDENTITY)).map(|_| None),
        "rot90" => return no_args(Step::Point(Mat2::ROT90)),
        "rot180" => return no_args(Step::Point(Mat2::rot90_pow(2))),
        "rot270" => return no_args(Step::Point(Mat2::rot90_pow(3))),
        "flipx" => return no_args(Step::Point(Mat2::FLIP_X)),
        "flipy" => return no_args(Step::Point(Mat2::FLIP_Y)),
        "rc" => return no_args(Step::ReverseComplement),
        "shift" | "zshift" if domain == Domain::Image => {
            let v = nums(&name)?;
            let fill = if name == "zshift" { Fill::Zero } else { Fill::Cyclic };
            match v.as_slice() {
                [dx, dy] => Step::Shift { dx: int(*dx, "a shift")? as i32, dy: int(*dy, "a shift")? as i32, fill },
                [dx] => Step::Shift { dx: int(*dx, "a shift")? as i32, dy: 0, fill },
                _ => return Err(format!("`{name}` takes two numbers: {name}(dx,dy)")),
            }
        }
        "shift" => match nums(&name)?.as_slice() {
            [k] => Step::Roll { k: int(*k, "a shift")? as i32 },
            _ => return Err("`shift` takes one number here: shift(k)".into()),
        },
        "rot" => match nums(&name)?.as_slice() {
            [d] if d.abs() <= 36_000.0 => Step::Rotate { degrees: *d as f32 },
            [_] => return Err("an angle must be between -36000 and 36000 degrees".into()),
            _ => return Err("`rot` takes one angle in degrees: rot(45)".into()),
        },
        "perm" | "permx" => {
            let features_only = name == "permx";
            let v = nums(&name)?;
            if v.len() == 1 {
                let seed = v[0];
                if seed.fract() != 0.0 || !(0.0..=u32::MAX as f64).contains(&seed) {
                    return Err(format!(
                        "a permutation seed must be a whole number from 0 to {}, not {seed}",
                        u32::MAX
                    ));
                }
                Step::PermuteSeeded { seed: seed as u64, inverse: false, features_only }
            } else {
                let perm = v.into_iter().map(index).collect::<Result<Vec<_>, _>>()?;
                Step::Permute { perm, features_only }
            }
        }
        "swap" | "swapx" => match nums(&name)?.as_slice() {
            [i, j] => Step::Swap { i: index(*i)?, j: index(*j)?, features_only: name == "swapx" },
            _ => return Err(format!("`{name}` takes two node indices: {name}(i,j)")),
        },
        "delay" => match nums(&name)?.as_slice() {
            [k] if *k >= 0.0 && k.fract() == 0.0 && *k <= 100_000.0 => Step::Delay { k: *k as usize },
            _ => return Err("`delay` takes a whole number of steps from 0 to 100000: delay(5)".into()),
        },
        "warp" => match nums(&name)?.as_slice() {
            [a] if (0.25..=8.0).contains(a) => Step::Warp { factor: *a as f32 },
            _ => return Err("`warp` takes a stretch factor between 0.25 and 8: warp(2)".into()),
        },
        _ => return Err(format!("unknown transformation `{text}`")),
    };
    Ok(Some(step))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_design_examples() {
        let g = parse("shift(3,5);rot90", Domain::Image).unwrap();
        assert_eq!(g.to_string(), "shift(3,5);rot90");
        assert_eq!(parse("perm(7)", Domain::Graph).unwrap().to_string(), "perm(7)");
        assert_eq!(parse("perm(2,0,1)", Domain::Graph).unwrap().to_string(), "perm(2,0,1)");
        assert_eq!(parse("rc;shift(4)", Domain::Dna).unwrap().to_string(), "rc;shift(4)");
        assert_eq!(parse("warp(2)", Domain::Sequence).unwrap().to_string(), "warp(2)");
        assert_eq!(parse("rot(45)", Domain::Image).unwrap().to_string(), "rot(45)");
        assert!(parse("", Domain::Image).unwrap().is_identity());
        assert_eq!(parse("rot90^-1", Domain::Image).unwrap().to_string(), "rot270");
    }

    #[test]
    fn refuses_with_a_position() {
        let e = parse("rot90;spin(3)", Domain::Image).unwrap_err();
        assert_eq!(e.position, 6);
        assert!(e.message.contains("unknown transformation"));
        assert!(parse("rc", Domain::Image).is_err());
        assert!(parse("shift(1,2", Domain::Image).is_err());
        assert!(parse("zshift(1,1)^-1", Domain::Image).is_err());
        assert!(parse("warp(100)", Domain::Sequence).is_err());
    }
}

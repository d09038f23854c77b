//! Reading one field of a lab's link, the same way in every lab: a value the
//! lab cannot use is reported in words (with what it accepts) and left at
//! its default, so one typo does not lose the rest of the view.

use super::query::HashLocation;
use super::transform_expr::{self, Domain};
use crate::engine::transform::Transform;

/// Give `key`'s value (if the link has one) to `use_value`; if it returns
/// false, say so in `errors`, naming the accepted `names`.
pub fn read_field(
    loc: &HashLocation,
    errors: &mut Vec<String>,
    key: &str,
    names: &str,
    use_value: &mut dyn FnMut(&str) -> bool,
) {
    if let Some(v) = loc.get(key) {
        if !use_value(v) {
            errors.push(format!("“{v}” is not a valid {key}; use one of {names}."));
        }
    }
}

/// The link's `g=` in the lab's grammar, or `None` (absent, or refused with
/// the reason in `errors`).
pub fn read_g(loc: &HashLocation, errors: &mut Vec<String>, domain: Domain) -> Option<Transform> {
    let g = loc.get("g")?;
    transform_expr::parse(g, domain)
        .map_err(|e| errors.push(format!("The transformation “{g}” was not understood: {e}.")))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_value_is_reported_with_what_is_accepted() {
        let loc = HashLocation::parse("#/image?pool=huge&seed=3&g=rot(").expect("a location");
        let mut errors = vec![];
        let mut seed = 0;
        read_field(&loc, &mut errors, "seed", "whole numbers", &mut |v| v.parse().map(|n| seed = n).is_ok());
        read_field(&loc, &mut errors, "pool", "max, avg", &mut |v| v == "max");
        read_field(&loc, &mut errors, "absent", "anything", &mut |_| false);
        assert_eq!(seed, 3);
        assert_eq!(errors, vec!["“huge” is not a valid pool; use one of max, avg.".to_string()]);
        assert!(read_g(&loc, &mut errors, Domain::Image).is_none());
        assert!(errors[1].starts_with("The transformation “rot(” was not understood"), "{errors:?}");
        let ok = HashLocation::parse("#/image?g=rot90").expect("a location");
        assert!(read_g(&ok, &mut errors, Domain::Image).is_some());
        assert_eq!(errors.len(), 2);
    }
}

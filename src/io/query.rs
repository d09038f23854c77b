//! The URL state after the hash: `#/route?key=value&...`.
//!
//! Hash routing lets any static host and any `<iframe>` serve the app. Values
//! are written with only the characters that need it escaped, so links stay
//! readable (`#/image?g=shift(3,5);rot90`), and read back with standard
//! form decoding.

/// Longest URL state accepted, in bytes; longer ones are ignored with a message.
pub const MAX_URL_STATE: usize = 64 * 1024;

/// A parsed hash location.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HashLocation {
    /// The route, e.g. `/image` (always starting with `/`).
    pub route: String,
    pub params: Vec<(String, String)>,
}

impl HashLocation {
    /// Parse `#/image?preset=digit3&g=rot90` (the leading `#` is optional).
    pub fn parse(hash: &str) -> Result<HashLocation, String> {
        if hash.len() > MAX_URL_STATE {
            return Err(format!("the link is longer than {} kB, so its settings were ignored", MAX_URL_STATE / 1024));
        }
        let h = hash.strip_prefix('#').unwrap_or(hash);
        let (route, query) = match h.find('?') {
            Some(i) => (&h[..i], &h[i + 1..]),
            None => (h, ""),
        };
        let route = if route.starts_with('/') { route.to_string() } else { format!("/{route}") };
        let params = form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        Ok(HashLocation { route, params })
    }

    /// The value of the first parameter named `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.params.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// Set (or, with `None`, remove) a parameter, keeping the order of the others.
    /// Later copies of the key in a hand-edited link are dropped: [`get`](Self::get)
    /// never reads them, but one would come back once the first is removed.
    pub fn set(&mut self, key: &str, value: Option<String>) {
        let mut seen = false;
        self.params.retain(|(k, _)| k != key || !std::mem::replace(&mut seen, true));
        match (self.params.iter().position(|(k, _)| k == key), value) {
            (Some(i), Some(v)) => self.params[i].1 = v,
            (Some(i), None) => {
                self.params.remove(i);
            }
            (None, Some(v)) => self.params.push((key.to_string(), v)),
            (None, None) => {}
        }
    }

    /// Back to `#/route?k=v&...`.
    pub fn to_hash(&self) -> String {
        let mut s = format!("#{}", self.route);
        for (i, (k, v)) in self.params.iter().enumerate() {
            s.push(if i == 0 { '?' } else { '&' });
            s.push_str(&escape(k));
            s.push('=');
            s.push_str(&escape(v));
        }
        s
    }
}

/// Percent-escape everything except characters that are safe and readable in
/// a fragment value.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        let safe = b.is_ascii_alphanumeric() || b"-_.~!*'(),;:@/".contains(&b);
        if safe {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_readably() {
        let mut loc = HashLocation::parse("#/image?preset=digit3&g=shift(3,5);rot90").unwrap();
        assert_eq!(loc.route, "/image");
        assert_eq!(loc.get("g"), Some("shift(3,5);rot90"));
        loc.set("seed", Some("4".into()));
        loc.set("preset", None);
        assert_eq!(loc.to_hash(), "#/image?g=shift(3,5);rot90&seed=4");
        let odd = HashLocation { route: "/x".into(), params: vec![("a".into(), "1&b=2 %".into())] };
        assert_eq!(HashLocation::parse(&odd.to_hash()).unwrap(), odd);
    }

    #[test]
    fn setting_a_key_drops_its_later_copies() {
        // Found by the url_state fuzz target: the DNA lab removed `seq` on
        // writing, and the second `seq=` (empty) then read as an error.
        let mut loc = HashLocation::parse("#/dna?seq=AC&g=rc&seq=&seq=T").unwrap();
        loc.set("seq", None);
        assert_eq!(loc.to_hash(), "#/dna?g=rc");
        let mut loc = HashLocation::parse("#/dna?seq=AC&g=rc&seq=").unwrap();
        loc.set("seq", Some("G".into()));
        assert_eq!(loc.to_hash(), "#/dna?seq=G&g=rc");
    }

    #[test]
    fn long_links_are_refused_with_the_limit() {
        let long = format!("#/image?g={}", "rot90;".repeat(MAX_URL_STATE / 6));
        let e = HashLocation::parse(&long).unwrap_err();
        assert_eq!(e, "the link is longer than 64 kB, so its settings were ignored");
        let fits = format!("#/image?g={}", "x".repeat(MAX_URL_STATE - 10));
        assert_eq!(HashLocation::parse(&fits).unwrap().get("g").map(str::len), Some(MAX_URL_STATE - 10));
    }

    #[test]
    fn empty_and_bare_routes() {
        assert_eq!(HashLocation::parse("").unwrap().route, "/");
        assert_eq!(HashLocation::parse("#/graph").unwrap().params.len(), 0);
    }
}

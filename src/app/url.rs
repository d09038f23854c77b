//! Reading and writing the URL state after the hash, so a copied link
//! reproduces the view. Writing uses `history.replaceState`, which neither
//! reloads the page nor adds a history entry per brush stroke.

use crate::io::query::HashLocation;

/// The current hash location, or the parse error for an over-long URL.
pub fn current() -> Result<HashLocation, String> {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    HashLocation::parse(&hash)
}

/// The current location, ignoring a refused URL (the caller shows no error).
pub fn current_or_default() -> HashLocation {
    current().unwrap_or_default()
}

/// True when the page is embedded (`embed=1`): the lab alone, no navigation.
pub fn is_embed() -> bool {
    current_or_default().get("embed") == Some("1")
}

/// Replace the URL's hash without reloading or adding a history entry.
pub fn replace(loc: &HashLocation) {
    let Some(window) = web_sys::window() else { return };
    let hash = loc.to_hash();
    if window.location().hash().ok().as_deref() == Some(hash.as_str()) {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&hash));
    }
}

/// The current hash location, re-rendering the component whenever the hash
/// changes (a pasted link, a clicked in-app link). `replace` does not fire it.
#[yew::hook]
pub fn use_hash_location() -> HashLocation {
    let loc = yew::use_state(current_or_default);
    {
        let loc = loc.clone();
        yew::use_effect_with((), move |_| {
            let listener = web_sys::window()
                .map(|w| gloo::events::EventListener::new(&w, "hashchange", move |_| loc.set(current_or_default())));
            move || drop(listener)
        });
    }
    (*loc).clone()
}

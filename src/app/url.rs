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

/// Replace the URL's hash without reloading or adding a history entry, and
/// remember it as this lab's last view (so leaving and coming back, or a
/// reload, restores it).
pub fn replace(loc: &HashLocation) {
    let Some(window) = web_sys::window() else { return };
    let hash = loc.to_hash();
    if loc.get("embed") != Some("1") {
        remember(&loc.route, &hash);
    }
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

/// Mirror a lab's state into the URL whenever `revision` changes, so a copied
/// link reproduces the view: `write` puts the lab's settings into the current
/// location, which then replaces the address (without a history entry).
#[yew::hook]
pub fn use_url_mirror<R, W>(revision: R, write: W)
where
    R: PartialEq + 'static,
    W: FnOnce(&mut HashLocation) + 'static,
{
    yew::use_effect_with(revision, move |_| {
        let mut loc = current_or_default();
        write(&mut loc);
        replace(&loc);
    });
}

/// Call `on_link` with the new location whenever the address changes to a
/// link of `route` (a pasted or hand-edited link), so the lab applies it.
#[yew::hook]
pub fn use_pasted_links(route: &'static str, on_link: yew::Callback<HashLocation>) {
    yew::use_effect_with((), move |_| {
        let listener = web_sys::window().map(|w| {
            gloo::events::EventListener::new(&w, "hashchange", move |_| {
                if let Ok(loc) = current() {
                    if loc.route == route {
                        on_link.emit(loc);
                    }
                }
            })
        });
        move || drop(listener)
    });
}

const MEMORY_PREFIX: &str = "symmetry-lab:last-view:";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

fn remember(route: &str, hash: &str) {
    if let Some(s) = storage() {
        // Storage can be full or disabled (private mode): the app works without it.
        let _ = s.set_item(&format!("{MEMORY_PREFIX}{route}"), hash);
    }
}

/// When the address names a lab but no settings (the navigation link, a
/// bookmark of the bare route), bring back that lab's last view first.
pub fn restore_last_view() {
    let Ok(loc) = current() else { return };
    if !loc.params.is_empty() || loc.route == "/" {
        return;
    }
    let Some(hash) = storage().and_then(|s| s.get_item(&format!("{MEMORY_PREFIX}{}", loc.route)).ok().flatten()) else {
        return;
    };
    if let Ok(saved) = HashLocation::parse(&hash) {
        if saved.route == loc.route {
            replace(&saved);
        }
    }
}

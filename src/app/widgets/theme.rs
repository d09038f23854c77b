//! The colour scheme the reader's system asks for, for charts drawn on a
//! canvas (CSS themes everything else).

/// True when the system prefers a dark colour scheme.
pub fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .map(|m| m.matches())
        .unwrap_or(false)
}

//! The page's colour theme as canvases need it (they cannot read CSS
//! variables): light or dark, from the system preference like the stylesheet.

/// True when the system asks for a dark theme.
pub fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .map(|m| m.matches())
        .unwrap_or(false)
}

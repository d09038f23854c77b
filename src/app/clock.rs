//! Two small helpers every lab's state needs: the page's clock, for the
//! compute times it reports, and refused settings joined into one message.

/// `performance.now()` in milliseconds (0 where there is no window).
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// Messages joined into one alert, or `None` when there are none.
pub fn join_errors(errors: Vec<String>) -> Option<String> {
    (!errors.is_empty()).then(|| errors.join(" "))
}

//! Any panic that still reaches the browser becomes a visible banner with a
//! reload button, instead of a silently dead page. The banner is built with
//! plain DOM calls because yew may no longer be running. Every lab keeps its
//! state in the URL, so a reload brings the learner's work back.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Replace the default panic hook (through yew, which would otherwise install its own).
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = match info.payload().downcast_ref::<&str>() {
            Some(s) => s.to_string(),
            None => info.payload().downcast_ref::<String>().cloned().unwrap_or_else(|| "unknown error".into()),
        };
        let location = info.location().map(|l| format!(" ({}:{})", l.file(), l.line())).unwrap_or_default();
        web_sys::console::error_1(&format!("Symmetry Lab panicked: {message}{location}").into());
        show_banner(&format!("{message}{location}"));
    }));
}

fn show_banner(detail: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    if document.get_element_by_id("panic-banner").is_some() {
        return Some(());
    }
    let banner = document.create_element("div").ok()?;
    banner.set_id("panic-banner");
    banner.set_attribute("role", "alert").ok()?;
    banner.set_attribute("data-testid", "panic").ok()?;
    let title = document.create_element("strong").ok()?;
    title.set_text_content(Some("Something went wrong inside Symmetry Lab. "));
    let text = document.create_element("span").ok()?;
    text.set_text_content(Some("Your settings are kept in the address bar: reload to continue. Details: "));
    let code = document.create_element("code").ok()?;
    code.set_text_content(Some(detail));
    let button = document.create_element("button").ok()?;
    button.set_text_content(Some("Reload"));
    let reload = Closure::<dyn Fn()>::new(|| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref()).ok()?;
    reload.forget();
    for child in [&title, &text, &code, &button] {
        banner.append_child(child).ok()?;
    }
    document.body()?.prepend_with_node_1(&banner).ok()?;
    Some(())
}

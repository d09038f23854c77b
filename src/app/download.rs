//! Save text or a canvas as a file the learner downloads (a Blob and a
//! temporary object URL: nothing leaves the browser).

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlCanvasElement, Url};

/// Offer `text` as a download named `name`.
pub fn text(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| "the browser refused to create the file")?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|_| "the browser refused to create the file")?;
    let result = click_link(name, &url);
    let _ = Url::revoke_object_url(&url);
    result
}

/// Offer a canvas as a PNG download.
pub fn canvas_png(name: &str, canvas: &HtmlCanvasElement) -> Result<(), String> {
    let url = canvas.to_data_url_with_type("image/png").map_err(|_| "the picture could not be encoded")?;
    click_link(name, &url)
}

fn click_link(name: &str, href: &str) -> Result<(), String> {
    let doc = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: HtmlAnchorElement = doc.create_element("a").map_err(|_| "no link")?.dyn_into().map_err(|_| "no link")?;
    a.set_href(href);
    a.set_download(name);
    a.click();
    Ok(())
}

//! The TensorFlow.js peer of the benchmark page: `scripts/bench.sh` copies
//! `@tensorflow/tfjs-core`, `@tensorflow/tfjs-backend-wasm` (with its .wasm
//! files) and `static/bench-peer.js` into `dist/bench-peer/`; this module
//! loads them as same-origin scripts (the page's CSP allows `'self'`) and
//! calls `symmetryLabPeer.conv2d()` / `.matmul()`, which return the time of
//! one run in milliseconds. Without those files the page reports the peer as
//! missing and still measures the Rust side.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Where the bench script puts the peer's files (relative to the page).
pub const DIR: &str = "bench-peer/";
const SCRIPTS: [&str; 3] = ["tf-core.min.js", "tf-backend-wasm.min.js", "bench-peer.js"];

fn describe(e: JsValue) -> String {
    e.as_string()
        .or_else(|| Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| format!("{e:?}"))
}

/// Append `<script src>` to the body and wait until it ran (or failed).
async fn load_script(src: &str) -> Result<(), String> {
    let doc = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let el = doc.create_element("script").map_err(describe)?;
    el.set_attribute("src", src).map_err(describe)?;
    let target = el.clone();
    let done = Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move || resolve.call0(&JsValue::NULL));
        let src = src.to_string();
        let bad = Closure::once_into_js(move || reject.call1(&JsValue::NULL, &format!("{src} did not load").into()));
        let _ = target.add_event_listener_with_callback("load", ok.unchecked_ref());
        let _ = target.add_event_listener_with_callback("error", bad.unchecked_ref());
    });
    doc.body().ok_or("no body")?.append_child(&el).map_err(describe)?;
    JsFuture::from(done).await.map(|_| ()).map_err(describe)
}

/// The loaded peer: its two timed calls, and what it says about itself.
pub struct Peer {
    conv2d: Function,
    matmul: Function,
    pub info: String,
}

impl Peer {
    /// Load the scripts and initialise the wasm backend (single thread, SIMD).
    pub async fn load() -> Result<Peer, String> {
        for s in SCRIPTS {
            load_script(&format!("{DIR}{s}")).await?;
        }
        let global = js_sys::global();
        let peer = Reflect::get(&global, &"symmetryLabPeer".into()).map_err(describe)?;
        let call = |name: &str| -> Result<Function, String> {
            Reflect::get(&peer, &name.into())
                .map_err(describe)?
                .dyn_into::<Function>()
                .map_err(|_| format!("symmetryLabPeer.{name} is not a function"))
        };
        let init = call("init")?;
        let info =
            JsFuture::from(Promise::from(init.call1(&peer, &DIR.into()).map_err(describe)?)).await.map_err(describe)?;
        Ok(Peer { conv2d: call("conv2d")?, matmul: call("matmul")?, info: info.as_string().unwrap_or_default() })
    }

    fn time(f: &Function) -> Result<f64, String> {
        f.call0(&JsValue::NULL).map_err(describe)?.as_f64().ok_or_else(|| "the peer returned no time".into())
    }

    /// One `tf.conv2d` of the benchmark's shape, in ms.
    pub fn conv2d(&self) -> Result<f64, String> {
        Self::time(&self.conv2d)
    }

    /// One `tf.matMul` of the benchmark's shape, in ms.
    pub fn matmul(&self) -> Result<f64, String> {
        Self::time(&self.matmul)
    }
}

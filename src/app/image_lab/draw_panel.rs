//! The input: a drawing surface driven by pointer events (mouse, touch and
//! pen alike), brush size, eraser, clear and undo, presets, and a PNG/JPEG
//! loader. The receptive field of the selected unit is drawn on top.

use super::reducer::Action;
use super::state::ImageLabState;
use crate::app::widgets::heatmap::{Heatmap, Plane};
use crate::app::widgets::save_image::SaveImage;
use crate::io::image_decode::{decode, MAX_FILE_BYTES};
use crate::io::image_presets::{DIGITS, PRESETS};
use crate::viz::colormap::{ColorMap, Scale};
use crate::viz::receptive_overlay::{self, Outline};
use gloo::file::callbacks::FileReader;
use web_sys::{HtmlCanvasElement, HtmlInputElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DrawPanelProps {
    pub input: Plane,
    pub outlines: Vec<Outline>,
    pub can_undo: bool,
    pub source: AttrValue,
    /// Side of the image in pixels.
    pub size: usize,
    /// The circular mask is on: shade what the network does not see.
    #[prop_or_default]
    pub masked: bool,
    pub dispatch: UseReducerDispatcher<ImageLabState>,
}

/// Pointer position in image pixels.
fn pixel_pos(canvas: &HtmlCanvasElement, e: &PointerEvent, size: usize) -> (f32, f32) {
    let r = canvas.get_bounding_client_rect();
    let x = (e.client_x() as f64 - r.left()) / r.width().max(1.0) * size as f64;
    let y = (e.client_y() as f64 - r.top()) / r.height().max(1.0) * size as f64;
    (x as f32, y as f32)
}

/// Points every half radius from `a` to `b`, so fast strokes stay continuous.
fn segment(a: (f32, f32), b: (f32, f32), radius: f32) -> Vec<(f32, f32)> {
    let d = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
    let n = (d / (radius * 0.5).max(0.5)).ceil().max(1.0) as usize;
    (1..=n)
        .map(|k| {
            let t = k as f32 / n as f32;
            (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
        })
        .collect()
}

#[component]
pub fn DrawPanel(p: &DrawPanelProps) -> Html {
    let radius = use_state(|| 2.5f32);
    let erase = use_state(|| false);
    let last = use_mut_ref(|| None::<(f32, f32)>);
    let reader = use_mut_ref(|| None::<FileReader>);
    let overlay = use_node_ref();

    {
        let overlay = overlay.clone();
        use_effect_with((p.outlines.clone(), p.size), move |(outlines, size)| {
            if let Some(c) = overlay.cast::<HtmlCanvasElement>() {
                receptive_overlay::draw(&c, *size, outlines);
            }
        });
    }

    let size = p.size;
    let onpointerdown = {
        let (overlay, last, dispatch, radius, erase) =
            (overlay.clone(), last.clone(), p.dispatch.clone(), *radius, *erase);
        Callback::from(move |e: PointerEvent| {
            let Some(c) = overlay.cast::<HtmlCanvasElement>() else { return };
            e.prevent_default();
            let _ = c.set_pointer_capture(e.pointer_id());
            let pos = pixel_pos(&c, &e, size);
            *last.borrow_mut() = Some(pos);
            dispatch.dispatch(Action::BeginStroke);
            dispatch.dispatch(Action::Paint { points: vec![pos], radius, erase });
        })
    };
    let onpointermove = {
        let (overlay, last, dispatch, radius, erase) =
            (overlay.clone(), last.clone(), p.dispatch.clone(), *radius, *erase);
        Callback::from(move |e: PointerEvent| {
            let Some(prev) = *last.borrow() else { return };
            let Some(c) = overlay.cast::<HtmlCanvasElement>() else { return };
            e.prevent_default();
            let pos = pixel_pos(&c, &e, size);
            *last.borrow_mut() = Some(pos);
            dispatch.dispatch(Action::Paint { points: segment(prev, pos, radius), radius, erase });
        })
    };
    let end_stroke = {
        let (last, dispatch) = (last.clone(), p.dispatch.clone());
        Callback::from(move |_: PointerEvent| {
            // Only a stroke that was going on ends (pointerup and the lost
            // capture both arrive for one stroke).
            if last.borrow_mut().take().is_some() {
                dispatch.dispatch(Action::EndStroke);
            }
        })
    };

    let onfile = {
        let (dispatch, reader) = (p.dispatch.clone(), reader.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let file = gloo::file::File::from(file);
            let name = file.name();
            if file.size() as usize > MAX_FILE_BYTES {
                dispatch.dispatch(Action::Refuse(format!(
                    "“{name}” is larger than {} MB; your drawing was kept.",
                    MAX_FILE_BYTES / (1024 * 1024)
                )));
                return;
            }
            let d = dispatch.clone();
            let task = gloo::file::callbacks::read_as_bytes(&file, move |bytes| match bytes {
                Ok(bytes) => match decode(&bytes, size) {
                    Ok(img) => {
                        d.dispatch(Action::LoadFile { name: name.clone(), pixels: img.pixels, notice: img.notice })
                    }
                    Err(msg) => {
                        d.dispatch(Action::Refuse(format!("“{name}” was not loaded: {msg}. Your drawing was kept.")))
                    }
                },
                Err(e) => {
                    d.dispatch(Action::Refuse(format!("“{name}” could not be read: {e}. Your drawing was kept.")))
                }
            });
            *reader.borrow_mut() = Some(task);
        })
    };

    let set_radius = {
        let radius = radius.clone();
        Callback::from(move |e: InputEvent| {
            let v: HtmlInputElement = e.target_unchecked_into();
            radius.set(v.value().parse().unwrap_or(2.5));
        })
    };
    let toggle_erase = {
        let erase = erase.clone();
        Callback::from(move |_| erase.set(!*erase))
    };
    let d = p.dispatch.clone();
    let clear = Callback::from(move |_| d.dispatch(Action::Clear));
    let d = p.dispatch.clone();
    let undo = Callback::from(move |_| d.dispatch(Action::Undo));
    let ink = Scale { map: ColorMap::Ink, lo: 0.0, hi: 1.0 };

    let stack = use_node_ref();
    html! {
        <div class="panel draw-panel">
            <h2 class="panel-title">{ "Input x" }<span class="muted">{ format!(" · {}", p.source) }</span></h2>
            <div class={classes!("canvas-stack", p.masked.then_some("masked"))} ref={stack.clone()}>
                <Heatmap plane={p.input.clone()} scale={ink} label="the input image x" class="input-image" />
                <canvas ref={overlay} class="overlay" width="512" height="512" data-testid="draw-canvas"
                    aria-label="Drawing surface: draw with a mouse, finger or pen"
                    {onpointerdown} {onpointermove}
                    onpointerup={end_stroke.clone()} onpointercancel={end_stroke.clone()} onlostpointercapture={end_stroke} />
            </div>
            <div class="tools" role="toolbar" aria-label="Drawing tools">
                <label class="slider">{ "Brush" }
                    <input type="range" min="0.5" max="6" step="0.5" value={radius.to_string()} oninput={set_radius} aria-label="Brush radius in pixels" />
                </label>
                <button class={classes!("toggle", (*erase).then_some("on"))} aria-pressed={erase.to_string()} onclick={toggle_erase}>{ "Eraser" }</button>
                <button onclick={undo} disabled={!p.can_undo}>{ "Undo" }</button>
                <button onclick={clear}>{ "Clear" }</button>
                <SaveImage target={stack} name="symmetry-lab-input" what="input image" />
            </div>
            <div class="presets digit-presets" role="group" aria-label="Preset digits">
                <span class="presets-label">{ "Digits" }</span>
                { for DIGITS.iter().filter_map(|d| PRESETS.iter().find(|pr| pr.name == *d)).map(|pr| {
                    let d = p.dispatch.clone();
                    let name = pr.name.to_string();
                    let digit = pr.title.trim_start_matches("Digit ");
                    html! { <button class="digit" title={format!("{}: {}", pr.title, pr.note)} aria-label={pr.title}
                        onclick={Callback::from(move |_| d.dispatch(Action::LoadPreset(name.clone())))}>{ digit }</button> }
                }) }
            </div>
            <div class="presets" role="group" aria-label="Preset images">
                { for PRESETS.iter().filter(|pr| !DIGITS.contains(&pr.name)).map(|pr| {
                    let d = p.dispatch.clone();
                    let name = pr.name.to_string();
                    html! { <button title={pr.note} onclick={Callback::from(move |_| d.dispatch(Action::LoadPreset(name.clone())))}>{ pr.title }</button> }
                }) }
            </div>
            <label class="file-input">{ "Load a picture (PNG or JPEG) " }
                <input type="file" accept="image/png,image/jpeg" data-testid="image-file" onchange={onfile} />
            </label>
        </div>
    }
}

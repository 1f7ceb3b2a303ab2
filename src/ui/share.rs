//! Sharing: the link and iframe snippet dialog, and the scenario dialog
//! (download the JSON, load it from a file, a drop or a paste).

use crate::model::Scenario;
use crate::player::Msg;

use wasm_bindgen::JsCast;
use crate::text::words::fill;
use yew::prelude::*;

/// The page's address without its fragment.
/// Rendered ahead of time (the first picture), there is no address: the
/// link is relative, and nothing in the picture is clickable anyway.
pub fn base_url() -> String {
    if cfg!(not(target_arch = "wasm32")) {
        return String::new();
    }
    let href = gloo::utils::window().location().href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// The page's address with a fragment made by `Player::fragment`.
pub fn full_url(fragment: &str) -> String {
    format!("{}#{fragment}", base_url())
}

/// The `<iframe>` a blogger pastes: lazy, titled, sized for a column.
pub fn iframe_snippet(embed_fragment: &str, title: &str) -> String {
    let title = title.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    format!(
        "<iframe src=\"{}\" title=\"mxviz: {title}\" width=\"700\" height=\"450\" loading=\"lazy\" style=\"border:0;max-width:100%\"></iframe>",
        full_url(embed_fragment).replace('&', "&amp;")
    )
}

fn copy(text: String, done: Callback<bool>) {
    let clipboard = gloo::utils::window().navigator().clipboard();
    let promise = clipboard.write_text(&text);
    wasm_bindgen_futures::spawn_local(async move {
        done.emit(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    /// The fragment of the page's link, and of the same in an embed.
    pub page: String,
    pub embed: String,
    pub title: String,
    pub on_close: Callback<()>,
}

#[function_component(ShareDialog)]
pub fn share_dialog(p: &ShareProps) -> Html {
    let w = super::use_words();
    let status = use_state(String::new);
    let first = use_node_ref();
    {
        let first = first.clone();
        use_effect_with((), move |_| {
            if let Some(el) = first.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let url = full_url(&p.page);
    let snippet = iframe_snippet(&p.embed, &p.title);
    let copy_button = |what: &'static str, text: String| {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            let status = status.clone();
            copy(
                text.clone(),
                Callback::from(move |ok: bool| {
                    status.set(fill(if ok { w.copied } else { w.copy_failed }, &[&what]))
                }),
            );
        })
    };
    let (close, onkeydown) = super::dialog_closers(&p.on_close);
    let select_all = Callback::from(|e: FocusEvent| {
        if let Some(t) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
            t.select();
        } else if let Some(t) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
            t.select();
        }
    });
    html! {
        <div class="dialog share" role="dialog" aria-modal="true" aria-labelledby="share-h" {onkeydown}>
            <div class="dialog-head">
                <h2 id="share-h">{ w.share_heading }</h2>
                <button type="button" onclick={close} aria-label={w.close}>{ "✕" }</button>
            </div>
            <p>{ w.share_intro }</p>
            <label for="share-url">{ w.link }</label>
            <div class="row">
                <input ref={first} id="share-url" type="text" readonly=true value={url.clone()} onfocus={select_all.clone()} />
                <button type="button" class="primary" onclick={copy_button(w.the_link, url)}>{ w.copy_link }</button>
            </div>
            <label for="share-embed">{ w.embed_label }</label>
            <textarea id="share-embed" readonly=true rows="4" value={snippet.clone()} onfocus={select_all} />
            <div class="row">
                <button type="button" onclick={copy_button(w.the_snippet, snippet)}>{ w.copy_embed }</button>
                <span class="hint">{ w.embed_hint }</span>
            </div>
            <p class="status" role="status">{ (*status).clone() }</p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ScenarioProps {
    pub json: String,
    pub file_name: String,
    pub dispatch: Callback<Msg>,
    pub on_close: Callback<()>,
}

/// Offers the current scenario as a file, and loads one from a file, a drop
/// or a paste. A bad one is explained and changes nothing.
#[function_component(ScenarioDialog)]
pub fn scenario_dialog(p: &ScenarioProps) -> Html {
    let lang = super::use_lang();
    let w = lang.words();
    let error = use_state(|| None::<String>);
    // A log given here was moved to the replay: said as a note, not an error,
    // until the reader replays it or gives this box something else.
    let moved = use_state(|| false);
    let text = use_node_ref();
    // Focus into the dialog when it opens, as the share dialog does: Escape
    // and Tab work from the first key.
    let first = use_node_ref();
    {
        let first = first.clone();
        use_effect_with((), move |_| {
            if let Some(el) = first.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let load_text = {
        let (error, moved, dispatch, close, scenario_box) = (error.clone(), moved.clone(), p.dispatch.clone(), p.on_close.clone(), text.clone());
        Callback::from(move |json: String| match Scenario::read_json(&json) {
            Ok((s, ignored)) => {
                error.set(None);
                moved.set(false);
                dispatch.emit(Msg::LoadScenario(Box::new(s)));
                // A newer version's fields were left out: said once it runs.
                if !ignored.is_empty() {
                    dispatch.emit(Msg::Notice(Some(crate::player::Notice::FieldsIgnored(ignored))));
                }
                close.emit(());
            }
            // A mail log given as a scenario (pasted or dropped here): it
            // goes where it is read, the replay below, ready to replay.
            Err(_) if crate::replay::read(&json).is_ok() => {
                if let Some(t) = gloo::utils::document().get_element_by_id("replay-text") {
                    let t: web_sys::HtmlTextAreaElement = wasm_bindgen::JsCast::unchecked_into(t);
                    t.set_value(&json);
                    let _ = t.focus();
                }
                // Not in two boxes at once: this one is for scenarios.
                if let Some(b) = scenario_box.cast::<web_sys::HtmlTextAreaElement>() {
                    b.set_value("");
                }
                error.set(None);
                moved.set(true);
            }
            Err(e) => {
                moved.set(false);
                error.set(Some(crate::text::problems::format_error(&e, lang)));
            }
        })
    };
    let read_file = {
        let (load_text, error) = (load_text.clone(), error.clone());
        Callback::from(move |file: web_sys::File| {
            if file.size() > 1_000_000.0 {
                error.set(Some(w.file_too_large.into()));
                return;
            }
            let (load_text, error) = (load_text.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string()) {
                    Some(t) => load_text.emit(t),
                    None => error.set(Some(w.file_not_text.into())),
                }
            });
        })
    };
    let on_paste_load = {
        let (text, load_text) = (text.clone(), load_text.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(t) = text.cast::<web_sys::HtmlTextAreaElement>() {
                load_text.emit(t.value());
            }
        })
    };
    let on_file = {
        let read_file = read_file.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(f) = input.files().and_then(|l| l.get(0)) {
                read_file.emit(f);
            }
        })
    };
    let on_drop = {
        let read_file = read_file.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(f) = e.data_transfer().and_then(|d| d.files()).and_then(|l| l.get(0)) {
                read_file.emit(f);
            }
        })
    };
    let on_dragover = Callback::from(|e: DragEvent| e.prevent_default());
    let download = {
        let (json, name) = (p.json.clone(), p.file_name.clone());
        Callback::from(move |_: MouseEvent| download_text(&name, &json, "application/json"))
    };
    let on_replay = {
        let moved = moved.clone();
        Callback::from(move |()| moved.set(false))
    };
    let (close, onkeydown) = super::dialog_closers(&p.on_close);
    html! {
        <div class="dialog scenario" role="dialog" aria-modal="true" aria-labelledby="scenario-h" {onkeydown} ondrop={on_drop} ondragover={on_dragover}>
            <div class="dialog-head">
                <h2 id="scenario-h">{ w.scenario_heading }</h2>
                <button type="button" onclick={close} aria-label={w.close}>{ "✕" }</button>
            </div>
            <p>{ w.scenario_intro }</p>
            <button type="button" class="primary" ref={first} onclick={download}>{ w.download_scenario }</button>
            <h3>{ w.load_one }</h3>
            <label class="file">{ w.from_file }<input type="file" accept=".json,application/json" onchange={on_file} /></label>
            <label for="scenario-text">{ w.paste_here }</label>
            <textarea id="scenario-text" ref={text} rows="8" spellcheck="false" placeholder="{ \"sender\": …, \"zones\": […], \"servers\": […] }" />
            <div class="row"><button type="button" onclick={on_paste_load}>{ w.load_pasted }</button></div>
            if let Some(e) = &*error {
                <p class="error" role="alert">{ fill(w.not_loaded, &[e]) }</p>
            }
            if *moved {
                <p class="moved" role="status">{ w.looks_like_a_log }</p>
            }
            <super::replay::ReplayLog dispatch={p.dispatch.clone()} on_close={p.on_close.clone()} on_replay={on_replay} />
        </div>
    }
}

/// Offers `text` as a download named `name`.
pub fn download_text(name: &str, text: &str, mime: &str) {
    let parts = js_sys_array(text);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let doc = gloo::utils::document();
    if let Some(a) = doc.create_element("a").ok().and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok()) {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

fn js_sys_array(text: &str) -> wasm_bindgen::JsValue {
    let arr = js_sys::Array::new();
    arr.push(&text.into());
    arr.into()
}

//! Component tests in a real browser (wasm-bindgen-test, headless Chromium):
//! the app mounts, draws the stage from the model, and reacts to keys and
//! clicks. Run by `make test` (layer "wasm").
#![cfg(all(target_arch = "wasm32", feature = "csr"))]

use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// An app mounted for one test; dropped, it is unmounted and its element
/// removed, so no listener of one test outlives it into the next.
struct Mounted {
    root: Element,
    app: Option<yew::AppHandle<mxviz::ui::App>>,
}

impl std::ops::Deref for Mounted {
    type Target = Element;
    fn deref(&self) -> &Element {
        &self.root
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.root.remove();
    }
}

/// Waits until `ready` holds (Yew renders after the event, not during it),
/// up to two seconds; then the test fails saying what it waited for.
async fn until(what: &str, ready: impl Fn() -> bool) {
    for _ in 0..200 {
        if ready() {
            return;
        }
        TimeoutFuture::new(10).await;
    }
    panic!("waited two seconds for {what}");
}

async fn mount() -> Mounted {
    mount_at("#lang=en").await
}

async fn mount_at(fragment: &str) -> Mounted {
    // Each app opens what the address says; start every test from a clean one.
    let _ = gloo::utils::window().history().unwrap().replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(fragment));
    let doc = gloo::utils::document();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let app = yew::Renderer::<mxviz::ui::App>::with_root_and_props(root.clone(), mxviz::ui::Start::from_browser()).render();
    let m = Mounted { root, app: Some(app) };
    until("the stage", || m.query_selector("svg.stage g.host").unwrap().is_some()).await;
    m
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect()
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector).unwrap().and_then(|e| e.text_content()).unwrap_or_default()
}

/// Dispatches an event that bubbles like a real one: Yew listens at the root.
fn fire(el: &Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&web_sys::Event::new_with_event_init_dict(kind, &init).unwrap()).unwrap();
}

fn click(el: &Element) {
    el.clone().dyn_into::<HtmlElement>().unwrap().click();
}

/// Pauses the story if it is playing (or holding on a key moment: then
/// Continue first, and Pause).
async fn pause(root: &Element) {
    let label = |root: &Element| all(root, "button.play").into_iter().next().and_then(|b| b.get_attribute("aria-label")).unwrap_or_default();
    if label(root) == "Continue" {
        click(&all(root, "button.play")[0]);
        until("going on", || label(root) != "Continue").await;
    }
    if label(root) == "Pause" {
        click(&all(root, "button.play")[0]);
        until("the pause", || label(root) == "Play").await;
    }
}

fn button(root: &Element, label: &str) -> Element {
    all(root, "button").into_iter().find(|b| b.get_attribute("aria-label").as_deref() == Some(label) || b.text_content().as_deref() == Some(label)).unwrap_or_else(|| panic!("no button {label}"))
}

#[wasm_bindgen_test]
async fn the_stage_shows_every_server_of_the_seed_story_as_named_buttons() {
    let root = mount().await;
    let servers: Vec<String> = all(&root, "svg.stage g.host.mail[role=button]").iter().filter_map(|g| g.get_attribute("aria-label")).collect();
    assert!(servers.iter().any(|s| s.starts_with("MX1 mx1.example.com, ")), "{servers:?}");
    assert!(servers.iter().any(|s| s.starts_with("MX2 mx2.example.com, up")), "{servers:?}");
    assert!(servers.iter().any(|s| s.starts_with("Sender mail.alice.example")), "{servers:?}");
    assert!(text(&root, ".address").contains("bob@example.com"));
    assert!(text(&root, "h1").contains("mxviz"));
}

#[wasm_bindgen_test]
async fn stepping_forward_narrates_each_beat_in_a_live_region() {
    let root = mount().await;
    pause(&root).await;
    // Back to the very start with the scrubber.
    let scrubber: web_sys::HtmlInputElement = root.query_selector(".scrubber input").unwrap().unwrap().dyn_into().unwrap();
    scrubber.set_value("0");
    fire(&scrubber, "input");
    until("the start", || text(&root, ".narration .when").contains("step 0 of") || !text(&root, ".narration .when").contains("step")).await;
    let live = root.query_selector(".narration [aria-live=polite]").unwrap().expect("a live region");
    let mut sentences = Vec::new();
    for k in 1..=4 {
        click(&button(&root, "Step forward one step"));
        until(&format!("step {k}"), || text(&root, ".narration .when").contains(&format!("step {k} of"))).await;
        sentences.push(live.text_content().unwrap());
    }
    assert!(sentences[0].contains("MX1") && sentences[0].contains("down"), "{sentences:?}");
    assert!(sentences[1].contains("presses Send"), "{sentences:?}");
    assert!(sentences[3].contains("which servers take mail"), "{sentences:?}");
    assert!(text(&root, ".narration .when").contains("step 4 of"));
    click(&button(&root, "Step back one step"));
    until("step 3", || text(&root, ".narration .when").contains("step 3 of")).await;
}

#[wasm_bindgen_test]
async fn clicking_a_server_opens_its_menu_and_taking_it_down_changes_its_name() {
    let root = mount().await;
    pause(&root).await;
    let mx2 = all(&root, "g.host.mail").into_iter().find(|g| g.get_attribute("data-host").as_deref() == Some("mx2.example.com")).unwrap();
    fire(&mx2, "click");
    until("the menu", || text(&root, ".dialog.menu h2").contains("mx2.example.com")).await;
    click(&button(&root, "Take it down"));
    let label = || all(&root, "g.host.mail").into_iter().find(|g| g.get_attribute("data-host").as_deref() == Some("mx2.example.com")).unwrap().get_attribute("aria-label").unwrap();
    until("MX2 down", || label().contains("down")).await;
    assert!(root.query_selector(".dialog.menu").unwrap().is_none(), "the menu closes");
}

#[wasm_bindgen_test]
async fn choosing_a_preset_shows_its_explanation() {
    let root = mount().await;
    let select: web_sys::HtmlSelectElement = root.query_selector(".presets select").unwrap().unwrap().dyn_into().unwrap();
    select.set_value("null-mx");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    until("the null MX story", || text(&root, ".explanation").contains("null MX")).await;
}

#[wasm_bindgen_test]
async fn an_invalid_preference_shows_its_rule_and_cannot_be_applied() {
    let root = mount().await;
    pause(&root).await;
    click(&root.query_selector("details.explore summary").unwrap().unwrap());
    until("the zone editor", || root.query_selector("#z0-pref").unwrap().is_some()).await;
    let input: web_sys::HtmlInputElement = root.query_selector("#z0-pref").unwrap().unwrap().dyn_into().unwrap();
    input.set_value("70000");
    fire(&input, "input");
    until("the preference's rule", || text(&root, "#z0-pref-err").contains("0 to 65535")).await;
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    let apply: web_sys::HtmlButtonElement = all(&root, "button").into_iter().find(|b| b.text_content().as_deref() == Some("Apply to the authority now")).unwrap().dyn_into().unwrap();
    assert!(apply.disabled());
}

#[wasm_bindgen_test]
async fn the_story_holds_on_its_first_key_moment_and_the_sentence_is_a_live_region() {
    let root = mount().await;
    let sentence = root.query_selector(".narration .sentence").unwrap().unwrap();
    // A beat stays for its reading time, so every sentence can be announced.
    assert_eq!(sentence.get_attribute("aria-live").as_deref(), Some("polite"));
    // The default story plays, then holds on MX1 going down: Play reads Continue.
    until("the hold", || all(&root, "button.play").into_iter().any(|b| b.get_attribute("aria-label").as_deref() == Some("Continue"))).await;
    assert!(text(&root, ".key-note").contains("Notice:"));
    pause(&root).await;
    assert_eq!(sentence.get_attribute("aria-live").as_deref(), Some("polite"));
}

#[wasm_bindgen_test]
async fn the_language_switch_turns_every_component_chinese_and_back() {
    let root = mount().await;
    pause(&root).await;
    let select: web_sys::HtmlSelectElement = root.query_selector("select.lang").unwrap().unwrap().dyn_into().unwrap();
    select.set_value("zh");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    until("Chinese controls", || text(&root, "button.play").contains("播放")).await;
    let html = gloo::utils::document().document_element().unwrap();
    until("<html lang>", || html.get_attribute("lang").as_deref() == Some("zh-CN")).await;
    assert!(text(&root, ".narration h2").contains("发生了什么"));
    // The stage's own words follow too.
    until("Chinese on the stage", || text(&root, "svg.stage").contains("解析器")).await;
    // A form field's rule, in Chinese.
    click(&root.query_selector("details.explore summary").unwrap().unwrap());
    until("the zone editor", || root.query_selector("#z0-pref").unwrap().is_some()).await;
    let input: web_sys::HtmlInputElement = root.query_selector("#z0-pref").unwrap().unwrap().dyn_into().unwrap();
    input.set_value("abc");
    fire(&input, "input");
    until("the rule in Chinese", || text(&root, "#z0-pref-err").contains("需要一个整数")).await;
    select.set_value("en");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    until("English again", || text(&root, "button.play").contains("Play")).await;
}

#[wasm_bindgen_test]
async fn a_chinese_link_opens_in_chinese() {
    let root = mount_at("#preset=null-mx&lang=zh&autoplay=0").await;
    until("the Chinese story", || text(&root, ".explanation").contains("空 MX")).await;
}

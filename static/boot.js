// Runs before the wasm: the page's language, and the static error panel of
// index.html when the app cannot start or stops (a failed download, a
// browser without WebAssembly, or a panic, which traps in wasm after the Rust
// panic hook has filled in the panel). Never a blank page. Plain JavaScript
// so that it works even when the wasm does not.
//
// The language is chosen as the app chooses it (src/lang.rs): the link's
// `lang=`, else the browser's languages, else English. Elements of
// index.html carry their Chinese in `data-zh`.
(function () {
  'use strict';
  var SPOKEN = ['en', 'zh'];
  function primary(tag) { return String(tag || '').split(/[-_]/)[0].toLowerCase(); }
  function pageLang() {
    // The last `lang=` counts, as in src/link.rs; an unknown one names none.
    var all = location.hash.match(/(?:^#|&)lang=[^&]*/g);
    var asked = all ? primary(all[all.length - 1].replace(/^[#&]?lang=/, '')) : '';
    if (SPOKEN.indexOf(asked) >= 0) return asked;
    var tags = (navigator.languages && navigator.languages.length) ? navigator.languages : [navigator.language];
    for (var i = 0; i < tags.length; i++) {
      if (SPOKEN.indexOf(primary(tags[i])) >= 0) return primary(tags[i]);
    }
    return 'en';
  }
  var lang = pageLang();
  var MESSAGES = {
    en: { unknown: 'unknown error', noWasm: 'This browser cannot run WebAssembly, which the visualizer needs.' },
    zh: { unknown: '未知错误', noWasm: '这个浏览器无法运行 WebAssembly，而本演示需要它。' }
  };
  var root = document.documentElement;
  root.lang = lang === 'zh' ? 'zh-CN' : 'en';
  // The build `make build` ships has one glue and module per language
  // (static/start.js): start downloading this language's now.
  // The files carry the build's version (the same URLs start.js asks for).
  var build = document.querySelector('meta[name="mxviz-build"]');
  if (build && build.content === 'split') {
    var v = build.getAttribute('data-version') ? '?v=' + build.getAttribute('data-version') : '';
    var glue = document.createElement('link');
    glue.rel = 'modulepreload';
    glue.href = 'mxviz-' + lang + '.js' + v;
    var wasm = document.createElement('link');
    wasm.rel = 'preload';
    wasm.as = 'fetch';
    wasm.type = 'application/wasm';
    wasm.crossOrigin = 'anonymous';
    wasm.href = 'mxviz-' + lang + '_bg.wasm' + v;
    document.head.appendChild(glue);
    document.head.appendChild(wasm);
  }
  // For the first picture (tests/e2e/first-picture.mjs): an embed's copy,
  // and the link's theme, before the wasm applies them itself.
  if (/(?:^#|&)embed=(1|true|yes)?(?:&|$)/.test(location.hash)) root.className += ' fp-embed';
  var theme = /(?:^#|&)theme=(dark|light)(?:&|$)/.exec(location.hash);
  if (theme) root.setAttribute('data-theme', theme[1]);
  function translate() {
    if (lang !== 'zh') return;
    var els = document.querySelectorAll('[data-zh]');
    for (var i = 0; i < els.length; i++) els[i].textContent = els[i].getAttribute('data-zh');
    var again = document.getElementById('fatal-again');
    if (again) again.setAttribute('href', './#lang=zh');
    document.title = 'mxviz · 一封邮件如何找到收件人';
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', translate);
  else translate();
  // An embed's first picture tells the page around it its height at once,
  // measured as the live app measures it (ui/app.rs, post_height): a page
  // that sizes the frame to its content sizes it once, not again when the
  // app takes over.
  function postHeight() {
    if (root.className.indexOf('fp-embed') < 0 || window.parent === window) return;
    var layouts = document.querySelectorAll('#first-picture .layout');
    for (var i = 0; i < layouts.length; i++) {
      var layout = layouts[i];
      if (!layout.offsetParent) continue;
      var box = layout.querySelector('.stage-box');
      var hidden = box ? Math.max(0, box.scrollHeight - box.clientHeight) : 0;
      window.parent.postMessage({ type: 'mxviz:height', height: layout.scrollHeight + hidden + 8 }, '*');
      return;
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', postHeight);
  else postHeight();
  function fail(detail) {
    var panel = document.getElementById('fatal');
    if (!panel || !panel.hidden) return;
    translate();
    var text = document.getElementById('fatal-detail');
    if (text) text.textContent = String(detail || MESSAGES[lang].unknown);
    panel.hidden = false;
    var picture = document.getElementById('first-picture');
    if (picture) picture.remove();
    var app = document.getElementById('app');
    if (app) app.hidden = true;
  }
  window.addEventListener('error', function (e) { fail(e.message || e.error); });
  window.addEventListener('unhandledrejection', function (e) {
    var r = e.reason;
    fail(r && r.message ? r.message : r);
  });
  if (typeof WebAssembly !== 'object') fail(MESSAGES[lang].noWasm);
})();

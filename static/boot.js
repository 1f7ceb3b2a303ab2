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
  // Each language has its own module (`make build`: one trunk build per
  // language, the first at the top, the others in a folder named by their
  // code, as the build's meta lists them); a development build (`trunk
  // serve`) has one module for both. Fetched from here, before the page is
  // parsed, at a lower priority than the page (whose first picture comes
  // first), with the build's version: start.js asks for the same addresses.
  var build = document.querySelector('meta[name="mxviz-build"]');
  var version = build ? build.getAttribute('data-version') : '';
  var folders = build ? (build.getAttribute('data-folders') || '').split(' ') : [];
  var folder = folders.indexOf(lang) >= 0 ? lang + '/' : '';
  var suffix = version ? '?v=' + version : '';
  window.mxvizModule = { glue: folder + 'mxviz.js' + suffix, wasm: folder + 'mxviz_bg.wasm' + suffix };
  function preload(rel, href, as) {
    var link = document.createElement('link');
    link.rel = rel;
    link.href = href;
    if (as) { link.as = as; link.type = 'application/wasm'; link.crossOrigin = 'anonymous'; }
    link.setAttribute('fetchpriority', 'low');
    document.head.appendChild(link);
  }
  preload('preload', window.mxvizModule.wasm, 'fetch');
  preload('modulepreload', window.mxvizModule.glue);
  // For the first picture (src/bin/prerender.rs): an embed's copy, and the
  // link's theme, before the wasm applies them itself.
  if (/(?:^#|&)embed=(1|true|yes)?(?:&|$)/.test(location.hash)) root.className += ' fp-embed';
  var theme = /(?:^#|&)theme=(dark|light)(?:&|$)/.exec(location.hash);
  if (theme) root.setAttribute('data-theme', theme[1]);
  // The picture is the default story at its first step. A link to another
  // story or step, or to another view of it, shows none rather than a
  // wrong one (the "Loading" line speaks until the app is live).
  if (!showsFirstPicture(location.hash)) root.className += ' fp-none';
  function showsFirstPicture(hash) {
    var pairs = hash.replace(/^#/, '').split('&');
    for (var i = 0; i < pairs.length; i++) {
      if (!pairs[i]) continue;
      var at = pairs[i].indexOf('=');
      var key = at < 0 ? pairs[i] : pairs[i].slice(0, at);
      var value = at < 0 ? '' : pairs[i].slice(at + 1);
      var same = {
        preset: value === 'seed-story',
        e: value === '0',
        lang: true,
        theme: /^(auto|light|dark)$/.test(value),
        embed: /^(|1|0|true|false|yes|no)$/.test(value),
        autoplay: /^(|1|0|true|false|yes|no)$/.test(value),
        s: false, panels: false, detail: value === 'beats'
      }[key];
      // Keys this version does not know are left alone by the app too.
      if (same === false) return false;
    }
    return true;
  }
  function translate() {
    if (lang !== 'zh') return;
    var els = document.querySelectorAll('[data-zh]');
    for (var i = 0; i < els.length; i++) els[i].textContent = els[i].getAttribute('data-zh');
    // The loading line's stand-in (style.css) gives way to its own words.
    root.classList.add('zh-ready');
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
  // A file that could not be downloaded (the network dropped, a host
  // missing a file): say so and offer to try again, never a dead page.
  // `retry` starts the download again in place; without one, the page loads
  // again. Also called by static/start.js.
  function downloadFailed(detail, retry) {
    var panel = document.getElementById('offline');
    if (!panel) return;
    translate();
    var text = document.getElementById('offline-detail');
    if (text) text.textContent = String(detail || MESSAGES[lang].unknown);
    panel.hidden = false;
    var again = document.getElementById('offline-again');
    if (again && !again.getAttribute('data-bound')) {
      again.setAttribute('data-bound', '1');
      again.addEventListener('click', function () {
        panel.hidden = true;
        if (typeof window.mxvizRetry === 'function') window.mxvizRetry();
        else location.reload();
      });
    }
    window.mxvizRetry = retry;
  }
  window.mxvizDownloadFailed = downloadFailed;
  // A script or style sheet of the page that does not arrive (resource
  // errors do not bubble: caught on the way down).
  window.addEventListener('error', function (e) {
    var el = e.target;
    // The glue and the module, preloaded, are start.js's to retry.
    if (el && (el.rel === 'preload' || el.rel === 'modulepreload')) return;
    if (el && el !== window && (el.tagName === 'SCRIPT' || el.tagName === 'LINK')) {
      downloadFailed((el.src || el.href || '').replace(/^.*\//, ''), null);
    }
  }, true);
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

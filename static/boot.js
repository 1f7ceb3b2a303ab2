// Shows the static error panel of index.html when the app cannot start or
// stops: a failed download, a browser without WebAssembly, or a panic (which
// traps in wasm after the Rust panic hook has filled in the panel). Never a
// blank page. Plain JavaScript so that it works even when the wasm does not.
(function () {
  'use strict';
  function fail(detail) {
    var panel = document.getElementById('fatal');
    if (!panel || !panel.hidden) return;
    var text = document.getElementById('fatal-detail');
    if (text) text.textContent = String(detail || 'unknown error');
    panel.hidden = false;
    var app = document.getElementById('app');
    if (app) app.hidden = true;
  }
  window.addEventListener('error', function (e) { fail(e.message || e.error); });
  window.addEventListener('unhandledrejection', function (e) {
    var r = e.reason;
    fail(r && r.message ? r.message : r);
  });
  if (typeof WebAssembly !== 'object') fail('This browser cannot run WebAssembly, which the visualizer needs.');
})();

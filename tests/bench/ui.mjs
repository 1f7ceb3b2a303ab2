// `make bench-ui`: the UI figures, printed (not pass/fail):
//  1. release transfer size (wasm, JS, CSS, HTML, brotli), with its parts,
//     against the 200,000 B target, and a bare Yew counter's beside it;
//  2. the first picture and the time to interactive on a throttled phone
//     link (1.6 Mbit/s, 150 ms round trip, CPU 4x slower), served with
//     brotli, median of 3, beside the bare counter (benches/counter) in the
//     same run;
//  3. time to the first drawn stage in headless Chromium (no throttling);
//  4. script time per animation frame while the busiest preset plays (p95);
//  5. time to seek to a random point of that preset's timeline (p95, max).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve } from '../e2e/server.mjs';
import { launch } from '../e2e/browser.mjs';

const DIST = 'dist';
const COUNTER = process.env.COUNTER_DIST ?? 'target/counter-dist';
const TARGET = 200_000;
const BUSIEST = process.env.PRESET ?? 'all-down-bounce';

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const ms = (x) => `${x.toFixed(2)} ms`;
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;

// 1. Size: what a first visit downloads, found by loading the page and
// listing what it requested (the page's own files, brotli q11).
const brotli = (buf) => zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
async function transfer(dir, ready, hash = '') {
  const server = await serve(dir);
  const b = await launch();
  const page = await (await b.newContext()).newPage();
  await page.goto(server.url + hash);
  await page.waitForSelector(ready);
  await page.waitForLoadState('networkidle');
  await b.close();
  await server.close();
  let total = 0;
  const parts = [];
  for (const url of new Set(server.requests)) {
    let p = decodeURIComponent(new URL(url, 'http://x').pathname).replace(/^\//, '');
    if (p === '' || p.endsWith('/')) p += 'index.html';
    const f = path.join(dir, p);
    if (!/\.(wasm|js|css|html)$/.test(f) || !fs.existsSync(f)) continue;
    const raw = fs.readFileSync(f);
    const br = brotli(raw);
    total += br;
    parts.push(`${p} ${kb(raw.length)} -> ${br} B`);
  }
  return { total, parts };
}
// The page ships one build per language, each in two modules (tools/split-wasm.mjs):
// a first visit downloads its language's first module; the rest follows
// when the reader reaches for the page (pointer, touch, key, focus).
const app = await transfer(DIST, '#app svg.stage g.host');
console.log(`size: ${app.total} B brotli (${kb(app.total)}; target ${TARGET} B, ${app.total <= TARGET ? 'within' : 'OVER'}): ${app.parts.join(', ')}`);
const zh = await transfer(DIST, '#app svg.stage g.host', '#lang=zh');
console.log(`size in Chinese (#lang=zh): ${zh.total} B brotli (${kb(zh.total)}; ${zh.total <= TARGET ? 'within' : 'OVER'}): ${zh.parts.join(', ')}`);
for (const lang of ['en', 'zh']) {
  const rest = path.join(DIST, `mxviz-${lang}_rest.wasm`);
  if (fs.existsSync(rest)) console.log(`second module (${lang}), fetched once the reader reaches for the page: ${brotli(fs.readFileSync(rest))} B brotli`);
}
const haveCounter = fs.existsSync(path.join(COUNTER, 'index.html'));
if (haveCounter) {
  const c = await transfer(COUNTER, '#counter');
  console.log(`size of the bare Yew counter: ${c.total} B brotli (the app is ${(app.total / c.total).toFixed(1)}x)`);
}

const browser = await launch();

// 2. The throttled phone link, both pages in the same run, alternating.
// First picture: the first contentful paint (the app's is the stage drawn
// into index.html at build time; the counter's is its button). Interactive:
// the live app's stage (the counter's button) exists.
async function throttledLoad(dir, ready) {
  const server = await serve(dir, { brotli: true });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  await context.addInitScript(READY(ready));
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(server.url, { waitUntil: 'commit' });
  await page.waitForSelector(ready, { timeout: 60_000 });
  const t = await page.evaluate((ready) => new Promise((resolve) => {
    const fcp = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
    const poll = () => fcp() !== undefined ? resolve({ first: fcp(), interactive: window.__ready ?? performance.now() }) : setTimeout(poll, 20);
    poll();
  }), ready);
  await context.close();
  await server.close();
  return t;
}
// When the live page is ready, measured inside it (not by the test's polling).
const READY = (selector) => `new MutationObserver((_, o) => { if (document.querySelector(${JSON.stringify(selector)})) { window.__ready = performance.now(); o.disconnect(); } }).observe(document, { childList: true, subtree: true });`;
if (haveCounter) {
  const runs = { app: [], counter: [] };
  for (let i = 0; i < 3; i++) {
    for (const [name, dir, ready] of [['app', DIST, '#app svg.stage g.host'], ['counter', COUNTER, '#counter']]) {
      runs[name].push(await throttledLoad(dir, ready));
    }
  }
  const med = (xs, k) => pct(xs.map((x) => x[k]), 0.5);
  const [af, cf, ai, ci] = [med(runs.app, 'first'), med(runs.counter, 'first'), med(runs.app, 'interactive'), med(runs.counter, 'interactive')];
  console.log(`first picture, throttled phone link (median of 3): app ${ms(af)}, bare counter ${ms(cf)}: ${(af / cf).toFixed(2)}x (target <= 1.5x)`);
  console.log(`time to interactive, throttled phone link (median of 3): app ${ms(ai)}, bare counter ${ms(ci)}: ${(ai / ci).toFixed(2)}x`);
} else {
  console.log(`(no bare counter in ${COUNTER}: the Makefile's bench-ui builds it)`);
}

const server = await serve(DIST);

// Counts, inside the page, the script time of every animation frame: from
// the start of each requestAnimationFrame callback until the microtasks it
// queued (Yew renders in one) have run.
const INSTRUMENT = () => {
  window.__frames = [];
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf((ts) => {
    const t0 = performance.now();
    cb(ts);
    queueMicrotask(() => queueMicrotask(() => window.__frames.push(performance.now() - t0)));
  });
  new MutationObserver((_, obs) => {
    if (document.querySelector('#app svg.stage g.host')) { window.__firstStage = performance.now(); obs.disconnect(); }
  }).observe(document, { childList: true, subtree: true });
};

// 3. First drawn stage (the live app's), median of 5 cold loads.
const firsts = [];
for (let i = 0; i < 5; i++) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  await page.addInitScript(INSTRUMENT);
  await page.goto(server.url);
  await page.waitForFunction(() => window.__firstStage !== undefined);
  firsts.push(await page.evaluate(() => window.__firstStage));
  await ctx.close();
}
console.log(`first live stage (unthrottled): ${ms(pct(firsts, 0.5))} median of 5 (min ${ms(Math.min(...firsts))}, max ${ms(Math.max(...firsts))})`);

// 4. Frames while the busiest preset plays at 8x.
const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const page = await ctx.newPage();
await page.addInitScript(INSTRUMENT);
await page.goto(server.url);
await page.waitForSelector('#app svg.stage g.host');
await page.selectOption('.presets select', BUSIEST);
await page.selectOption('.speed select', '8x');
// The story holds on its key moments: go on from each at once, as a reader
// in a hurry would, so that the frames measured are frames of playing.
await page.evaluate(() => setInterval(() => document.querySelector('button.go-on')?.click(), 50));
await page.evaluate(() => { window.__frames = []; });
await page.waitForTimeout(6000);
const frames = await page.evaluate(() => window.__frames);
const events = await page.evaluate(() => document.querySelector('.narration .when')?.textContent ?? '');
console.log(`frame script time (${BUSIEST}, 8x, ${frames.length} frames): p50 ${ms(pct(frames, 0.5))}, p95 ${ms(pct(frames, 0.95))}, max ${ms(Math.max(...frames))} (aim: p95 <= 4 ms) [${events.trim()}]`);

// 5. Seeks to spread-out points, paused, in a fresh page.
await ctx.close();
const seekCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const seekPage = await seekCtx.newPage();
await seekPage.goto(server.url);
await seekPage.waitForSelector('#app svg.stage g.host');
await seekPage.selectOption('.presets select', BUSIEST);
await seekPage.locator('button.play').click();
// Each seek is its own task, as each input event of a real drag is.
const seeks = [];
for (let i = 1; i <= 60; i++) {
  // A fixed, well-spread sequence of points (golden-ratio steps).
  const x = (i * 0.6180339887) % 1;
  const dt = await seekPage.evaluate(async (x) => {
    const r = document.querySelector('.scrubber input');
    const before = document.querySelector('.narration .when').textContent;
    const t0 = performance.now();
    r.value = String(Math.round(x * Number(r.max)));
    r.dispatchEvent(new Event('input', { bubbles: true }));
    // Yew renders in a microtask queued by the event handler.
    await new Promise((res) => queueMicrotask(() => queueMicrotask(res)));
    const dt = performance.now() - t0;
    return document.querySelector('.narration .when').textContent !== before ? dt : null;
  }, x);
  if (dt !== null) seeks.push(dt);
}
console.log(`seek (${BUSIEST}, ${seeks.length} random points): p50 ${ms(pct(seeks, 0.5))}, p95 ${ms(pct(seeks, 0.95))}, max ${ms(Math.max(...seeks))} (one frame = 16.7 ms)`);

await browser.close();
await server.close();

// `make bench-ui`: the UI figures, printed (not pass/fail):
//  1. everything a reader ever downloads in one language (the page, then a
//     first tap, Play, the editor: nothing more comes), brotli, with its
//     parts, against the 260,000 B target, and a bare Yew counter's beside it;
//  2. on a throttled phone link (1.6 Mbit/s, 150 ms round trip, CPU 4x
//     slower), served with brotli, median of 3, beside the bare counter
//     (benches/counter) in the same run: the first picture, going live, and
//     how long a reader's first tap on a server and a step wait for the
//     next painted frame (the browser's Event Timing: from pointerdown or
//     keydown to the paint after the handlers);
//  3. time to the first live stage in headless Chromium (no throttling);
//  4. script time per animation frame while the busiest preset plays (p95);
//  5. time to seek to a random point of that preset's timeline (p95, max).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve } from '../e2e/server.mjs';
import { launch } from '../e2e/browser.mjs';

const DIST = 'dist';
const COUNTER = process.env.COUNTER_DIST ?? 'target/counter-dist';
const TARGET = 260_000;
const BUSIEST = process.env.PRESET ?? 'all-down-bounce';
const LIVE = '#app svg.stage g.host';

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const ms = (x) => `${x.toFixed(0)} ms`;
const ms2 = (x) => `${x.toFixed(2)} ms`;
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;

// 1. Size: what a reader downloads, found by loading the page, using it
// and listing every request (the page's own files, brotli q11).
const brotli = (buf) => zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
async function transfer(dir, ready, hash = '', use = async () => {}) {
  const server = await serve(dir);
  const b = await launch();
  const page = await (await b.newContext()).newPage();
  await page.goto(server.url + hash);
  await page.waitForSelector(ready);
  await use(page);
  await page.waitForLoadState('networkidle');
  await b.close();
  await server.close();
  let total = 0;
  const parts = [];
  for (const url of new Set(server.requests)) {
    let p = decodeURIComponent(new URL(url, 'http://x').pathname).replace(/^\//, '');
    if (p === '' || p.endsWith('/')) p += 'index.html';
    const f = path.join(dir, p);
    if (!fs.existsSync(f) || fs.statSync(f).isDirectory()) continue;
    const raw = fs.readFileSync(f);
    const br = brotli(raw);
    total += br;
    parts.push(`${p} ${kb(raw.length)} -> ${br} B`);
  }
  return { total, parts };
}
// A reader who uses the page: a server's menu, Play, the editor's tabs.
async function useThePage(page) {
  await page.locator('g[data-host="mx1.example.com"]').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.locator('button.play').click();
  await page.waitForTimeout(1500);
  await page.evaluate(() => {
    document.querySelector('details.explore').open = true;
    for (const tab of document.querySelectorAll('details.explore [role=tab]')) tab.click();
  });
}
for (const [lang, hash] of [['English', ''], ['Chinese', '#lang=zh']]) {
  const t = await transfer(DIST, LIVE, hash, useThePage);
  console.log(`size, everything a reader downloads in ${lang}: ${t.total} B brotli (${kb(t.total)}; target ${TARGET} B, ${t.total <= TARGET ? 'within' : 'OVER'}): ${t.parts.join(', ')}`);
}
const haveCounter = fs.existsSync(path.join(COUNTER, 'index.html'));
if (haveCounter) {
  const c = await transfer(COUNTER, '#counter');
  console.log(`size of the bare Yew counter: ${c.total} B brotli`);
}

const browser = await launch();

// 2. The throttled phone link, both pages in the same run, alternating.
// First picture: the first contentful paint (the app's is the stage
// rendered into index.html at build time; the counter's is its button).
// Live: the live app's stage (the counter's button) exists. Then, at once,
// a tap on a server (the counter: on its button) and a step (→).
async function throttledLoad(dir, ready, tap) {
  const server = await serve(dir, { brotli: true });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  await context.addInitScript(OBSERVE(ready));
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(server.url + (tap ? '#autoplay=0' : ''), { waitUntil: 'commit' });
  await page.waitForSelector(ready, { timeout: 60_000 });
  const t = await page.evaluate(() => new Promise((resolve) => {
    const fcp = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
    const poll = () => fcp() !== undefined ? resolve({ first: fcp(), live: window.__ready }) : setTimeout(poll, 20);
    poll();
  }));
  // The first tap, as soon as it is live: a real pointer on the server.
  const box = await page.locator(tap ?? ready).first().boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  if (tap) await page.waitForSelector('.dialog.menu');
  t.tap = await inputToPaint(page, 'pointerdown');
  if (tap) {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    await page.evaluate(() => { window.__events = []; });
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => /step 1 of/.test(document.querySelector('.narration .when')?.textContent ?? ''));
    t.step = await inputToPaint(page, 'keydown');
  }
  await context.close();
  await server.close();
  return t;
}
// Event Timing, recorded from the start: every input and its next paint.
const OBSERVE = (ready) => `window.__events = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__events.push({ name: e.name, start: e.startTime, end: e.startTime + e.duration, id: e.interactionId }); })
    .observe({ type: 'event', buffered: true, durationThreshold: 16 });
  new MutationObserver((_, o) => { if (document.querySelector(${JSON.stringify(ready)})) { window.__ready = performance.now(); o.disconnect(); } }).observe(document, { childList: true, subtree: true });`;
// From the first `first` input (pointerdown, keydown) to the paint after
// the last event of its interaction (a click opens the menu). Entries
// shorter than 16 ms are not reported: then it was under 16 ms.
async function inputToPaint(page, first) {
  await page.waitForTimeout(500);
  return page.evaluate((first) => {
    const all = window.__events;
    const start = all.find((e) => e.name === first);
    if (!start) return 16;
    const same = all.filter((e) => e.id && e.id === start.id || e.start >= start.start && e.start - start.start < 200);
    return Math.max(...same.map((e) => e.end)) - start.start;
  }, first);
}
// Compressed once, before any run is timed (as a CDN holds them).
async function warm(dir) {
  const server = await serve(dir, { brotli: true });
  for (const f of fs.readdirSync(dir, { recursive: true })) {
    if (/\.(html|js|css|wasm|svg)$/.test(f)) await (await fetch(`${server.url}${f}`)).arrayBuffer();
  }
  await server.close();
}
if (haveCounter) {
  await warm(DIST);
  await warm(COUNTER);
  const runs = { app: [], counter: [] };
  for (let i = 0; i < 3; i++) {
    runs.app.push(await throttledLoad(DIST, LIVE, 'g[data-host="mx1.example.com"]'));
    runs.counter.push(await throttledLoad(COUNTER, '#counter', null));
  }
  const med = (xs, k) => pct(xs.map((x) => x[k]), 0.5);
  const all = (xs, k) => xs.map((x) => x[k].toFixed(0)).join(', ');
  const [af, cf, al, cl] = [med(runs.app, 'first'), med(runs.counter, 'first'), med(runs.app, 'live'), med(runs.counter, 'live')];
  console.log(`first picture, throttled phone link (median of 3): app ${ms(af)}, bare counter ${ms(cf)}: ${(af / cf).toFixed(2)}x (target <= 1x) [app ${all(runs.app, 'first')}]`);
  console.log(`live, throttled phone link (median of 3): app ${ms(al)}, bare counter ${ms(cl)}: ${(al / cl).toFixed(2)}x (target <= 2.5x) [app ${all(runs.app, 'live')}; counter ${all(runs.counter, 'live')}]`);
  console.log(`first tap on a server to its menu painted, CPU 4x (median of 3): ${ms(med(runs.app, 'tap'))} [${all(runs.app, 'tap')}] (target <= 100 ms; the counter's button: ${ms(med(runs.counter, 'tap'))})`);
  console.log(`a step (→) to the next sentence painted, CPU 4x (median of 3): ${ms(med(runs.app, 'step'))} [${all(runs.app, 'step')}] (target <= 100 ms)`);
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
console.log(`first live stage (unthrottled): ${ms2(pct(firsts, 0.5))} median of 5 (min ${ms2(Math.min(...firsts))}, max ${ms2(Math.max(...firsts))})`);

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
console.log(`frame script time (${BUSIEST}, 8x, ${frames.length} frames): p50 ${ms2(pct(frames, 0.5))}, p95 ${ms2(pct(frames, 0.95))}, max ${ms2(Math.max(...frames))} (aim: p95 <= 4 ms) [${events.trim()}]`);

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
console.log(`seek (${BUSIEST}, ${seeks.length} random points): p50 ${ms2(pct(seeks, 0.5))}, p95 ${ms2(pct(seeks, 0.95))}, max ${ms2(Math.max(...seeks))} (one frame = 16.7 ms)`);

await browser.close();
await server.close();

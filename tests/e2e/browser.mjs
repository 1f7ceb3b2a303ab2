// Debian's Chromium through playwright-core: Playwright's own browser
// download does not work here. The flags keep Chromium off the network.
import { chromium } from 'playwright-core';

export const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: FLAGS, headless: true });
}

/// Opens a page that records every request and any page error.
export async function open(browser, url, { width = 1280, height = 800, reducedMotion = 'no-preference', colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, reducedMotion, colorScheme });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.waitForSelector('#app svg.stage');
  return { page, context, requests, errors };
}

/// The app in an iframe of `width` x `height` on a blog-like page (the test
/// server's /__frame), opened at `hash`, once the live app has drawn.
export async function framed(ctx, width, height, hash = 'preset=seed-story&embed=1&autoplay=0') {
  const page = await (await ctx.browser.newContext({ viewport: { width: width + 40, height: height + 80 } })).newPage();
  await page.goto(`${ctx.server.origin}/__frame?w=${width}&h=${height}&hash=${encodeURIComponent(hash)}`);
  const frame = page.frames().find((f) => f.url().includes('index.html'));
  await frame.waitForSelector('#app svg.stage g.host');
  return { page, frame };
}

/// Plays the story to its end at 8x, as a reader pressing Play would.
export async function playToEnd(page) {
  await page.selectOption('.speed select', '8x');
  const play = page.locator('button.play');
  if ((await play.getAttribute('aria-label')) === 'Play') await play.click();
  // The story holds on each key moment until the reader goes on (Continue);
  // the play button turns back into "Play" at the end of the story.
  const deadline = Date.now() + 120_000;
  for (;;) {
    const state = await page.waitForFunction(() => {
      if (document.querySelector('.controls')?.dataset.atEnd === 'true'
        && document.querySelector('button.play').getAttribute('aria-label') === 'Play') return 'end';
      return document.querySelector('button.go-on') ? 'held' : false;
    }, null, { timeout: Math.max(1000, deadline - Date.now()) }).then((h) => h.jsonValue());
    if (state === 'end') break;
    await page.locator('button.go-on').click();
  }
}

/// Plays until the text of `selector` matches `pattern`, going on from each
/// key moment the story holds on, as a reader clicking Continue would; then pauses.
export async function playUntil(page, selector, pattern, timeout = 60_000) {
  const play = page.locator('button.play');
  if ((await play.getAttribute('aria-label')) === 'Play') await play.click();
  await page.waitForFunction(([sel, src]) => {
    if (new RegExp(src).test(document.querySelector(sel)?.textContent ?? '')) return true;
    document.querySelector('button.go-on')?.click();
    return false;
  }, [selector, pattern.source], { timeout, polling: 200 });
  if ((await play.getAttribute('aria-label')) === 'Pause') await play.click();
}

/// Requests that left `origin` (data: and blob: URLs are local).
export function offOrigin(requests, origin) {
  return requests.filter((u) => !u.startsWith(origin) && !/^(data|blob):/.test(u));
}

/// Waits (up to 5 s) until an element's attribute matches, then returns it:
/// the app renders in a microtask after each click.
export async function attributeMatching(locator, name, pattern) {
  const deadline = Date.now() + 5000;
  let value = await locator.getAttribute(name);
  while (!pattern.test(value ?? '') && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    value = await locator.getAttribute(name);
  }
  return value;
}

/// Registers the usual test set-up: `dist/` on loopback and one browser,
/// closed after the file's tests. Returns a getter for both.
export function withServerAndBrowser({ before, after }, serve) {
  const ctx = {};
  before(async () => {
    // MXVIZ_DIST: another build to test (a quick `trunk build --dist target/quick` while working).
    ctx.server = await serve(process.env.MXVIZ_DIST ?? 'dist');
    ctx.browser = await launch();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.close();
  });
  return ctx;
}

// In the page (or frame): the smallest text of the stage in CSS px, and
// every pair of stage texts whose boxes overlap.
export function measureStage() {
  const svg = document.querySelector('svg.stage');
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const texts = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim() !== '' && t.getBBox().width > 0);
  const min = Math.min(...texts.map((t) => parseFloat(getComputedStyle(t).fontSize) * scale));
  const boxes = texts.map((t) => ({ r: t.getBoundingClientRect(), s: t.textContent }));
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i].r, boxes[j].r];
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 1 && h > 1) overlaps.push(`"${boxes[i].s}" / "${boxes[j].s}"`);
    }
  }
  // How much of the stage the boxes cover (servers, DNS, folders).
  const area = (r) => r.width * r.height;
  const stage = svg.getBoundingClientRect();
  const cover = [...svg.querySelectorAll('.box')].reduce((s, b) => s + area(b.getBoundingClientRect()), 0) / area(stage);
  return { min, overlaps, count: texts.length, cover };
}

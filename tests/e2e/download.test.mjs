// What a reader downloads (`make build`: one trunk build, started by
// static/start.js): one glue and one module for both languages, each asked
// for once, with the build's version. A file that does not arrive gets a
// clear message and a "Try again" that works, never a dead page; switching
// language keeps everything the reader did.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser, open } from './browser.mjs';
import { serve } from './server.mjs';

const SHOTS = 'target/screenshots';
const ctx = withServerAndBrowser({ before, after }, serve);
const ours = (requests) => requests.map((u) => new URL(u).pathname.replace(/^\//, '')).filter((p) => /\.(js|wasm)$/.test(p)).sort();

test('a visit fetches one glue and one module, once each, with the build\'s version', async () => {
  for (const hash of ['', '&lang=zh', '&preset=null-mx&embed=1']) {
    const { page, context, requests, errors } = await open(ctx.browser, `${ctx.server.url}#autoplay=0${hash}`);
    await page.waitForLoadState('networkidle');
    // A first tap needs nothing more.
    await page.locator('g[data-host="mx1.example.com"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.dialog.menu');
    await page.waitForLoadState('networkidle');
    assert.deepEqual(ours(requests), ['mxviz.js', 'mxviz_bg.wasm', 'static/start.js'], hash);
    const version = await page.evaluate(() => document.querySelector('meta[name="mxviz-build"]')?.dataset.version);
    assert.match(version ?? '', /^[0-9a-f]{12}$/, 'make build stamps a version');
    for (const u of requests.filter((u) => /mxviz(_bg)?\.(js|wasm)$/.test(new URL(u).pathname))) {
      assert.equal(new URL(u).searchParams.get('v'), version, u);
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});

/// Opens the page with `pattern`'s files failing as `fail` says, until `heal()`.
async function failing(pattern, fail) {
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  let broken = true;
  await page.route(pattern, (route) => (broken ? fail(route) : route.continue()));
  await page.goto(`${ctx.server.url}#autoplay=0`);
  return { page, context, heal: () => { broken = false; } };
}

test('a module that does not arrive: a clear message, and Try again brings the page to life', async () => {
  for (const [name, pattern, fail, detail] of [
    ['wasm-404', /mxviz_bg\.wasm/, (r) => r.fulfill({ status: 404, body: 'gone' }), /mxviz_bg\.wasm: HTTP 404/],
    ['wasm-dropped', /mxviz_bg\.wasm/, (r) => r.abort('connectionreset'), /fetch|network/i],
    ['glue-dropped', /mxviz\.js/, (r) => r.abort('internetdisconnected'), /import|fetch|module/i],
  ]) {
    const { page, context, heal } = await failing(pattern, fail);
    await page.waitForSelector('#offline:not([hidden])');
    assert.match(await page.locator('#offline h1').innerText(), /download did not finish/, name);
    assert.match(await page.locator('#offline-detail').innerText(), detail, name);
    // Where the reader looks, over the first picture (which stays).
    const box = await page.locator('#offline').boundingBox();
    assert.ok(box.y >= 0 && box.y + box.height <= 800, `${name}: the message is on the first screen`);
    assert.equal(await page.locator('#fatal').isVisible(), false, `${name}: not the crash panel`);
    if (name === 'wasm-404') await page.screenshot({ path: `${SHOTS}/download-failed.png` });
    heal();
    await page.locator('#offline-again').click();
    await page.waitForSelector('#app svg.stage g.host');
    assert.equal(await page.locator('#offline').isVisible(), false, `${name}: the message goes`);
    await page.locator('body').press('ArrowRight');
    await page.waitForFunction(() => /step 1 of/.test(document.querySelector('.narration .when')?.textContent ?? ''));
    await context.close();
  }
});

test('a page script that does not arrive: the message says which, and Try again loads the page again', async () => {
  const { page, context, heal } = await failing(/static\/start\.js/, (r) => r.fulfill({ status: 404, body: 'gone' }));
  await page.waitForSelector('#offline:not([hidden])');
  assert.match(await page.locator('#offline-detail').innerText(), /start\.js/);
  heal();
  await page.locator('#offline-again').click();
  await page.waitForSelector('#app svg.stage g.host');
  await context.close();
});

test('the message is in the reader\'s language', async () => {
  const context = await ctx.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.route(/mxviz_bg\.wasm/, (r) => r.fulfill({ status: 500, body: 'oops' }));
  await page.goto(`${ctx.server.url}#lang=zh`);
  await page.waitForSelector('#offline:not([hidden])');
  assert.equal(await page.locator('#offline h1').innerText(), '下载没有完成');
  assert.equal(await page.locator('#offline-again').innerText(), '重试');
  await page.screenshot({ path: `${SHOTS}/download-failed-zh-phone.png` });
  await context.close();
});

test('switching language keeps the step, what can be undone, and the open editor', async () => {
  const { page, context, requests, errors } = await open(ctx.browser, `${ctx.server.url}#preset=seed-story&autoplay=0&e=30`);
  const position = () => page.evaluate(() => /\d+/.exec(document.querySelector('.narration .when')?.textContent ?? '')?.[0]);
  // Something to undo: MX1 down, from its menu.
  await page.locator('g[data-host="mx1.example.com"]').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: /Take it down|Bring it back up/ }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('.actions button')].some((b) => b.textContent === 'Undo' && !b.disabled));
  // The editor open on its zone tab.
  await page.evaluate(() => { document.querySelector('details.explore').open = true; });
  const before = await position();
  const fetchedBefore = ours(requests).length;
  await page.selectOption('select.lang', 'zh');
  await page.waitForFunction(() => document.querySelector('button.play')?.getAttribute('aria-label') === '播放');
  assert.equal(await position(), before, 'the same step');
  assert.equal(await page.evaluate(() => document.querySelector('details.explore').open), true, 'the editor stays open');
  const undo = page.locator('.actions button', { hasText: '撤销' });
  assert.equal(await undo.isDisabled(), false, 'what the reader did can still be undone');
  assert.equal(ours(requests).length, fetchedBefore, 'nothing more to download');
  assert.deepEqual(errors, []);
  await context.close();
});

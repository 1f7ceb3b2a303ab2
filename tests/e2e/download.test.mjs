// What a reader downloads (`make build`: one trunk build per language,
// started by static/start.js): one glue and one module, the reader's
// language's, each asked for once, with the build's version. A file that does
// not arrive gets a clear message and a "Try again" that works, never a dead
// page; switching language loads the other language's module and keeps
// everything the reader did.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser, open } from './browser.mjs';
import { serve } from './server.mjs';

const SHOTS = 'target/screenshots';
const ctx = withServerAndBrowser({ before, after }, serve);
const ours = (requests) => requests.map((u) => new URL(u).pathname.replace(/^\//, '')).filter((p) => /\.(js|wasm)$/.test(p)).sort();

test('a visit fetches one glue and one module, its language\'s, once each, with the build\'s version', async () => {
  const english = ['mxviz.js', 'mxviz_bg.wasm', 'static/start.js'];
  const chinese = ['static/start.js', 'zh/mxviz.js', 'zh/mxviz_bg.wasm'];
  for (const [hash, files] of [['', english], ['&lang=zh', chinese], ['&preset=null-mx&embed=1', english]]) {
    const { page, context, requests, errors } = await open(ctx.browser, `${ctx.server.url}#autoplay=0${hash}`);
    await page.waitForLoadState('networkidle');
    // A first tap needs nothing more.
    await page.locator('g[data-host="mx1.example.com"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.dialog.menu');
    await page.waitForLoadState('networkidle');
    assert.deepEqual(ours(requests), files, hash);
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

test('switching language loads its module and keeps the step, undo, the comparison and the open editor', async () => {
  const { page, context, requests, errors } = await open(ctx.browser, `${ctx.server.url}#preset=seed-story&autoplay=0&e=30`);
  const position = () => page.evaluate(() => /\d+/.exec(document.querySelector('.narration .when')?.textContent ?? '')?.[0]);
  const undoable = (label) => page.waitForFunction((l) => [...document.querySelectorAll('.actions button')].some((b) => b.textContent === l && !b.disabled), label);
  // Something to undo: MX1 down, from its menu.
  await page.locator('g[data-host="mx1.example.com"]').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: /Take it down|Bring it back up/ }).click();
  await undoable('Undo');
  // The editor open on its compare tab, comparing with and without the backup.
  await page.evaluate(() => { document.querySelector('details.explore').open = true; });
  await page.getByRole('tab', { name: 'Compare' }).click();
  await page.locator('.compare input[type=radio]').nth(1).check();
  await page.waitForFunction(() => document.querySelectorAll('svg.stage').length === 2);
  const before = await position();
  const stages = 2;
  assert.equal(ours(requests).some((p) => p.startsWith('zh/')), false, 'an English reader fetches no Chinese');

  await Promise.all([page.waitForEvent('load'), page.selectOption('select.lang', 'zh')]);
  await page.waitForFunction(() => document.querySelector('button.play')?.getAttribute('aria-label') === '播放');
  assert.match(page.url(), /lang=zh/, 'the link says the language');
  assert.equal(await page.evaluate(() => document.activeElement?.matches('select.lang')), true, 'the keyboard stays on the language menu');
  assert.equal(await position(), before, 'the same step');
  assert.equal(await page.locator('svg.stage').count(), stages, 'the same comparison');
  assert.equal(await page.evaluate(() => document.querySelector('details.explore').open), true, 'the editor stays open');
  assert.equal(await page.locator('details.explore [role=tab][aria-selected=true]').innerText(), '对比', 'on the same tab');
  await undoable('撤销');
  assert.deepEqual(ours(requests).filter((p) => p.startsWith('zh/')), ['zh/mxviz.js', 'zh/mxviz_bg.wasm'], 'the Chinese module, once');
  await page.screenshot({ path: `${SHOTS}/language-switched-zh.png` });

  // And back: the English module again, and the reader's undo still works.
  await Promise.all([page.waitForEvent('load'), page.selectOption('select.lang', 'en')]);
  await page.waitForFunction(() => document.querySelector('button.play')?.getAttribute('aria-label') === 'Play');
  assert.equal(await position(), before, 'the same step');
  await undoable('Undo');
  await page.locator('.actions button', { hasText: 'Undo' }).first().click();
  await undoable('Redo');
  assert.deepEqual(errors, []);
  await context.close();
});

// The stage as a reader sees it, measured: the smallest text in it at every
// width it is used at, no text over other text through the whole seed story,
// the controls in the first screen, the server menu inside a small frame,
// keys that do not scroll the page, a click that does not move the page, and
// the height message of an embed. Screenshots of every chapter of the seed
// story go to target/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { framed, measureStage, open, withServerAndBrowser } from './browser.mjs';
import { serve } from './server.mjs';

const SHOTS = 'target/screenshots';
const ctx = withServerAndBrowser({ before, after }, serve);

/// Steps through the whole story with the → key, calling `check` after every step.
async function stepThrough(target, check) {
  const total = await target.evaluate(() => Number(/of (\d+)/.exec(document.querySelector('.narration .when')?.textContent ?? '')?.[1] ?? 0));
  const steps = total || 120;
  for (let k = 0; k < steps; k++) {
    await target.locator('body').press('ArrowRight');
    await check(k);
  }
}

test('stage text is at least 12 px from a 560 px column up, 11 px below, and boxes cover 30 % of the stage, at every width', async () => {
  const cases = [];
  for (const [w, h, min] of [[650, 450, 12], [400, 450, 11]]) {
    const { page, frame } = await framed(ctx, w, h);
    const m = await frame.evaluate(measureStage);
    cases.push([`${w}x${h} frame`, m.min, min, m.cover]);
    await page.context().close();
  }
  for (const [w, h, min] of [[1280, 800, 12], [390, 844, 11], [360, 740, 11]]) {
    const { page, context } = await open(ctx.browser, `${ctx.server.url}#preset=seed-story&autoplay=0`, { width: w, height: h });
    const m = await page.evaluate(measureStage);
    cases.push([`${w}x${h} page`, m.min, min, m.cover]);
    await context.close();
  }
  for (const [name, got, min, cover] of cases) {
    console.log(`# smallest stage text, ${name}: ${got.toFixed(1)} px; boxes cover ${(cover * 100).toFixed(0)} % of the stage`);
    assert.ok(got >= min - 0.01, `${name}: smallest stage text ${got} px, want at least ${min}`);
    assert.ok(cover >= 0.3, `${name}: boxes cover ${(cover * 100).toFixed(0)} % of the stage, want at least 30 %`);
  }
});

test('no text of the stage lies over another, step by step through the seed story', async () => {
  const { page, context } = await open(ctx.browser, `${ctx.server.url}#preset=seed-story&autoplay=0`, { width: 1280, height: 800 });
  const bad = [];
  await stepThrough(page, async (k) => {
    const { overlaps } = await page.evaluate(measureStage);
    if (overlaps.length) bad.push(`step ${k + 1}: ${overlaps.join(', ')}`);
  });
  await context.close();
  const { page: p2, frame } = await framed(ctx, 650, 450);
  await frame.locator('svg.stage').click({ position: { x: 2, y: 2 } });
  await stepThrough(frame, async (k) => {
    const { overlaps } = await frame.evaluate(measureStage);
    if (overlaps.length) bad.push(`650 frame, step ${k + 1}: ${overlaps.join(', ')}`);
  });
  await p2.context().close();
  assert.deepEqual(bad, []);
});

test('at 1280x720 and 1366x768 the stage, the play button and the timeline are in the first screen', async () => {
  for (const [w, h] of [[1280, 720], [1366, 768]]) {
    const { page, context } = await open(ctx.browser, `${ctx.server.url}#preset=seed-story&autoplay=0`, { width: w, height: h });
    for (const sel of ['svg.stage', 'button.play', '.scrubber input']) {
      const r = await page.locator(sel).boundingBox();
      assert.ok(r && r.y + r.height <= h, `${w}x${h}: ${sel} ends at ${r && r.y + r.height}`);
    }
    await page.screenshot({ path: `${SHOTS}/fold-${w}x${h}.png` });
    await context.close();
  }
});

test('the server menu fits a 650x450 frame; Escape gives the focus back to the server', async () => {
  const { page, frame } = await framed(ctx, 650, 450);
  const mx1 = frame.locator('g[data-host="mx1.example.com"]');
  await mx1.click();
  const menu = frame.locator('.dialog.menu');
  await menu.waitFor();
  const r = await menu.boundingBox();
  const f = await page.locator('#app').boundingBox();
  assert.ok(r.x >= f.x && r.y >= f.y && r.x + r.width <= f.x + f.width && r.y + r.height <= f.y + f.height, `menu ${JSON.stringify(r)} in frame ${JSON.stringify(f)}`);
  await page.screenshot({ path: `${SHOTS}/embed-650-menu.png` });
  const last = menu.getByRole('menuitemradio').last();
  await last.scrollIntoViewIfNeeded();
  assert.ok(await last.isVisible(), 'the last fault can be reached');
  await page.screenshot({ path: `${SHOTS}/embed-650-menu-scrolled.png` });
  await frame.locator('body').press('Escape');
  assert.equal(await menu.count(), 0);
  assert.equal(await frame.evaluate(() => document.activeElement?.getAttribute('data-host')), 'mx1.example.com');
  await page.context().close();
});

test('Space and the arrows do not scroll the page; a click on a server does not move it', async () => {
  const { page, context, errors } = await open(ctx.browser, `${ctx.server.url}#preset=seed-story&autoplay=0`, { width: 1280, height: 720 });
  for (const key of [' ', 'ArrowRight', 'ArrowDown', ' ', 'ArrowLeft', 'ArrowUp', 'PageDown']) {
    await page.keyboard.press(key);
    assert.equal(await page.evaluate(() => window.scrollY), 0, `${key} scrolled the page`);
  }
  if ((await page.locator('button.play').getAttribute('aria-label')) === 'Pause') await page.locator('button.play').click();
  for (let k = 0; k < 6; k++) await page.keyboard.press('ArrowRight');
  const before = {
    stage: (await page.locator('svg.stage').boundingBox()).y,
    thumb: await page.evaluate(() => { const r = document.querySelector('.scrubber input'); return Number(r.value) / Number(r.max); }),
  };
  await page.locator('g[data-host="mx1.example.com"]').click();
  await page.getByRole('button', { name: 'Bring it back up' }).click();
  await page.waitForFunction(() => /\(modified\)/.test(document.querySelector('.presets select').selectedOptions[0].textContent));
  const after = {
    stage: (await page.locator('svg.stage').boundingBox()).y,
    thumb: await page.evaluate(() => { const r = document.querySelector('.scrubber input'); return Number(r.value) / Number(r.max); }),
  };
  assert.ok(Math.abs(after.stage - before.stage) <= 1, `the stage moved from ${before.stage} to ${after.stage}`);
  // The timeline redraws to the changed story's length (shorter: MX1 is back early).
  assert.ok(after.thumb >= before.thumb, `the thumb went back from ${before.thumb} to ${after.thumb}`);
  assert.equal(await page.locator('.explanation').count(), 1, 'the explanation stays');
  assert.ok(!errors.some((e) => /preventDefault|passive/.test(e)), errors.join('\n'));
  await context.close();
});

test('an embed tells the page around it its height', async () => {
  const { page } = await framed(ctx, 650, 300);
  await page.waitForFunction(() => /height \d+/.test(document.getElementById('got').textContent), null, { timeout: 10_000 });
  const h = Number(/height (\d+)/.exec(await page.locator('#got').innerText())[1]);
  assert.ok(h > 300 && h < 900, `height ${h}`);
  await page.context().close();
});

// The chapters of the seed story, found by what the narration says.
const CHAPTERS = [
  ['1-split', /splits bob@example\.com/],
  ['2-mx-lookup', /asks DNS which servers take mail for example\.com/],
  ['3-a-lookup', /looks up the address of each MX host/],
  ['4-timeout', /no answer in 30 s/],
  ['5-mx2-queues', /MX2 answers 250 to the message/],
  ['6-ttl-expiring', /reach the end of their TTL/],
  // MX1 answers only once it is back: the forward that works, not the tries before.
  ['7-forward', /MX2 connects to MX1/],
  ['8-eml-written', /writes the message into bob's folder/],
];

async function chapterShots(target, shoot, prefix) {
  const seen = new Set();
  await stepThrough(target, async () => {
    const sentence = await target.locator('.narration .sentence').innerText();
    for (const [name, pattern] of CHAPTERS) {
      if (!seen.has(name) && pattern.test(sentence)) {
        seen.add(name);
        await shoot(`${SHOTS}/${prefix}-${name}.png`);
      }
    }
  });
  // Past the last step: the end card.
  await target.locator('body').press('End').catch(() => {});
  await shoot(`${SHOTS}/${prefix}-9-end-card.png`);
  assert.equal(seen.size, CHAPTERS.length, `${prefix}: saw ${[...seen].join(', ')}`);
}

test('screenshots of every chapter of the seed story at 1280x800, in a 650 px embed and at 390 px', async () => {
  {
    const { page, context } = await open(ctx.browser, `${ctx.server.url}#preset=seed-story&autoplay=0`, { width: 1280, height: 800 });
    // The stage alone at the cache's expiry is the README's picture (docs/stage.png).
    await chapterShots(page, async (path) => {
      await page.screenshot({ path });
      if (path.endsWith('6-ttl-expiring.png')) await page.locator('.stage-wrap').screenshot({ path: `${SHOTS}/readme-stage.png` });
    }, 'desktop');
    assert.match(await page.locator('.end-card').textContent(), /Delivered at T\+55m via MX2 · open 0001\.eml/);
    await page.locator('.end-card').click();
    await page.locator('.dialog.eml').waitFor();
    await context.close();
  }
  {
    const { page, frame } = await framed(ctx, 650, 450, 'preset=seed-story&embed=1&autoplay=0&panels=narration');
    await frame.locator('svg.stage').click({ position: { x: 2, y: 2 } });
    await chapterShots(frame, (path) => page.screenshot({ path }), 'embed-650');
    await page.context().close();
  }
  {
    const { page, context } = await open(ctx.browser, `${ctx.server.url}#preset=seed-story&autoplay=0`, { width: 390, height: 844 });
    await chapterShots(page, (path) => page.locator('.stage-wrap').screenshot({ path }), 'phone-390');
    await context.close();
  }
});

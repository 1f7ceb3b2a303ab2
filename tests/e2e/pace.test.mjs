// The story at a reader's pace: steps are beats (at most 40 in the seed
// story, each sentence on screen for its reading time), key moments hold
// until the reader goes on, PageDown lands on each chapter's first beat,
// the player's keys work after a mouse click on Play without scrolling the
// blog page around an embed, an embed far down a post waits until it is
// seen, and on phones Play and the stage are on the first screen.
// Screenshots of every chapter (by PageDown) in English and Chinese at
// 1280x720, in a 650 px embed and at 390 px go to target/screenshots/pace-*.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { framed, open, withServerAndBrowser } from './browser.mjs';
import { serve } from './server.mjs';

const SHOTS = 'target/screenshots';
const ctx = withServerAndBrowser({ before, after }, serve);

const sentence = (t) => t.evaluate(() => document.querySelector('.narration .sentence')?.textContent ?? '');
const stepCount = (t) => t.evaluate(() => Number(/(\d+)\D*$/.exec(document.querySelector('.narration .when')?.textContent ?? '')?.[1] ?? 0));

test('PageDown lands on each chapter, at most 12, each press a new sentence, screenshots in both languages', async () => {
  for (const lang of ['en', 'zh']) {
    const shots = [
      ['page-1280', async () => {
        const o = await open(ctx.browser, `${ctx.server.url}#preset=seed-story&autoplay=0&lang=${lang}`, { width: 1280, height: 720 });
        return { target: o.page, shoot: (path) => o.page.screenshot({ path }), close: () => o.context.close() };
      }],
      ['embed-650', async () => {
        const f = await framed(ctx, 650, 450, `preset=seed-story&embed=1&autoplay=0&panels=narration&lang=${lang}`);
        return { target: f.frame, shoot: (path) => f.page.screenshot({ path }), close: () => f.page.context().close() };
      }],
      ['phone-390', async () => {
        const o = await open(ctx.browser, `${ctx.server.url}#preset=seed-story&autoplay=0&lang=${lang}`, { width: 390, height: 844 });
        return { target: o.page, shoot: (path) => o.page.screenshot({ path }), close: () => o.context.close() };
      }],
    ];
    for (const [name, make] of shots) {
      const { target, shoot, close } = await make();
      await target.locator('svg.stage').click({ position: { x: 2, y: 2 } });
      const seen = [];
      for (let k = 0; k < 30; k++) {
        const atEnd = await target.evaluate(() => document.querySelector('.controls')?.dataset.atEnd === 'true');
        if (atEnd) break;
        await target.locator('body').press('PageDown');
        const s = await sentence(target);
        assert.ok(!seen.includes(s) || s === '', `${lang} ${name}: press ${k + 1} left "${s}" on screen`);
        seen.push(s);
        await shoot(`${SHOTS}/pace-${lang}-${name}-chapter-${String(k + 1).padStart(2, '0')}.png`);
      }
      const steps = await stepCount(target);
      console.log(`# ${lang} ${name}: ${seen.length} chapter presses to the end, ${steps} steps in the story`);
      assert.ok(seen.length <= 13, `${lang} ${name}: ${seen.length} presses`);
      assert.ok(steps > 0 && steps <= 40, `${lang} ${name}: ${steps} steps`);
      await close();
    }
  }
});

test('playing holds on a key moment with what to notice, and Continue goes on', async () => {
  const { page, context } = await open(ctx.browser, `${ctx.server.url}#preset=seed-story`, { width: 1280, height: 720 });
  await page.waitForSelector('button.go-on', { timeout: 10_000 });
  const note = await page.locator('.key-note').innerText();
  assert.match(note, /Notice:/);
  assert.equal(await page.locator('button.play').getAttribute('aria-label'), 'Continue');
  const held = await sentence(page);
  await page.waitForTimeout(1500);
  assert.equal(await sentence(page), held, 'it waits for the reader');
  await page.locator('button.go-on').click();
  await page.waitForFunction((s) => (document.querySelector('.narration .sentence')?.textContent ?? '') !== s, held, { timeout: 10_000 });
  await context.close();
});

test('keys after a mouse click on Play step the story and never scroll the blog page around an embed, in both languages', async () => {
  for (const lang of ['en', 'zh']) {
  const { page, frame } = await framed(ctx, 650, 450, `preset=seed-story&embed=1&autoplay=0&panels=narration&lang=${lang}`);
  await page.evaluate(() => document.body.style.height = '5000px');
  await frame.locator('button.play').click();
  await frame.locator('button.play').click(); // pause again: the focus stays on Play
  const before = await stepCount(frame);
  await page.keyboard.press('ArrowRight');
  await frame.waitForFunction((b) => Number(/(\d+)\D*$/.exec(document.querySelector('.narration .when')?.textContent ?? '')?.[1] ?? 0) >= 1 && document.querySelector('.narration .when').textContent !== '' , before);
  const s1 = await sentence(frame);
  await page.keyboard.press('ArrowRight');
  assert.notEqual(await sentence(frame), s1, '→ with the focus on Play steps');
  for (const key of ['PageDown', 'ArrowDown', 'End', 'PageUp', 'ArrowUp', 'Home', ' ']) {
    await page.keyboard.press(key);
    assert.equal(await page.evaluate(() => window.scrollY), 0, `${lang}: ${key} scrolled the blog page`);
  }
  await page.context().close();
  }
});

test('an embed far down a post does not start until half of it is seen', async () => {
  const page = await (await ctx.browser.newContext({ viewport: { width: 800, height: 700 } })).newPage();
  await page.goto(`${ctx.server.origin}/__frame?w=650&h=450&below=2500&hash=${encodeURIComponent('preset=seed-story&embed=1')}`);
  const frame = page.frames().find((f) => f.url().includes('index.html'));
  await frame.waitForSelector('#app svg.stage g.host');
  await page.waitForTimeout(1500);
  assert.equal(await frame.locator('button.play').getAttribute('aria-label'), 'Play', 'paused while out of view');
  assert.equal(await frame.evaluate(() => document.querySelector('.narration .when')?.textContent ?? ''), '', 'nothing played');
  await page.evaluate(() => document.getElementById('app').scrollIntoView());
  await frame.waitForFunction(() => document.querySelector('button.play').getAttribute('aria-label') !== 'Play', null, { timeout: 5000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await frame.waitForFunction(() => document.querySelector('button.play').getAttribute('aria-label') === 'Play', null, { timeout: 5000 });
  await page.context().close();
});

test('on phones Play, the timeline and the whole stage are on the first screen, and the controls never move', async () => {
  for (const [w, h] of [[390, 844], [360, 740]]) {
    for (const lang of ['en', 'zh']) {
      const { page, context } = await open(ctx.browser, `${ctx.server.url}#preset=seed-story&autoplay=0&lang=${lang}`, { width: w, height: h });
      const bottom = async (sel) => { const b = await page.locator(sel).first().boundingBox(); return b.y + b.height; };
      const [stage, play, timeline] = [await bottom('svg.stage'), await bottom('button.play'), await bottom('.scrubber input')];
      console.log(`# phone ${w}x${h} ${lang}: stage ends at ${Math.round(stage)} px, Play at ${Math.round(play)} px, the timeline at ${Math.round(timeline)} px`);
      await page.screenshot({ path: `${SHOTS}/pace-phone-${w}-${lang}-first-screen.png` });
      assert.ok(stage <= h, `${w}x${h} ${lang}: the stage ends at ${stage}`);
      assert.ok(play <= h, `${w}x${h} ${lang}: Play ends at ${play}`);
      assert.ok(timeline <= h, `${w}x${h} ${lang}: the timeline ends at ${timeline}`);
      // Step through the whole story: Play stays where it is.
      const tops = new Set();
      for (let k = 0; k < 40; k++) {
        tops.add(Math.round((await page.locator('button.play').boundingBox()).y + await page.evaluate(() => window.scrollY)));
        if (await page.evaluate(() => document.querySelector('.controls')?.dataset.atEnd === 'true')) break;
        await page.locator('body').press('ArrowRight');
      }
      assert.equal(tops.size, 1, `${w}x${h} ${lang}: Play moved between steps (${[...tops].join(', ')} px)`);
      await context.close();
    }
  }
});

// In the page (or frame): how far the moving label is from its own arrow,
// in CSS px (0 when it touches it); null when no label travels on a wire.
function labelToWire() {
  const motion = [...document.querySelectorAll('svg.stage g.motion')].find((g) => g.querySelector('path.wire:not(.unanswered)') && g.querySelector('.pill rect'));
  if (!motion) return null;
  const wire = motion.querySelector('path.wire:not(.unanswered)');
  const r = motion.querySelector('.pill rect').getBoundingClientRect();
  const m = wire.getScreenCTM();
  const len = wire.getTotalLength();
  let best = Infinity;
  for (let k = 0; k <= 60; k++) {
    const p = wire.getPointAtLength((len * k) / 60);
    const x = m.a * p.x + m.c * p.y + m.e, y = m.b * p.x + m.d * p.y + m.f;
    const dx = Math.max(r.left - x, 0, x - r.right), dy = Math.max(r.top - y, 0, y - r.bottom);
    best = Math.min(best, Math.hypot(dx, dy));
  }
  return { distance: best, label: motion.querySelector('.pill text')?.textContent ?? '' };
}

test('every moving label stays within 40 px of its own arrow, at 1280, in a 650 px embed and at 390 px, in both languages', async () => {
  for (const lang of ['en', 'zh']) {
  const where = [
    ['page-1280', async () => { const o = await open(ctx.browser, `${ctx.server.url}#preset=seed-story&autoplay=0&detail=events&lang=${lang}`, { width: 1280, height: 800 }); return { t: o.page, close: () => o.context.close() }; }],
    ['embed-650', async () => { const f = await framed(ctx, 650, 450, `preset=seed-story&embed=1&autoplay=0&detail=events&lang=${lang}`); return { t: f.frame, close: () => f.page.context().close() }; }],
    ['phone-390', async () => { const o = await open(ctx.browser, `${ctx.server.url}#preset=seed-story&autoplay=0&detail=events&lang=${lang}`, { width: 390, height: 844 }); return { t: o.page, close: () => o.context.close() }; }],
  ];
  for (const [name, make] of where) {
    const { t, close } = await make();
    await t.locator('svg.stage').click({ position: { x: 2, y: 2 } });
    const far = [];
    let worst = 0, measured = 0;
    for (let k = 0; k < 130; k++) {
      if (await t.evaluate(() => document.querySelector('.controls')?.dataset.atEnd === 'true')) break;
      await t.locator('body').press('ArrowRight');
      const m = await t.evaluate(labelToWire);
      if (!m) continue;
      measured += 1;
      worst = Math.max(worst, m.distance);
      if (m.distance > 40) far.push(`step ${k + 1} "${m.label}" ${Math.round(m.distance)} px`);
    }
    console.log(`# ${lang} ${name}: ${measured} labels on wires, the farthest ${Math.round(worst)} px from its arrow`);
    assert.ok(measured > 30, `${lang} ${name}: only ${measured} labels measured`);
    assert.deepEqual(far, [], `${lang} ${name}: labels away from their arrows`);
    await close();
  }
  }
});

/// In a frame: whether the stage scrolls inside it (a server hidden below).
const innerScroll = (frame) => frame.evaluate(() => { const b = document.querySelector('.stage-box'); return b.scrollHeight - b.clientHeight; });

test('an embed is sized once while it loads; the documented snippet fits a phone; the example page shows whole stages', async () => {
  for (const [w, lang] of [[650, 'en'], [390, 'en'], [650, 'zh'], [390, 'zh']]) {
    const page = await (await ctx.browser.newContext({ viewport: { width: w + 40, height: 900 } })).newPage();
    await page.goto(`${ctx.server.origin}/__frame?w=${w}&h=450&follow=1&hash=${encodeURIComponent(`preset=seed-story&embed=1&autoplay=0&lang=${lang}`)}`);
    const frame = page.frames().find((f) => f.url().includes('index.html'));
    await frame.waitForSelector('#app svg.stage g.host');
    await page.waitForTimeout(1500);
    const heights = await page.evaluate(() => window.heights);
    console.log(`# embed ${w} px (${lang}) with the height script: heights posted while loading ${heights.join(' -> ')}`);
    assert.ok(heights.length >= 1, `${w}: no height posted`);
    assert.ok(Math.max(...heights) - Math.min(...heights) <= 8, `${w}: the frame went ${heights.join(' -> ')}`);
    assert.ok(await innerScroll(frame) <= 1, `${w}: the stage scrolls inside the sized frame`);
    await page.context().close();
  }
  {
    const page = await (await ctx.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(`${ctx.server.origin}/__snippet`);
    await page.waitForFunction(() => document.querySelector('iframe')?.contentDocument?.querySelector('#app svg.stage g.host'), null, { timeout: 20_000 });
    const frame = page.frames().find((f) => f.url().includes('index.html'));
    const size = await page.locator('iframe').boundingBox();
    console.log(`# the documented snippet on a 390 px phone: a ${Math.round(size.width)}x${Math.round(size.height)} frame, the stage scrolls ${await innerScroll(frame)} px inside it`);
    await page.screenshot({ path: `${SHOTS}/pace-snippet-390.png` });
    assert.ok(await innerScroll(frame) <= 1, 'the snippet hides part of the stage in an inner scroller');
    await page.context().close();
  }
  {
    const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${ctx.server.url}static/embed-example.html`);
    // The frames load lazily: scroll through the post as a reader would.
    for (const y of [0, 700, 1400, 2100]) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await page.waitForTimeout(300);
    }
    await page.waitForFunction(() => [...document.querySelectorAll('iframe')].every((f) => f.contentDocument?.querySelector('#app svg.stage g.host')), null, { timeout: 20_000 });
    const frames = page.frames().filter((f) => f.url().includes('index.html'));
    assert.equal(frames.length, 2);
    for (const f of frames) await f.waitForSelector('#app svg.stage g.host');
    await page.waitForTimeout(1500);
    for (const f of frames) assert.ok(await innerScroll(f) <= 1, `${f.url()}: the stage is cut by the frame`);
    await page.screenshot({ path: `${SHOTS}/pace-example-page-1280.png`, fullPage: true });
    await context.close();
  }
});

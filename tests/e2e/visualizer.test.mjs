// End-to-end: what a new reader does, in headless Chromium against the
// release build in dist/ (built by `make test-e2e`). Screenshots go to
// target/screenshots/ for a reviewer to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './server.mjs';
import { open, withServerAndBrowser, playToEnd, offOrigin, attributeMatching } from './browser.mjs';

const SHOTS = 'target/screenshots';
const ctx = withServerAndBrowser({ before, after }, serve);



test('the seed story plays to the end: MX2 held the message, MX1 wrote one .eml with a Received header per hop', async () => {
  const { page, context, requests, errors } = await open(ctx.browser, ctx.server.url);
  assert.match(await page.locator('.explanation').textContent(), /MX2/);
  assert.match(await page.locator('.address').innerText(), /bob\s*@\s*example\.com/);

  // Midway: MX2 holds the message in its queue.
  await page.selectOption('.speed select', '4x');
  // The story holds on its key moments until the reader goes on.
  await page.waitForFunction(() => {
    document.querySelector('button.go-on')?.click();
    return /1 queued/.test(document.querySelector('g[data-host="mx2.example.com"]')?.getAttribute('aria-label') ?? '');
  }, null, { timeout: 60_000, polling: 200 });
  assert.match(await page.locator('g[data-host="mx2.example.com"]').getAttribute('aria-label'), /1 queued/);
  await page.screenshot({ path: `${SHOTS}/desktop-mx2-holds.png` });

  await playToEnd(page);
  const log = await page.locator('.log-lines').innerText();
  assert.match(log, /C: RCPT TO:<bob@example\.com>/);
  assert.match(log, /mx1\.example\.com: to=<bob@example\.com>, relay=virtual, dsn=2\.0\.0, status=sent \(delivered to maildir \/bob\/0001\.eml\)/);

  // The whole transcript on request: the detour through MX2 is in it.
  await page.getByRole('button', { name: /Show all \(\d+ earlier\)/ }).click();
  const full = await page.locator('.log-lines').innerText();
  assert.match(full, /mx2\.example\.com: queued from mail\.alice\.example, to=<bob@example\.com>/);
  assert.ok(full.split('\n').length > log.split('\n').length);

  const mailbox = page.locator('.mailboxes .mailbox', { hasText: 'mx1.example.com' });
  const files = mailbox.locator('button.file');
  assert.equal(await files.count(), 1);
  assert.match(await files.first().getAttribute('aria-label'), /\/bob\/0001\.eml, 3 Received headers/);
  assert.equal(await page.locator('.mailboxes .mailbox', { hasText: 'mx2.example.com' }).count(), 0, 'MX2 has no mailbox at all');
  await page.screenshot({ path: `${SHOTS}/desktop-end.png` });

  await files.first().click();
  const raw = await page.locator('.dialog.eml .raw').innerText();
  const received = raw.split('\n').filter((l) => l.startsWith('Received:'));
  assert.equal(received.length, 3);
  assert.match(received[0], /from mx2\.example\.com/);
  assert.match(received[1], /from mail\.alice\.example/);
  assert.match(received[2], /by mail\.alice\.example \(Postfix, from userid 1000\)/);
  await page.screenshot({ path: `${SHOTS}/desktop-eml.png` });
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.dialog.eml').count(), 0);

  assert.deepEqual(offOrigin(requests, ctx.server.origin), [], 'nothing is requested from another origin');
  assert.deepEqual(errors, []);
  await context.close();
});

test('taking MX1 down and up during a new send: MX2 queues it, MX1 delivers it after', async () => {
  const { page, context, requests, errors } = await open(ctx.browser, ctx.server.url);
  await page.selectOption('.presets select', 'myth-mx-holds-addresses');
  await playToEnd(page);
  assert.equal(await page.locator('.mailboxes button.file').count(), 1);

  // Take MX1 down with the keyboard: Tab to it, Enter opens its menu.
  const mx1 = page.locator('g[data-host="mx1.example.com"]');
  await mx1.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Take it down' }).click();
  assert.match(await attributeMatching(mx1, 'aria-label', /, down/), /^MX1 mx1\.example\.com, down/);

  await page.getByRole('button', { name: 'Send another email' }).click();
  // The place and the play state stay (paused at the end): play on.
  await page.selectOption('.speed select', '8x');
  await page.locator('button.play').click();
  await page.waitForFunction(() => {
    document.querySelector('button.go-on')?.click(); // on from each key moment
    return /1 queued/.test(document.querySelector('g[data-host="mx2.example.com"]')?.getAttribute('aria-label') ?? '');
  }, null, { timeout: 60_000, polling: 200 });
  await page.screenshot({ path: `${SHOTS}/desktop-mx1-down.png` });

  // Holding on a key moment is paused already; else pause.
  if ((await page.locator('button.play').getAttribute('aria-label')) === 'Pause') await page.locator('button.play').click();
  await mx1.click();
  await page.getByRole('button', { name: 'Bring it back up' }).click();
  assert.match(await attributeMatching(mx1, 'aria-label', /, up/), /, up/);
  await playToEnd(page);

  const files = page.locator('.mailboxes .mailbox', { hasText: 'mx1.example.com' }).locator('button.file');
  assert.equal(await files.count(), 2);
  assert.match(await files.nth(1).getAttribute('aria-label'), /0002\.eml, 3 Received headers/);
  assert.match(await page.locator('.log-lines').innerText(), /mx1\.example\.com: up/);
  assert.deepEqual(offOrigin(requests, ctx.server.origin), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('phone width, dark mode and reduced motion: the story stays legible', async () => {
  const { page, context, errors } = await open(ctx.browser, ctx.server.url, { width: 390, height: 844, colorScheme: 'dark', reducedMotion: 'reduce' });
  // Reduced motion starts paused: the reader decides when things move.
  assert.equal(await page.locator('button.play').getAttribute('aria-label'), 'Play');
  for (let i = 0; i < 8; i++) await page.getByRole('button', { name: 'Step forward one step' }).click();
  const stageBox = await page.locator('svg.stage').boundingBox();
  assert.ok(stageBox.width <= 390 && stageBox.width > 300, `stage is ${stageBox.width} wide`);
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= 390, `no sideways scroll (${scrollWidth})`);
  await page.screenshot({ path: `${SHOTS}/phone-dark-step12.png` });
  await page.screenshot({ path: `${SHOTS}/phone-dark-full.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();

  // The narrowest phones and a wide desktop: no sideways scroll, stage in view.
  for (const [width, height] of [[360, 740], [1440, 900]]) {
    const w = await open(ctx.browser, ctx.server.url, { width, height });
    const box = await w.page.locator('svg.stage').boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= width, `stage fits at ${width}px`);
    assert.ok(await w.page.evaluate(() => document.documentElement.scrollWidth) <= width, `no sideways scroll at ${width}px`);
    await w.page.screenshot({ path: `${SHOTS}/width-${width}.png` });
    await w.context.close();
  }

  const light = await open(ctx.browser, ctx.server.url, { width: 390, height: 844 });
  await light.page.selectOption('.speed select', '8x');
  await light.page.waitForFunction(() => {
    document.querySelector('button.go-on')?.click(); // on from each key moment
    return /1 queued/.test(document.querySelector('g[data-host="mx2.example.com"]')?.getAttribute('aria-label') ?? '');
  }, null, { timeout: 60_000, polling: 200 });
  await light.page.screenshot({ path: `${SHOTS}/phone-mx2-holds.png` });
  await light.context.close();
});

test('a failure shows a readable panel with a way back, never a blank page', async () => {
  // (A download that fails: tests/e2e/download.test.mjs.)
  // A crash after start: the app is replaced by the panel, the detail is text.
  const ok = await open(ctx.browser, ctx.server.url);
  await ok.page.evaluate(() => setTimeout(() => { throw new Error('<b>boom</b>'); }));
  await ok.page.waitForSelector('#fatal:not([hidden])');
  assert.equal(await ok.page.locator('#fatal-detail').innerText(), 'Uncaught Error: <b>boom</b>');
  assert.equal(await ok.page.locator('#fatal-detail b').count(), 0, 'the message is text, not markup');
  assert.equal(await ok.page.locator('#app').isVisible(), false);
  assert.match(await ok.page.locator('#fatal h1').innerText(), /Something went wrong/);
  assert.equal(await ok.page.locator('#fatal a', { hasText: 'Start again' }).getAttribute('href'), './');
  await ok.page.screenshot({ path: `${SHOTS}/desktop-fatal.png` });
  await ok.context.close();
});

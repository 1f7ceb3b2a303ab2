// End-to-end for the playground: edit the zone and the servers, write mail,
// compare two worlds, undo everything; and every invalid field says its rule
// and changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './server.mjs';
import { open, withServerAndBrowser, playToEnd, playUntil, offOrigin } from './browser.mjs';

const SHOTS = 'target/screenshots';
const ctx = withServerAndBrowser({ before, after }, serve);


async function explore(page, tab) {
  const details = page.locator('details.explore');
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  await page.getByRole('tab', { name: tab }).click();
}

// The trace's length in playback time: it changes whenever the run does.
const steps = (page) => page.locator('.scrubber input').getAttribute('max');

async function send(page, to) {
  await explore(page, 'Write');
  await page.locator('#c-to').fill(to);
  await page.getByRole('button', { name: 'Send now' }).click();
}

test('make MX2 the primary: the next message goes there', async () => {
  const { page, context, errors } = await open(ctx.browser, `${ctx.server.url}#preset=myth-mx-holds-addresses&autoplay=0`);
  // MX2 becomes a final server for example.com, then gets the best preference.
  await explore(page, 'Servers');
  await page.getByLabel('Role of mx2.example.com').selectOption('final');
  await explore(page, 'Zone');
  await page.locator('#z1-pref').fill('5');
  await page.getByRole('button', { name: 'Apply to the authority now' }).click();
  await playToEnd(page);
  const log = await page.locator('.log-lines').innerText();
  assert.match(log, /status=sent \(delivered to maildir \/bob\/0001\.eml\)/);
  const mx2 = page.locator('.mailboxes .mailbox', { hasText: 'mx2.example.com' });
  assert.equal(await mx2.locator('button.file').count(), 1, 'MX2 took the message');
  await page.screenshot({ path: `${SHOTS}/explore-mx2-primary.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test('change a record while it is cached: the old answer is used until the TTL ends', async () => {
  const { page, context, errors } = await open(ctx.browser, `${ctx.server.url}#preset=myth-mx-holds-addresses&autoplay=0`);
  await explore(page, 'Servers');
  await page.getByLabel('Role of mx2.example.com').selectOption('final');
  // Short TTLs so that the expiry comes quickly.
  await explore(page, 'Zone');
  for (let i = 0; i < 4; i++) await page.locator(`#z${i}-ttl`).fill('60');
  await page.getByRole('button', { name: 'Apply to the authority now' }).click();
  // Play until the first message is delivered, while the answers are cached.
  await page.selectOption('.speed select', '8x');
  await playUntil(page, '.mailboxes', /0001\.eml/);
  assert.match(await page.locator('.cache').innerText(), /example\.com\s+MX/);
  // MX2 first, at the authority; then a message while the old answer is cached.
  await explore(page, 'Zone');
  await page.locator('#z1-pref').fill('5');
  await page.getByRole('button', { name: 'Apply to the authority now' }).click();
  await send(page, 'bob@example.com');
  await playUntil(page, '.mailboxes', /0002\.eml/);
  const mx1 = page.locator('.mailboxes .mailbox', { hasText: 'mx1.example.com' });
  assert.equal(await mx1.locator('button.file').count(), 2, 'the cached answer still sends it to MX1');
  await playToEnd(page); // the cached answers expire
  assert.match(await page.locator('.log-lines').innerText(), /expired example\.com MX/);
  await send(page, 'bob@example.com');
  await playToEnd(page);
  const mx2 = page.locator('.mailboxes .mailbox', { hasText: 'mx2.example.com' });
  assert.equal(await mx2.locator('button.file').count(), 1, 'after expiry the new answer sends it to MX2');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a non-existent user through an open backup: backscatter; compare; undo back to the start', async () => {
  const { page, context, errors } = await open(ctx.browser, `${ctx.server.url}#preset=seed-story&autoplay=0`);
  const original = await steps(page);
  await explore(page, 'Servers');
  await page.locator('fieldset.server', { hasText: 'mx2.example.com' }).getByRole('checkbox', { name: /knows the valid recipients/ }).uncheck();
  await send(page, 'nobody@example.com');
  await playToEnd(page);
  const log = await page.locator('.log-lines').innerText();
  assert.match(log, /mx2\.example\.com: to=<nobody@example\.com>, dsn=5\.1\.1, status=bounced \(host mx1\.example\.com\[198\.51\.100\.10\] said: 550 5\.1\.1/);
  const alice = page.locator('.mailboxes .mailbox', { hasText: 'mail.alice.example' });
  await alice.locator('button.file').first().click();
  const raw = await page.locator('.dialog.eml .raw').innerText();
  assert.match(raw, /Return-Path: <>/);
  assert.match(raw, /mx1\.example\.com\[198\.51\.100\.10\] said: 550 5\.1\.1/);
  await page.getByRole('button', { name: 'Close' }).click();

  // With and without the backup, on one clock.
  await explore(page, 'Compare');
  await page.getByRole('radio', { name: /with and without a backup MX/ }).check();
  await page.waitForSelector('.compare-summary');
  const summary = await page.locator('.compare-summary').innerText();
  assert.match(summary, /with the backup MX \(mx2\.example\.com\)/);
  assert.match(summary, /bob@example\.com: delivered by mx1\.example\.com into \/bob\/ at T\+55m, after waiting at mx2\.example\.com/);
  assert.match(summary, /without a backup MX/);
  assert.equal(await page.locator('svg.stage').count(), 2);
  await page.locator('button.play').click();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${SHOTS}/explore-compare.png` });
  await page.getByRole('radio', { name: 'one world' }).check();

  // Undo every step back to the start.
  const undo = page.getByRole('button', { name: 'Undo' });
  let n = 0;
  while (await undo.isEnabled()) { await undo.click(); n += 1; }
  assert.ok(n >= 2, `undid ${n} changes`);
  assert.equal(await page.locator('.presets select').inputValue(), 'seed-story');
  assert.equal(await steps(page), original);
  assert.equal(await page.getByRole('button', { name: 'Redo' }).isEnabled(), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('invalid input in every field shows its rule and changes nothing', async () => {
  const { page, context, errors } = await open(ctx.browser, `${ctx.server.url}#preset=seed-story&autoplay=0`);
  const before = await steps(page);
  await explore(page, 'Zone');
  const apply = page.getByRole('button', { name: 'Apply to the authority now' });
  const cases = [
    ['#z0-pref', '70000', /0 to 65535/],
    ['#z0-ttl', '2147483648', /0 to 2147483647/],
    ['#z0-value', '192.0.2.1', /never an address/],
    ['#z0-value', 'bad..host', /RFC 1035/],
    ['#z0-name', '-x.example.com', /RFC 1035/],
    ['#z2-value', '999.0.0.1', /IPv4/],
    ['#soa-min', 'soon', /2147483647/],
  ];
  for (const [sel, value, rule] of cases) {
    const input = page.locator(sel);
    const old = await input.inputValue();
    await input.fill(value);
    assert.equal(await input.getAttribute('aria-invalid'), 'true', sel);
    assert.match(await page.locator(`${sel}-err`).innerText(), rule, sel);
    assert.equal(await apply.isDisabled(), true, `${sel}: an invalid value cannot be applied`);
    await input.fill(old);
  }
  // A null MX mixed with other MX records breaks RFC 7505.
  await page.getByRole('button', { name: 'Make it a null MX' }).click();
  await page.getByRole('button', { name: 'Add MX' }).click();
  assert.match(await page.locator('.zone-editor p.err').first().innerText(), /RFC 7505/);
  assert.equal(await apply.isDisabled(), true);
  await page.screenshot({ path: `${SHOTS}/explore-invalid.png` });

  await explore(page, 'Write');
  for (const [sel, value, rule] of [['#c-from', 'alice', /needs an @/], ['#c-to', `${'x'.repeat(65)}@example.com`, /64/], ['#c-subject', 'a'.repeat(999), /998/]]) {
    await page.locator(sel).fill(value);
    assert.match(await page.locator(`${sel}-err`).innerText(), rule, sel);
    assert.equal(await page.getByRole('button', { name: 'Send now' }).isDisabled(), true);
  }
  await explore(page, 'Servers');
  await page.locator('#outage-from').fill('later');
  assert.match(await page.locator('#outage-from-err').innerText(), /seconds/);
  await page.locator('#outage-from').fill('600');
  await page.locator('#outage-to').fill('300');
  assert.match(await page.locator('#outage-to-err').innerText(), /after the start/);
  assert.equal(await page.getByRole('button', { name: 'Add outage' }).isDisabled(), true);
  await page.locator('#lifetime').fill('5');
  assert.match(await page.locator('#lifetime-err').innerText(), /from 60/);
  assert.equal(await page.getByRole('button', { name: 'Apply lifetime' }).isDisabled(), true);
  await page.getByLabel('Retry policy').selectOption('custom');
  await page.locator('#r-factor').fill('0.5');
  assert.match(await page.locator('#r-err').innerText(), /growth factor must be between 1 and 100/);
  await page.locator('#r-factor').fill('1');
  await page.locator('#r-max').fill('60');
  await page.locator('#r-life').fill('31536000');
  assert.match(await page.locator('#r-err').innerText(), /more than 2000 times/);
  assert.equal(await page.getByRole('button', { name: 'Apply custom schedule' }).isDisabled(), true);

  assert.equal(await steps(page), before, 'the world is unchanged');
  assert.equal(await page.getByRole('button', { name: 'Undo' }).isDisabled(), true, 'nothing was applied');
  assert.equal(await page.locator('.presets select').inputValue(), 'seed-story');
  assert.deepEqual(errors, []);
  await context.close();
});

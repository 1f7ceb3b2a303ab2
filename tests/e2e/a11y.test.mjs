// axe-core (npm @axe-core/playwright) on the states a reader meets: the
// page with a server's menu open, an embed, a phone, dark mode and Chinese.
// Every rule of WCAG 2.1 A and AA and axe's best practices; no violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { open, withServerAndBrowser } from './browser.mjs';
import { serve } from './server.mjs';

const ctx = withServerAndBrowser({ before, after }, serve);

/// The violations axe finds in `page`, one line each.
async function violations(page, name) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const lines = result.violations.map((v) => `${name}: ${v.id} (${v.impact}, ${v.nodes.length} nodes): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  console.log(`# axe, ${name}: ${result.passes.length} rules pass, ${result.violations.length} violated`);
  return lines;
}

test('axe-core finds no violation: the menu open, an embed, a phone, dark mode, Chinese', async () => {
  const found = [];
  const cases = [
    ['page with the server menu open', '#preset=seed-story&autoplay=0', { width: 1280, height: 800 }, async (page) => {
      await page.locator('g[data-host="mx1.example.com"]').click();
      await page.locator('.dialog.menu').waitFor();
    }],
    ['embed', '#preset=seed-story&embed=1&autoplay=0', { width: 650, height: 450 }, async () => {}],
    ['phone', '#preset=seed-story&autoplay=0', { width: 390, height: 844 }, async (page) => { await page.keyboard.press('PageDown'); }],
    ['dark mode', '#preset=seed-story&autoplay=0&theme=dark', { width: 1280, height: 800, colorScheme: 'dark' }, async (page) => {
      for (let k = 0; k < 3; k++) await page.keyboard.press('PageDown');
    }],
    ['Chinese with the menu open', '#preset=seed-story&autoplay=0&lang=zh', { width: 1280, height: 800 }, async (page) => {
      await page.locator('g[data-host="mx2.example.com"]').click();
      await page.locator('.dialog.menu').waitFor();
    }],
    ['holding on a key moment', '#preset=seed-story', { width: 1280, height: 800 }, async (page) => { await page.locator('button.go-on').waitFor(); }],
  ];
  for (const [name, hash, viewport, prepare] of cases) {
    const { page, context } = await open(ctx.browser, `${ctx.server.url}${hash}`, viewport);
    await prepare(page);
    found.push(...await violations(page, name));
    await context.close();
  }
  assert.deepEqual(found, []);
});

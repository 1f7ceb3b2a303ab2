// Plays the default story at 1x for 60 s as a newcomer would (clicking
// Continue 3 s after each hold) and prints each sentence's time on screen
// beside its reading time (240 words a minute, at least 2 s).
import { serve } from '../e2e/server.mjs';
import { launch, open } from '../e2e/browser.mjs';
const server = await serve('dist'); const browser = await launch();
const { page } = await open(browser, `${server.url}#lang=en`, { width: 1280, height: 800 });
await page.evaluate(() => {
  window.seen = [];
  const el = document.querySelector('.narration .sentence');
  let last = { text: el.textContent, at: performance.now() };
  new MutationObserver(() => {
    const now = performance.now();
    if (el.textContent !== last.text) { window.seen.push({ text: last.text, ms: now - last.at }); last = { text: el.textContent, at: now }; }
  }).observe(el, { childList: true, characterData: true, subtree: true });
});
const end = Date.now() + 60_000;
while (Date.now() < end) {
  if (await page.locator('button.go-on').count()) { await page.waitForTimeout(3000); await page.locator('button.go-on').click().catch(() => {}); }
  await page.waitForTimeout(250);
}
const seen = await page.evaluate(() => window.seen);
let worst = Infinity;
for (const s of seen.slice(1)) {
  const words = s.text.split(/\s+/).filter(Boolean).length;
  const need = Math.max(2000, words * 250);
  worst = Math.min(worst, s.ms / need);
  console.log(`${(s.ms / 1000).toFixed(1).padStart(5)} s on screen, ${(need / 1000).toFixed(1).padStart(4)} s to read: ${s.text.slice(0, 90)}`);
}
console.log(`${seen.length - 1} sentences in 60 s; the shortest was on screen ${(worst * 100).toFixed(0)} % of its reading time`);
await browser.close(); await server.close();

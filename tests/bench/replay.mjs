// How long a pasted mail log takes to replay in the page, and the longest
// the page goes without painting meanwhile (the replay runs one retry
// setting at a time between frames). The logs: the seed story's three
// machines (5 KB), and the several-recipients recording repeated every ten
// minutes with fresh queue ids, to 250 KB and to the 1 MB limit.
import fs from 'node:fs';
import { serve } from '../e2e/server.mjs';
import { launch, open } from '../e2e/browser.mjs';

const read = (story) => ['sender', 'mx1', 'mx2'].map((n) => `tests/fixtures/realmta/${story}/${n}.log`)
  .filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function repeated(bytes) {
  const base = read('several-recipients').split('\n').filter(Boolean);
  const out = [];
  let size = 0;
  for (let i = 0; ; i++) {
    for (const line of base) {
      const m = line.match(/^(\w{3}) +(\d+) (\d\d):(\d\d):(\d\d)(.*)$/);
      const t = new Date(Date.UTC(2026, MONTHS.indexOf(m[1]), +m[2], +m[3], +m[4], +m[5]) + i * 600_000);
      const stamp = `${MONTHS[t.getUTCMonth()]} ${String(t.getUTCDate()).padStart(2, '0')} ${t.toISOString().slice(11, 19)}`;
      const fresh = (stamp + m[6]).replace(/\b([0-9A-F]{10,11})\b/g, (id) => id.slice(0, -3) + (i % 4096).toString(16).toUpperCase().padStart(3, '0'));
      if (size + fresh.length + 1 > bytes) return out.join('\n');
      out.push(fresh);
      size += fresh.length + 1;
    }
  }
}

const server = await serve('dist');
const browser = await launch();
for (const [name, text] of [['5 KB (seed)', read('seed')], ['250 KB', repeated(250_000)], ['1 MB', repeated(1_000_000)]]) {
  const { page, context } = await open(browser, `${server.url}#preset=seed-story&autoplay=0`);
  await page.getByRole('button', { name: 'Scenario file' }).click();
  await page.locator('#replay-text').evaluate((el, t) => { el.value = t; }, text);
  const r = await page.evaluate(async () => {
    let last = performance.now(), worst = 0, on = true;
    const tick = () => { const n = performance.now(); worst = Math.max(worst, n - last); last = n; if (on) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    const start = performance.now();
    document.querySelector('.replay button:not(.primary)').click();
    while (!document.querySelector('.replay-summary, .replay .error')) await new Promise((ok) => setTimeout(ok, 5));
    on = false;
    return { total: performance.now() - start, worst, said: document.querySelector('.replay-summary, .replay .error').textContent };
  });
  console.log(`replay ${name.padEnd(11)} ${String(text.length).padStart(8)} B: the result after ${Math.round(r.total)} ms, `
    + `never more than ${Math.round(r.worst)} ms without a frame (${r.said.replace(/ about.*/, '')})`);
  await context.close();
}
await browser.close();
await server.close();

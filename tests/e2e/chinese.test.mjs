// The page in Chinese (`#lang=zh`), as a Chinese reader sees it: full page,
// a 650 px embed and a 390 px phone, stepped through the whole seed story.
// At every step the narration is Chinese, no English sentence is left on
// the stage or in the panels (protocol text such as `250 2.0.0 Ok` and
// host names excepted), no stage text lies over another and none is under
// the stage's minimum size. Screenshots go to target/screenshots/zh-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { framed, measureStage, open, withServerAndBrowser } from './browser.mjs';
import { serve } from './server.mjs';

const SHOTS = 'target/screenshots';
const ctx = withServerAndBrowser({ before, after }, serve);

// In the page (or frame): every visible text a reader reads, except the
// technical log (a transcript of protocol lines by design), split into the
// stage's texts and the rest, plus the narration's sentence.
function readTexts() {
  const stage = [...document.querySelectorAll('svg.stage text')].map((t) => t.textContent.trim()).filter(Boolean);
  const clone = document.querySelector('.app').cloneNode(true);
  for (const el of clone.querySelectorAll('svg, .log, option, .visually-hidden, details.explore .tab-body')) el.remove();
  const page = document.querySelector('.app') ? clone.innerText ?? clone.textContent : '';
  const sentence = document.querySelector('.narration .sentence')?.textContent ?? document.querySelector('.phone-caption')?.textContent ?? '';
  return { stage, page: (clone.textContent ?? page), sentence, lang: document.documentElement.lang };
}

// Protocol text the Chinese keeps as the protocol says it: reply lines from
// their code on, commands with their arguments, header lines, record
// answers, host names and addresses.
const PROTOCOL = [
  /\b[2-5]\d\d[ -][^，。；：（）“”\n]*/g, // "250 2.0.0 Ok: queued as …", "354 End data with <CR><LF>.<CR><LF>"
  /\b(EHLO|HELO|MAIL FROM|RCPT TO|DATA|QUIT|RSET|SYN|RST)\b[^，。；（）\n]*/g,
  /\b(Subject|Received|From|To|Date|Message-ID):[^，。；（）\n]*/g,
  /\S+@\S+/g,
  /\b[\w-]+(\.[\w-]+)+\.?/g, // host names, addresses, file names
];

/// The English sentences left in `text`: three or more English words in a
/// row, once protocol text is taken out.
function englishIn(text) {
  let rest = text;
  for (const p of PROTOCOL) rest = rest.replace(p, ' ');
  return rest.match(/[A-Za-z]{2,}(?:[ ,'’-]+[A-Za-z]{2,}){2,}/g) ?? [];
}

const CJK = /[\u4e00-\u9fff]/;

// The chapters of the seed story, found by what the Chinese narration says
// (the same moments as the English screenshots of stage.test.mjs).
const CHAPTERS = [
  ['1-split', /拆成两部分/],
  ['2-mx-lookup', /查询哪些服务器接收 example\.com 的邮件/],
  ['3-a-lookup', /查出每台 MX 主机的地址/],
  ['4-timeout', /等了 30 秒仍无响应/],
  ['5-mx2-queues', /MX2 收下邮件后回复 250/],
  ['6-ttl-expiring', /TTL 到期/],
  ['7-forward', /MX2 连接 MX1/],
  ['8-eml-written', /把邮件写入 bob 的邮件目录/],
];

/// Steps through the whole seed story with →, checking every step, and
/// takes a screenshot at each chapter and at the end card.
async function stepThroughInChinese(target, shoot, name, minText) {
  // The step counter appears with the first step: "第 1 步（共 20 步）".
  await target.locator('body').press('ArrowRight');
  const total = await target.evaluate(() => Number(/共 (\d+) 步/.exec(document.querySelector('.narration .when')?.textContent ?? '')?.[1] ?? 0));
  await target.locator('body').press('ArrowLeft');
  assert.ok(total >= 15 && total <= 40, `${name}: the seed story has ${total} steps`);
  const steps = total;
  const problems = [];
  const seen = new Set();
  // Where the stage starts, at every step: it must not move as the story plays.
  const tops = new Set();
  let smallest = Infinity;
  for (let k = 1; k <= steps; k++) {
    await target.locator('body').press('ArrowRight');
    const t = await target.evaluate(readTexts);
    const m = await target.evaluate(measureStage);
    tops.add(await target.evaluate(() => Math.round(document.querySelector('#app svg.stage').getBoundingClientRect().top + window.scrollY)));
    smallest = Math.min(smallest, m.min);
    if (!CJK.test(t.sentence)) problems.push(`${name} step ${k}: narration not Chinese: ${t.sentence}`);
    for (const s of [...t.stage, t.page]) {
      for (const e of englishIn(s)) problems.push(`${name} step ${k}: English "${e}" in "${s.slice(0, 120)}"`);
    }
    for (const o of m.overlaps) problems.push(`${name} step ${k}: overlapping ${o}`);
    for (const [chapter, pattern] of CHAPTERS) {
      if (!seen.has(chapter) && pattern.test(t.sentence)) {
        seen.add(chapter);
        await shoot(`${SHOTS}/zh-${name}-${chapter}.png`);
      }
    }
  }
  assert.equal(seen.size, CHAPTERS.length, `${name}: saw ${[...seen].join(', ')}`);
  assert.equal(tops.size, 1, `${name}: the stage moved between steps (its top at ${[...tops].join(', ')} px)`);
  // Past the last step: the end card.
  await target.locator('body').press('End');
  await target.waitForFunction(() => document.querySelector('.end-card') !== null);
  await shoot(`${SHOTS}/zh-${name}-9-end-card.png`);
  const end = await target.evaluate(() => document.querySelector('.end-card')?.textContent ?? '');
  assert.ok(CJK.test(end), `${name}: end card ${end}`);
  assert.ok(smallest >= minText - 0.01, `${name}: smallest stage text ${smallest} px, want at least ${minText}`);
  console.log(`# Chinese, ${name}: ${steps} steps, smallest stage text ${smallest.toFixed(1)} px, ${problems.length} problems`);
  return problems;
}

test('the checker finds English sentences and lets protocol text through', () => {
  assert.deepEqual(englishIn('MX2（mx2.example.com）回复：250 2.0.0 Ok: queued as 4C1A2B3D'), []);
  assert.deepEqual(englishIn('发件方发送 RCPT TO:<bob@example.com>'), []);
  assert.deepEqual(englishIn('354 End data with <CR><LF>.<CR><LF>'), []);
  assert.equal(englishIn('Press Play to watch').length, 1);
  assert.equal(englishIn('队列 · try 4 in 24:59').length, 0, 'two words are not a sentence');
  assert.equal(englishIn('第 4 次重试 · waits for its next retry').length, 1);
});

test('#lang=zh: the whole seed story in Chinese on a full page, in a 650 px embed and on a 390 px phone', async () => {
  const problems = [];
  {
    const { page, context, errors } = await open(ctx.browser, `${ctx.server.url}#preset=seed-story&autoplay=0&lang=zh`, { width: 1280, height: 800 });
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    assert.match(await page.title(), /一封邮件/);
    assert.match(await page.locator('.narration h2').innerText(), /发生了什么/);
    problems.push(...await stepThroughInChinese(page, (path) => page.screenshot({ path }), 'desktop', 12));
    assert.deepEqual(errors, []);
    await context.close();
  }
  {
    const { page, frame } = await framed(ctx, 650, 450, 'preset=seed-story&embed=1&autoplay=0&lang=zh');
    await frame.locator('svg.stage').click({ position: { x: 2, y: 2 } });
    problems.push(...await stepThroughInChinese(frame, (path) => page.screenshot({ path }), 'embed-650', 12));
    await page.context().close();
  }
  {
    const { page, context } = await open(ctx.browser, `${ctx.server.url}#preset=seed-story&autoplay=0&lang=zh`, { width: 390, height: 844 });
    problems.push(...await stepThroughInChinese(page, (path) => page.screenshot({ path, fullPage: true }), 'phone-390', 11));
    await context.close();
  }
  assert.deepEqual(problems.slice(0, 40), []);
});

test('#lang=zh holds at the other widths the stage is used at: a 400 px embed and a 360 px phone', async () => {
  const problems = [];
  {
    const { page, frame } = await framed(ctx, 400, 450, 'preset=seed-story&embed=1&autoplay=0&lang=zh');
    await frame.locator('svg.stage').click({ position: { x: 2, y: 2 } });
    problems.push(...await stepThroughInChinese(frame, (path) => page.screenshot({ path }), 'embed-400', 11));
    await page.context().close();
  }
  {
    const { page, context } = await open(ctx.browser, `${ctx.server.url}#preset=seed-story&autoplay=0&lang=zh`, { width: 360, height: 740 });
    problems.push(...await stepThroughInChinese(page, (path) => page.screenshot({ path, fullPage: true }), 'phone-360', 11));
    await context.close();
  }
  assert.deepEqual(problems.slice(0, 40), []);
});

test('the language comes from the link, else the browser; the switch keeps it in the link', async () => {
  // A Chinese browser without lang= in the link reads Chinese.
  const zhContext = await ctx.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
  const zhPage = await zhContext.newPage();
  await zhPage.goto(`${ctx.server.url}#preset=seed-story&autoplay=0`);
  await zhPage.waitForSelector('#app svg.stage');
  assert.equal(await zhPage.evaluate(() => document.documentElement.lang), 'zh-CN');
  // The link wins over the browser.
  await zhPage.goto(`${ctx.server.url}#preset=null-mx&autoplay=0&lang=en`);
  await zhPage.waitForFunction(() => document.documentElement.lang === 'en'
    && document.querySelector('button.play')?.getAttribute('aria-label') === 'Play');
  await zhContext.close();

  const { page, context } = await open(ctx.browser, `${ctx.server.url}#preset=seed-story&autoplay=0`, { width: 1280, height: 800 });
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  // The Chinese module: the page loads again.
  await Promise.all([page.waitForEvent('load'), page.selectOption('select.lang', 'zh')]);
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  await page.waitForFunction(() => /lang=zh/.test(location.hash));
  assert.match(await page.locator('button.play').innerText(), /播放/);
  // What Share writes carries the language too.
  await page.getByRole('button', { name: '分享与嵌入' }).click();
  assert.match(await page.locator('#share-url').inputValue(), /lang=zh/);
  assert.match(await page.locator('#share-embed').inputValue(), /lang=zh/);
  await page.screenshot({ path: `${SHOTS}/zh-desktop-share.png` });
  await context.close();
});

test('a bad link is explained in Chinese', async () => {
  const { page, context } = await open(ctx.browser, `${ctx.server.url}#preset=nope&lang=zh`, { width: 1280, height: 800 });
  const notice = await page.locator('.notice span').first().innerText();
  assert.ok(CJK.test(notice) && /nope/.test(notice), notice);
  await context.close();
});

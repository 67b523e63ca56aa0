// Every main state (ready, running, finished) in both languages at laptop and phone widths,
// written to artifacts/ to be looked at; on the phone, progress is in the first screenful right
// after Start, in the bar that holds Start. One server and browser per language: the phone run
// redoes the job (the "redo" box) in the same page at the phone's size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSession, selectFilter, waitForFinished } from './support/session.js';
import { screenshot } from './support/browser.js';

const SIZES = [['1280', { width: 1280, height: 800 }], ['390', { width: 390, height: 844 }]];
const LOCALES = { es: 'es-ES', en: 'en-US' };

async function runStates(page, width, lang, viewport) {
  await screenshot(page, `ready-${width}-${lang}`);
  // Start from the top of the page, as someone who just picked filters on a phone would see it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('#start').evaluate((b) => b.click());
  await page.waitForFunction(() => document.getElementById('progress-state').classList.contains('running')
    && Number(document.getElementById('m-processed').textContent) >= 1, null, { timeout: 30000 });
  if (width === '390') {
    // What the thumb sees right after Start, without scrolling: the job's progress.
    const strip = page.locator('#run-progress');
    assert.equal(await strip.isVisible(), true);
    const box = await strip.boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= viewport.height, `progress in the first viewport (${JSON.stringify(box)})`);
    assert.match(await strip.textContent(), /\d+ \/ 5 · \d+\s?%/);
    await page.screenshot({ path: new URL(`./artifacts/running-viewport-${width}-${lang}.png`, import.meta.url).pathname });
  }
  await screenshot(page, `running-${width}-${lang}`);
  await waitForFinished(page);
  await page.locator('#results .thumb-button').first().waitFor({ timeout: 15000 });
  // Thumbnails load lazily: bring each into view so the capture shows them.
  for (const thumb of await page.locator('#results .thumb-button img').all()) await thumb.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => [...document.querySelectorAll('#results .thumb-button img')].every((i) => i.complete && i.naturalWidth > 0), null, { timeout: 15000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, `done-${width}-${lang}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${overflow}px wider than the screen`);
}

for (const [lang, locale] of Object.entries(LOCALES)) {
  test(`screens ${lang}, 1280 and 390`, { timeout: 120000 }, async () => {
    const s = await openSession({ images: 5, locale, viewport: SIZES[0][1], serverEnv: { LOTE_TEST_DELAY_MS: '250' } });
    try {
      const { page } = s;
      await selectFilter(page, 'grises');
      await selectFilter(page, 'marca_agua');
      await page.locator('#image-list [role="option"]').first().click();
      await page.locator('#preview-after:not([hidden])').waitFor({ timeout: 15000 }).catch(() => {});
      for (const [width, viewport] of SIZES) {
        await page.setViewportSize(viewport);
        if (width !== SIZES[0][0]) await page.locator('#force-check').check();
        await page.waitForFunction(() => !document.getElementById('start').disabled, null, { timeout: 10000 });
        await runStates(page, width, lang, viewport);
      }
      assert.deepEqual(s.browser.problems.filter((p) => !/Failed to load resource/.test(p)), []);
    } finally {
      await s.close();
    }
  });
}

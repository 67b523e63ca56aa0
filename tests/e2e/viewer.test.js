// The gallery keeps each photo's shape with its name; the viewer goes back and forth with the
// buttons and the arrow keys, shows 100 % with Z, and lays the original over the output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSession, selectFilter, waitForFinished } from './support/session.js';
import { screenshot } from './support/browser.js';

test('viewer: arrows, 100 % and before/after', { timeout: 90000 }, async () => {
  const s = await openSession({ images: 3, imageSize: { width: 1800, height: 600 } });
  try {
    const { page } = s;
    await selectFilter(page, 'sepia');
    await page.locator('#start').click();
    await waitForFinished(page);
    const thumbs = page.locator('#results .result[data-filter="sepia"] .thumb-button');
    await thumbs.nth(2).waitFor({ timeout: 15000 });
    assert.deepEqual(await thumbs.locator('.thumb-name').allTextContents(),
      ['photo-000_sepia.png', 'photo-001_sepia.png', 'photo-002_sepia.png']);
    assert.match(await page.locator('#results .result[data-filter="sepia"] .result-where').textContent(), /sepia\//);
    // A wide photo stays wide in its thumbnail (contain, not cropped to a square).
    await page.waitForFunction(() => [...document.querySelectorAll('.thumb-button img')].every((i) => i.naturalWidth > 0));
    assert.equal(await thumbs.first().locator('img').evaluate((i) => getComputedStyle(i).objectFit), 'contain');

    await thumbs.nth(1).click();
    const title = page.locator('#viewer-title');
    await page.locator('#viewer').waitFor({ state: 'visible' });
    assert.equal(await title.textContent(), 'photo-001_sepia.png');
    assert.equal(await page.locator('#viewer-position').textContent(), '2 of 3');
    await page.keyboard.press('ArrowRight');
    assert.equal(await title.textContent(), 'photo-002_sepia.png');
    assert.equal(await page.locator('#viewer-next').isDisabled(), true);
    await page.keyboard.press('ArrowRight'); // the last one stays
    assert.equal(await title.textContent(), 'photo-002_sepia.png');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await title.textContent(), 'photo-000_sepia.png');
    await page.locator('#viewer-prev').isDisabled();

    // 100 %: the image at its own size, wider than the dialog.
    await page.waitForFunction(() => document.getElementById('viewer-image').complete && document.getElementById('viewer-image').naturalWidth > 0);
    await page.keyboard.press('z');
    assert.equal(await page.locator('#viewer-zoom').getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('#viewer-image').evaluate((i) => i.getBoundingClientRect().width), 1800);
    await page.keyboard.press('z');
    assert.ok(await page.locator('#viewer-image').evaluate((i) => i.getBoundingClientRect().width) < 1800);

    // Before/after: the original shows over the left part of the output.
    assert.equal(await page.locator('#viewer-before').isHidden(), true);
    await page.locator('#viewer-split').fill('50');
    assert.equal(await page.locator('#viewer-before').isVisible(), true);
    assert.match(await page.locator('#viewer-before').evaluate((i) => i.style.clipPath), /inset\(0(px)? 50%/);
    await page.waitForFunction(() => document.getElementById('viewer-before').naturalWidth > 0, null, { timeout: 10000 });
    await screenshot(page, 'viewer-1280-en');
    await page.keyboard.press('Escape');
    await page.locator('#viewer').waitFor({ state: 'hidden' });
  } finally {
    await s.close();
  }
});

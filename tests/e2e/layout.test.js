// The page on a phone: nothing wider than the screen, Start within reach, and usable by keyboard
// with a visible focus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSession } from './support/session.js';

test('on a phone the page fits the width and Start stays in reach', { timeout: 60000 }, async () => {
  const s = await openSession({ images: 3, viewport: { width: 390, height: 844 } });
  try {
    const { page } = s;
    await page.locator('#filter-list [data-filter="grises"]').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${overflow}px wider than the screen`);
    await page.locator('#history-card').scrollIntoViewIfNeeded();
    const start = await page.getByRole('button', { name: 'Start' }).boundingBox();
    assert.ok(start && start.y + start.height <= 844 && start.y >= 0, 'Start is on screen while reading the history');
  } finally {
    await s.close('phone');
  }
});

test('keyboard: skip link first, filters toggled with Space, focus visible', { timeout: 60000 }, async () => {
  const s = await openSession({ images: 2 });
  try {
    const { page } = s;
    await page.locator('#filter-list [data-filter="grises"]').waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
    const box = page.locator('#filter-list [data-filter="sepia"] input[type="checkbox"]');
    await box.focus();
    await page.keyboard.press('Space');
    assert.equal(await box.isChecked(), true);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.equal(outline, 'solid');
    assert.equal(await page.getByRole('button', { name: 'Start' }).isEnabled(), true);
  } finally {
    await s.close('keyboard');
  }
});

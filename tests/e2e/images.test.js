// A folder of 10,000 images: the list shows them all through a virtualised view (only the rows
// in sight exist), scrolls to the end, and the keyboard moves the selection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openSession } from './support/session.js';
import { samplePng } from './support/images.js';

const COUNT = 10000;

test('10,000 images stay a short DOM and are reachable by keyboard', { timeout: 180000 }, async () => {
  const tiny = samplePng(3, 16, 12);
  const s = await openSession({
    images: 0,
    prepare: (f) => {
      for (let i = 0; i < COUNT; i++) fs.writeFileSync(path.join(f.input, `img-${String(i).padStart(5, '0')}.png`), tiny);
    },
  });
  try {
    const { page } = s;
    await page.locator('#images-count', { hasText: '10,000' }).waitFor({ timeout: 60000 });
    const rows = page.locator('#image-list .image-row');
    await rows.first().waitFor();
    assert.ok(await rows.count() < 60, `${await rows.count()} rows in the DOM`);

    await page.locator('#image-list').focus();
    await page.keyboard.press('End');
    const last = page.locator('#image-list .image-row[aria-selected="true"]');
    await last.waitFor({ timeout: 20000 });
    assert.equal(await last.getAttribute('data-index'), String(COUNT - 1));
    await page.keyboard.press('ArrowUp');
    await page.locator(`#image-list .image-row[aria-selected="true"][data-index="${COUNT - 2}"]`).waitFor();
    assert.ok(await rows.count() < 60);

    // Scrolling through the middle renders within a frame or two.
    const ms = await page.evaluate(async () => {
      const list = document.getElementById('image-list');
      const start = performance.now();
      for (let i = 0; i < 20; i++) {
        list.scrollTop = (list.scrollHeight * i) / 20;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      }
      return (performance.now() - start) / 20;
    });
    assert.ok(ms < 100, `${ms} ms per scroll step`);
  } finally {
    await s.close('images-10000');
  }
});

// The before/after preview follows the parameters: moving a slider asks the server again and the
// "after" image changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSession, selectFilter } from './support/session.js';

test('the preview changes when a slider moves', { timeout: 60000 }, async () => {
  const s = await openSession({ images: 2 });
  try {
    const { page } = s;
    const bodies = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/preview')) bodies.push(JSON.parse(r.postData()));
    });
    await page.locator('#image-list .image-row').first().click();
    await selectFilter(page, 'brillo');
    const after = page.locator('#preview-after');
    await page.locator('#preview-after-frame[data-renders="1"]').waitFor({ timeout: 15000 });
    await after.waitFor({ state: 'visible' });
    const firstSrc = await after.getAttribute('src');
    const firstPixels = await meanOf(page);
    await page.locator('#preview-before').waitFor({ state: 'visible' });

    const slider = page.locator('#filter-list [data-filter="brillo"] input[type="range"]');
    await slider.focus();
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowLeft'); // 1.5 -> 0.7, darker
    await page.waitForFunction((src) => {
      const img = document.getElementById('preview-after');
      return img.src !== src && img.complete && img.naturalWidth > 0;
    }, firstSrc, { timeout: 15000 });
    const secondPixels = await meanOf(page);
    assert.ok(secondPixels < firstPixels - 10, `darker after lowering brightness (${firstPixels} -> ${secondPixels})`);
    const last = bodies[bodies.length - 1];
    assert.deepEqual(last.filters, ['brillo']);
    assert.equal(last.parameters.brillo.factor, 0.7);
    // Debounced: eight key presses did not send eight requests.
    assert.ok(bodies.length < 8, `${bodies.length} preview requests`);
  } finally {
    await s.close('preview');
  }
});

// The mean brightness of the "after" image, read back through a canvas.
function meanOf(page) {
  return page.evaluate(() => {
    const img = document.getElementById('preview-after');
    const c = document.createElement('canvas');
    c.width = 64;
    c.height = 48;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0, 64, 48);
    const data = ctx.getImageData(0, 0, 64, 48).data;
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) sum += (data[i] + data[i + 1] + data[i + 2]) / 3;
    return sum / (data.length / 4);
  });
}

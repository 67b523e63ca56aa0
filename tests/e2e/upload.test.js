// Adding an image with the file picker uploads it and it appears in the list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSession } from './support/session.js';
import { samplePng } from './support/images.js';

test('an image added with the file picker is uploaded and listed', { timeout: 60000 }, async () => {
  const s = await openSession({ images: 2 });
  try {
    const { page } = s;
    await page.locator('#image-list .image-row').first().waitFor();
    assert.equal(await page.locator('#image-list .image-row').count(), 2);
    await page.locator('#file-input').setInputFiles({ name: 'new-shot.png', mimeType: 'image/png', buffer: samplePng(7) });
    const row = page.locator('#image-list .image-row[data-name="new-shot.png"]');
    await row.waitFor({ timeout: 15000 });
    assert.equal(await page.locator('#image-list .image-row').count(), 3);
    assert.match(await page.locator('#upload-status').textContent(), /new-shot\.png/);
    assert.equal(await page.locator('#images-count').textContent(), '3 images');
    // The uploaded image becomes the preview's image.
    assert.equal(await row.getAttribute('aria-selected'), 'true');
  } finally {
    await s.close('upload');
  }
});

test('a file that is not an image is refused with a reason', { timeout: 60000 }, async () => {
  const s = await openSession({ images: 1 });
  try {
    const { page } = s;
    const answer = page.waitForResponse((r) => r.url().includes('/api/uploads'));
    await page.locator('#file-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    // The request itself succeeds; the file inside it is refused.
    assert.equal((await answer).status(), 200);
    await page.locator('#upload-status.error').waitFor({ timeout: 15000 });
    assert.match(await page.locator('#upload-status').textContent(), /notes\.txt/);
  } finally {
    await s.close('upload-refused');
  }
});

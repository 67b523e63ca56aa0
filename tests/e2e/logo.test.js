// A logo is chosen among the input folder's PNG/WebP files or uploaded from the computer, and its
// placement shows in the live preview before any job runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSession, selectFilter } from './support/session.js';
import { encodePng } from './support/images.js';
import { screenshot } from './support/browser.js';

const redSquare = () => encodePng(64, 64, () => [230, 20, 20]);

test('logo: pick from the input folder, upload one, placement in the preview', { timeout: 90000 }, async () => {
  const s = await openSession({ images: 2, imageSize: { width: 400, height: 300 }, prepare: (f) => fs.writeFileSync(path.join(f.input, 'marca.png'), redSquare()) });
  const upload = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lote-logo-')), 'nuevo-logo.png');
  fs.writeFileSync(upload, encodePng(48, 48, () => [20, 20, 230]));
  try {
    const { page } = s;
    const bodies = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/preview')) bodies.push(JSON.parse(r.postData()));
    });
    await page.locator('#image-list .image-row', { hasText: 'photo-000.png' }).click();
    await selectFilter(page, 'logo');
    const step = page.locator('#filter-list [data-filter="logo"]');
    const file = step.locator('select[data-param="archivo"]');
    await page.waitForFunction(() => [...document.querySelectorAll('#filter-list [data-filter="logo"] select[data-param="archivo"] option')].some((o) => o.value === 'marca.png'));
    assert.equal(await page.locator('#start').isDisabled(), true, 'no logo chosen yet');
    await file.selectOption('marca.png');
    await page.waitForFunction(() => !document.getElementById('start').disabled);

    // The preview follows the logo and its corner.
    await page.waitForFunction(() => document.getElementById('preview-after-frame').dataset.renders >= 1, null, { timeout: 15000 });
    const renders = Number(await page.locator('#preview-after-frame').getAttribute('data-renders'));
    const corner = step.locator('select[data-param="posicion"]');
    assert.equal(await corner.locator('option[value="arriba-izquierda"]').textContent(), 'Top left', 'placements in words');
    await corner.selectOption('arriba-izquierda');
    await page.waitForFunction((n) => Number(document.getElementById('preview-after-frame').dataset.renders) > n, renders, { timeout: 15000 });
    const last = bodies[bodies.length - 1];
    assert.equal(last.parameters.logo.archivo, 'marca.png');
    assert.equal(last.parameters.logo.posicion, 'arriba-izquierda', 'the placement is sent to the preview');
    await screenshot(page, 'logo-1280-en');

    // Uploading a logo from the computer puts it in the input folder and selects it.
    await step.locator('input[type="file"]').setInputFiles(upload);
    await page.waitForFunction(() => document.querySelector('#filter-list [data-filter="logo"] select[data-param="archivo"]').value === 'nuevo-logo.png', null, { timeout: 15000 });
    assert.ok(fs.existsSync(path.join(s.folders.input, 'nuevo-logo.png')));
  } finally {
    fs.rmSync(path.dirname(upload), { recursive: true, force: true });
    await s.close();
  }
});

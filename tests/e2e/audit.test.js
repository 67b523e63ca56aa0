// The folder's pre-flight look in the page: counts and sizes of the chosen folder, each file
// that will be left out with its reason, duplicates, and a refreshed look for another folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openSession } from './support/session.js';
import { samplePng, writeTruncatedPng } from './support/images.js';

test('audit: the chosen folder is described before Start', { timeout: 120000 }, async () => {
  const s = await openSession({
    images: 3,
    prepare: (folders) => {
      writeTruncatedPng(folders.input, 'rota.png');
      fs.writeFileSync(path.join(folders.input, 'copia-a.png'), samplePng(9));
      fs.writeFileSync(path.join(folders.input, 'copia-b.png'), samplePng(9));
      fs.mkdirSync(path.join(folders.input, 'otra'));
      fs.writeFileSync(path.join(folders.input, 'otra', 'sola.png'), samplePng(5, 640, 480));
    },
  });
  try {
    const { page } = s;
    const summary = page.locator('#audit-summary');
    await summary.filter({ hasText: /^Photos: 5/ }).waitFor({ timeout: 30000 });
    assert.match(await summary.textContent(), /PNG 5/);
    const refused = page.locator('#audit-details .audit-refused');
    assert.equal(await refused.count(), 1);
    assert.match(await refused.textContent(), /rota\.png will be left out: .+/);
    const duplicates = page.locator('#audit-details .audit-duplicate');
    assert.equal(await duplicates.count(), 1);
    assert.match(await duplicates.textContent(), /copia-a\.png, copia-b\.png/);

    // Another folder: another look.
    await page.locator('#folder-select').selectOption('otra');
    await summary.filter({ hasText: /^Photos: 1 · PNG 1 · from 640×480 to 640×480 px/ }).waitFor({ timeout: 30000 });
    assert.equal(await page.locator('#audit-details li').count(), 0);

    // The same in Spanish.
    await page.locator('#lang-select').selectOption('es');
    await summary.filter({ hasText: /^Fotos: 1/ }).waitFor({ timeout: 10000 });

    // A folder out of the input is refused by the server (a hand-made request).
    const out = await page.request.get(new URL('/api/audit?entrada=../', s.server.url).href);
    assert.equal(out.status(), 403);
    assert.ok((await out.json()).error);
    await s.close();
  } catch (error) {
    await s.close('audit-failure');
    throw error;
  }
});

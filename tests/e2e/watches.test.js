// Drop folders in the page: add one (folder + preset + output sub-folder), see a photo copied into
// it processed and the batch in the panel and the history (with its report links), pause it,
// resume it, remove it; a refused request says why in the panel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openSession } from './support/session.js';
import { samplePng } from './support/images.js';
import { screenshot } from './support/browser.js';

const watchState = (page, name) => page.locator(`#watch-list [data-watch="${name}"] .watch-state`);

test('watches: add, a photo dropped in becomes a job, pause, resume, remove', { timeout: 180000 }, async () => {
  const s = await openSession({
    images: 0,
    prepare: (folders) => fs.mkdirSync(path.join(folders.input, 'entrega')),
  });
  try {
    const { page } = s;
    await page.waitForFunction(() => [...document.querySelectorAll('#watch-folder option')].some((o) => o.value === 'entrega'));
    await page.waitForFunction(() => [...document.querySelectorAll('#watch-preset option')].some((o) => o.value === 'thumbnails'));
    assert.equal(await page.locator('#watch-empty').isVisible(), true);

    // A name the server would refuse is caught in the page, in words.
    await page.locator('#watch-name').fill('.oculta');
    await page.locator('#watch-add').click();
    await page.waitForFunction(() => /name/.test(document.getElementById('watch-status').textContent));

    await page.locator('#watch-name').fill('clientes');
    await page.locator('#watch-folder').selectOption('entrega');
    await page.locator('#watch-preset').selectOption('thumbnails');
    await page.locator('#watch-output').fill('miniaturas');
    await page.locator('#watch-add').click();
    await watchState(page, 'clientes').filter({ hasText: 'Watching' }).waitFor({ timeout: 15000 });
    await screenshot(page, 'watches-1280-en');
    const listed = await (await page.request.get(new URL('/api/watches/clientes', s.server.url).href)).json();
    assert.equal(listed.entrada, 'entrega');
    assert.equal(listed.preset, 'thumbnails');
    assert.equal(listed.salida, 'miniaturas');

    // A photo copied in is processed and its batch shows in the panel and in the history.
    fs.writeFileSync(path.join(s.folders.input, 'entrega', 'boda-001.png'), samplePng(3));
    const item = page.locator('#watch-list [data-watch="clientes"]');
    await item.locator('.watch-last').filter({ hasText: /1 \/ 1/ }).waitFor({ timeout: 60000 });
    const outputs = fs.readdirSync(path.join(s.folders.output, 'miniaturas', 'entrega'), { recursive: true });
    assert.ok(outputs.some((f) => String(f).includes('boda-001')), `outputs: ${outputs.join(', ')}`);
    await page.locator('#history-refresh').click();
    const row = page.locator('#history tbody tr').filter({ hasText: 'drop folder “clientes”' }).first();
    await row.waitFor({ timeout: 15000 });
    const csv = await row.locator('a.report-link[data-format="csv"]').getAttribute('href');
    const report = await page.request.get(new URL(csv, s.server.url).href);
    assert.equal(report.status(), 200);
    assert.match(await report.text(), /boda-001/);

    // Paused: a new photo waits; resumed: it is done.
    await item.getByRole('button', { name: /^Pause/ }).click();
    await watchState(page, 'clientes').filter({ hasText: 'Paused' }).waitFor({ timeout: 15000 });
    fs.writeFileSync(path.join(s.folders.input, 'entrega', 'boda-002.png'), samplePng(4));
    await page.waitForTimeout(3500);
    const before = fs.readdirSync(path.join(s.folders.output, 'miniaturas', 'entrega'), { recursive: true });
    assert.ok(!before.some((f) => String(f).includes('boda-002')), 'nothing done while paused');
    await item.getByRole('button', { name: /^Resume/ }).click();
    await watchState(page, 'clientes').filter({ hasText: 'Watching' }).waitFor({ timeout: 15000 });
    const deadline = Date.now() + 60000;
    let done = false;
    while (!done && Date.now() < deadline) {
      done = fs.readdirSync(path.join(s.folders.output, 'miniaturas', 'entrega'), { recursive: true })
        .some((f) => String(f).includes('boda-002'));
      if (!done) await page.waitForTimeout(300);
    }
    assert.ok(done, 'the photo that waited is processed after resuming');

    // Removed: gone from the panel and the server.
    await item.getByRole('button', { name: /^Stop watching/ }).click();
    await page.locator('#watch-empty').waitFor({ state: 'visible', timeout: 15000 });
    const after = await (await page.request.get(new URL('/api/watches', s.server.url).href)).json();
    assert.deepEqual(after.watches, []);
    await s.close();
  } catch (error) {
    await s.close('watches-failure');
    throw error;
  }
});

test('watches: a folder out of the input is refused with the reason, in Spanish too', { timeout: 120000 }, async () => {
  const s = await openSession({
    images: 0,
    locale: 'es-ES',
    prepare: (folders) => fs.mkdirSync(path.join(folders.input, 'viva')),
  });
  try {
    const { page } = s;
    await page.waitForFunction(() => document.querySelectorAll('#watch-preset option').length > 0);
    // The page offers only the server's folders; a hand-made request is what a stranger could send.
    await page.evaluate(() => {
      const o = new Option('../fuera', '../fuera');
      document.getElementById('watch-folder').append(o);
      document.getElementById('watch-folder').value = '../fuera';
    });
    await page.locator('#watch-name').fill('fuera');
    await page.locator('#watch-add').click();
    await page.waitForFunction(() => /No se pudo vigilar/.test(document.getElementById('watch-status').textContent));
    assert.equal(await page.locator('#watch-status.error').count(), 1);
    await screenshot(page, 'watches-refused-1280-es');
    const after = await (await page.request.get(new URL('/api/watches', s.server.url).href)).json();
    assert.deepEqual(after.watches, []);

    // A watched folder that goes away is said in Spanish, by the name the user chose.
    await page.waitForFunction(() => [...document.querySelectorAll('#watch-folder option')].some((o) => o.value === 'viva'));
    await page.locator('#watch-name').fill('viva');
    await page.locator('#watch-folder').selectOption('viva');
    await page.locator('#watch-add').click();
    await watchState(page, 'viva').filter({ hasText: 'Vigilando' }).waitFor({ timeout: 15000 });
    fs.rmSync(path.join(s.folders.input, 'viva'), { recursive: true });
    const why = page.locator('#watch-list [data-watch="viva"] .watch-message');
    await why.waitFor({ timeout: 30000 });
    assert.equal(await why.textContent(), 'La carpeta «viva» ya no está. Vuelve a ponerla y la vigilancia sigue (o pulsa Reanudar).');
    await screenshot(page, 'watches-gone-1280-es');
    // Put back, it is watched again without a click.
    fs.mkdirSync(path.join(s.folders.input, 'viva'));
    await watchState(page, 'viva').filter({ hasText: 'Vigilando' }).waitFor({ timeout: 30000 });
    assert.equal(await why.count(), 0);
    await s.close();
  } catch (error) {
    await s.close('watches-refused-failure');
    throw error;
  }
});

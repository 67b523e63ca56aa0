// The preset flow: apply a built-in preset to the editor, save the current settings as a preset,
// export it as JSON, delete it, import it back from the file; a refused file says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSession, selectFilter } from './support/session.js';
import { screenshot } from './support/browser.js';

test('presets: apply, save, export, delete, import', { timeout: 120000 }, async () => {
  const s = await openSession({ images: 2 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lote-preset-'));
  try {
    const { page } = s;
    const status = page.locator('#preset-status');
    await page.waitForFunction(() => [...document.querySelectorAll('#preset-select option')].some((o) => o.value === 'web'));

    // A built-in preset fills the editor.
    await page.locator('#preset-select').selectOption('web');
    await page.locator('#preset-apply').click();
    await page.waitForFunction(() => /applied/.test(document.getElementById('preset-status').textContent));
    const web = await (await page.request.get(new URL('/api/presets/web', s.server.url).href)).json();
    assert.equal(await page.locator('#format-select').inputValue(), web.formato);
    assert.equal(await page.locator('#quality-range').inputValue(), String(web.calidad));
    assert.equal(await page.locator('#metadata-select').inputValue(), web.metadatos);
    for (const id of web.filtros ?? []) {
      assert.equal(await page.locator(`#filter-list [data-filter="${id}"] > label.check input`).isChecked(), true, id);
    }
    assert.equal(await page.locator('#chain-steps > li').count(), (web.cadenas?.[0]?.pasos ?? []).length);
    assert.equal(await page.locator('#preset-delete').isDisabled(), true, 'a built-in cannot be deleted');

    // The current settings, changed, saved under a new name.
    await page.locator('#filters-none').click();
    await selectFilter(page, 'sepia');
    await page.locator('#format-select').selectOption('png');
    await page.locator('#name-template').fill('{n:000}-{name}');
    await page.locator('#metadata-select').selectOption('none');
    await page.locator('#artist-input').fill('Ana Pérez');
    await page.locator('#preset-name').fill('mi-receta');
    await page.locator('#preset-save').click();
    await page.waitForFunction(() => /saved/.test(document.getElementById('preset-status').textContent));
    const saved = await (await page.request.get(new URL('/api/presets/mi-receta', s.server.url).href)).json();
    assert.deepEqual(saved.filtros, ['sepia']);
    assert.equal(saved.formato, 'png');
    assert.equal(saved.plantilla, '{n:000}-{name}');
    assert.equal(saved.metadatos, 'none');
    assert.equal(saved.artista, 'Ana Pérez');
    assert.equal(await page.locator('#preset-select').inputValue(), 'mi-receta');

    // Export downloads the document.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#preset-export').click()]);
    assert.equal(download.suggestedFilename(), 'mi-receta.json');
    const file = path.join(dir, 'mi-receta.json');
    await download.saveAs(file);
    assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), saved);

    // Delete, then import the file back: saved again and applied.
    await page.locator('#preset-delete').click();
    await page.waitForFunction(() => ![...document.querySelectorAll('#preset-select option')].some((o) => o.value === 'mi-receta'));
    await page.locator('#filters-none').click();
    await page.locator('#preset-name').fill('');
    await page.locator('#preset-import').setInputFiles(file);
    await page.waitForFunction(() => /applied/.test(document.getElementById('preset-status').textContent), null, { timeout: 10000 });
    assert.equal(await page.locator('#filter-list [data-filter="sepia"] > label.check input').isChecked(), true);
    assert.equal(await page.locator('#name-template').inputValue(), '{n:000}-{name}');

    // A job started now carries the preset's name and the settings shown.
    await page.locator('#start').click();
    await page.waitForFunction(() => document.querySelector('#history tbody tr'), null, { timeout: 15000 });
    const procesar = s.sent.filter((m) => m.tipo === 'procesar').pop();
    assert.equal(procesar.preset, 'mi-receta');
    assert.equal(procesar.plantilla, '{n:000}-{name}');
    assert.equal(procesar.artista, 'Ana Pérez');
    await page.locator('#history tbody tr .history-detail', { hasText: 'mi-receta' }).waitFor({ timeout: 20000 });

    // A file the server refuses says which key is wrong.
    const bad = path.join(dir, 'mala.json');
    fs.writeFileSync(bad, JSON.stringify({ version: 1, calidad: 400 }));
    await page.locator('#preset-import').setInputFiles(bad);
    await page.waitForFunction(() => document.getElementById('preset-status').classList.contains('error'), null, { timeout: 10000 });
    assert.match(await status.textContent(), /calidad/);
    await screenshot(page, 'presets-1280-en');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await s.close();
  }
});

test('presets: a built-in preset is described in the page language, a saved one as written', { timeout: 120000 }, async () => {
  const s = await openSession({ images: 0, locale: 'es-ES' });
  try {
    const { page } = s;
    const description = page.locator('#preset-description');
    await page.waitForFunction(() => [...document.querySelectorAll('#preset-select option')].some((o) => o.value === 'social'));
    for (const name of ['web', 'thumbnails', 'archive', 'social']) {
      await page.locator('#preset-select').selectOption(name);
      const said = await description.textContent();
      const server = await (await page.request.get(new URL('/api/presets', s.server.url).href)).json();
      const own = server.presets.find((p) => p.name === name).description;
      assert.ok(said.length > 0, name);
      assert.notEqual(said, own, `${name} is shown in Spanish, not as the server's English text`);
    }
    await page.locator('#preset-select').selectOption('web');
    assert.match(await description.textContent(), /Para la web/);
    await screenshot(page, 'presets-1280-es');
    await page.locator('#lang-select').selectOption('en');
    await page.waitForFunction(() => /For the web/.test(document.getElementById('preset-description').textContent));

    // A saved preset keeps the words its author gave it, whatever the page's language.
    const put = await page.request.put(new URL('/api/presets/boda', s.server.url).href, {
      headers: { 'Content-Type': 'application/json' },
      data: { version: 1, descripcion: 'Entrega de boda, 2048 px', filtros: ['grises'] },
    });
    assert.equal(put.status(), 200);
    await page.reload();
    await page.waitForFunction(() => [...document.querySelectorAll('#preset-select option')].some((o) => o.value === 'boda'));
    await page.locator('#preset-select').selectOption('boda');
    assert.equal(await description.textContent(), 'Entrega de boda, 2048 px');
    await s.close();
  } catch (error) {
    await s.close('presets-language-failure');
    throw error;
  }
});

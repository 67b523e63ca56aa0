// A refused request is told in the page's language: the server sends a stable code with its
// params, and the page turns it into its own sentence, in Spanish and in English alike: on the
// WebSocket (an output sub-folder that climbs out) and over HTTP (a preset that does not exist).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { lastMessage, openSession, selectFilter } from './support/session.js';

const LANGUAGES = [
  {
    locale: 'es-ES',
    folder: /Subcarpeta de salida no válida: "\.\.\/fuera" \(cada parte debe ser un nombre normal: sin «\.\.» y sin punto delante\)/,
    preset: 'No hay ningún preset llamado «no-existe».',
    other: /Invalid|must be/,
  },
  {
    locale: 'en-US',
    folder: /Invalid output sub-folder: "\.\.\/fuera" \(each part must be a plain name: no “\.\.” and no leading dot\)/,
    preset: 'There is no preset called “no-existe”.',
    other: /inválida|no válida|debe ser/,
  },
];

for (const lang of LANGUAGES) {
  test(`a refused request in the page's words (${lang.locale})`, { timeout: 90000 }, async () => {
    const s = await openSession({ images: 2, locale: lang.locale });
    try {
      const { page } = s;
      await selectFilter(page, 'grises');
      await page.locator('#output-folder').fill('../fuera');
      await page.locator('#start').click();
      await page.waitForFunction(() => document.getElementById('run-hint').textContent.trim() !== '', null, { timeout: 10000 });
      await page.waitForFunction((source) => new RegExp(source).test(document.getElementById('run-hint').textContent), lang.folder.source, { timeout: 10000 });
      const hint = await page.locator('#run-hint').textContent();
      assert.doesNotMatch(hint, lang.other, 'only the page language');
      assert.match(await page.locator('#log').textContent(), lang.folder);
      // What the page translated is the code the server sent beside its own Spanish text.
      const refusal = lastMessage(s.messages, 'error');
      assert.equal(refusal.codigo, 'invalid_output_folder');
      assert.deepEqual(refusal.parametros, { folder: '../fuera', reason: 'dot' });
      assert.equal(fs.existsSync(path.join(s.folders.output, '..', 'fuera')), false);

      // Over HTTP: the page's own request helpers and words, on a preset that is not there.
      const said = await page.evaluate(async () => {
        const { getJson } = await import('/js/api.js');
        const { errorText } = await import('/js/errors.js');
        try {
          await getJson('/api/presets/no-existe');
          return 'no refusal';
        } catch (error) {
          return { text: errorText(error), code: error.code, status: error.status };
        }
      });
      assert.deepEqual(said, { text: lang.preset, code: 'preset_not_found', status: 404 });
    } finally {
      await s.close();
    }
  });
}

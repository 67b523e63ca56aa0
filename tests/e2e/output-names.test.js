// The page does what the command line does with where files go: an output sub-folder, a name
// template, web-safe names; the results say where the files went, and the files are there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openSession, selectFilter, waitForFinished } from './support/session.js';

test('output sub-folder and name template', { timeout: 90000 }, async () => {
  const s = await openSession({ images: 3 });
  try {
    const { page } = s;
    await selectFilter(page, 'grises');
    await page.locator('#output-folder').fill('clientes/boda-ana');
    await page.locator('#name-template').fill('{n:000}-{name}');
    await page.locator('#recursive-check').check();
    await page.locator('#start').click();
    await waitForFinished(page);
    const procesar = s.sent.find((m) => m.tipo === 'procesar');
    assert.equal(procesar.salida, 'clientes/boda-ana');
    assert.equal(procesar.plantilla, '{n:000}-{name}');
    assert.equal(procesar.recursivo, true);
    await page.locator('#results .result[data-filter="grises"] .result-where').waitFor({ timeout: 15000 });
    assert.match(await page.locator('#results .result[data-filter="grises"] .result-where').textContent(), /clientes\/boda-ana\/grises\//);
    for (const [i, name] of s.names.entries()) {
      const file = path.join(s.folders.output, 'clientes/boda-ana/grises', `${String(i + 1).padStart(3, '0')}-${name}`);
      assert.ok(fs.existsSync(file), `${file} written`);
    }

    // A sub-folder that climbs out is refused before anything starts, and Start is usable again.
    await page.locator('#output-folder').fill('../fuera');
    await page.locator('#force-check').check();
    await page.locator('#start').click();
    // The server's refusal in the page's language (English here), naming the value.
    await page.waitForFunction(() => /Invalid output sub-folder: "\.\.\/fuera"/.test(document.getElementById('run-hint').textContent), null, { timeout: 10000 });
    assert.doesNotMatch(await page.locator('#run-hint').textContent(), /inválida|Carpeta/);
    assert.match(await page.locator('#log').textContent(), /Invalid output sub-folder/);
    assert.equal(fs.existsSync(path.join(s.folders.output, '..', 'fuera')), false);
    await page.waitForFunction(() => !document.getElementById('start').disabled);
  } finally {
    await s.close();
  }
});

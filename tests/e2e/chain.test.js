// The chain builder: add, reorder and remove steps with buttons, run the chain, get one output
// per image with every step applied in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSession, lastMessage, waitForFinished } from './support/session.js';

test('a chain built with the buttons runs as one output per image', { timeout: 120000 }, async () => {
  const s = await openSession({ images: 3 });
  try {
    const { page } = s;
    const add = async (id) => {
      await page.getByLabel('Operation for the new step').selectOption(id);
      await page.getByRole('button', { name: 'Add step' }).click();
    };
    await add('sepia');
    await add('redimensionar');
    await add('invertir');
    const steps = page.locator('#chain-steps > li');
    assert.deepEqual(await steps.evaluateAll((li) => li.map((x) => x.dataset.filter)), ['sepia', 'redimensionar', 'invertir']);

    await page.getByRole('button', { name: 'Move up — Step 2: Resize' }).click();
    await page.getByRole('button', { name: 'Remove — Step 3: Invert colours' }).click();
    assert.deepEqual(await steps.evaluateAll((li) => li.map((x) => x.dataset.filter)), ['redimensionar', 'sepia']);
    await steps.first().locator('input[type="number"][data-param="porcentaje"]').fill('25');
    await page.getByLabel('Chain name').fill('small-sepia');

    await page.getByRole('button', { name: 'Start' }).click();
    await waitForFinished(page);
    const procesar = s.sent.find((m) => m.tipo === 'procesar');
    assert.deepEqual(procesar.filtros, []);
    assert.deepEqual(procesar.cadenas, [{
      nombre: 'small-sepia',
      pasos: [{ filtro: 'redimensionar', parametros: { porcentaje: 25 } }, { filtro: 'sepia' }],
    }]);
    const finalizado = lastMessage(s.messages, 'finalizado');
    assert.equal(finalizado.datos.resultados.length, 1);
    assert.equal(finalizado.datos.resultados[0].exitosas, 3);
    const thumbs = page.locator('#results .result[data-filter="small-sepia"] .thumb-button');
    await thumbs.first().waitFor({ timeout: 15000 });
    await thumbs.first().click();
    await page.waitForFunction(() => document.getElementById('viewer-image').naturalWidth > 0, null, { timeout: 15000 });
    assert.equal(await page.locator('#viewer-image').evaluate((img) => img.naturalWidth), 80);
  } finally {
    await s.close('chain');
  }
});

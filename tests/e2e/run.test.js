// Pick filters and a parameter, run, watch the bar reach 100%, compare the page's numbers with
// the server's `finalizado`, open a result, see the failure of a broken input with its reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSession, lastMessage, selectFilter, waitForFinished } from './support/session.js';
import { writeTruncatedPng } from './support/images.js';
import { screenshot } from './support/browser.js';

test('a job runs to 100% and the page shows the server\'s counts', { timeout: 120000 }, async () => {
  const s = await openSession({ images: 5, prepare: (f) => writeTruncatedPng(f.input) });
  try {
    const { page } = s;
    await selectFilter(page, 'grises');
    await selectFilter(page, 'blur');
    const radius = page.locator('#filter-list [data-filter="blur"] input[type="number"][data-param="radio"]');
    await radius.fill('2');
    await page.getByRole('button', { name: 'Start' }).click();

    await page.locator('#progressbar[aria-valuenow="100"]').waitFor({ timeout: 60000 });
    await waitForFinished(page);
    assert.equal(await page.locator('#progress-percent').textContent(), '100%');

    const procesar = s.sent.find((m) => m.tipo === 'procesar');
    assert.deepEqual(procesar.filtros, ['grises', 'blur']);
    assert.equal(procesar.parametros.blur.radio, 2);

    const finalizado = lastMessage(s.messages, 'finalizado');
    assert.ok(finalizado, 'the server sent finalizado');
    assert.equal(finalizado.datos.resultados.length, 2);
    for (const r of finalizado.datos.resultados) {
      const block = page.locator(`#results .result[data-filter="${r.filtro}"]`);
      await block.waitFor();
      assert.equal(await block.locator('dd[data-stat="ok"]').textContent(), String(r.exitosas));
      assert.equal(await block.locator('dd[data-stat="failed"]').textContent(), String(r.fallidas));
      assert.equal(r.exitosas + r.fallidas, 6);
    }
    // Shown by label, never by raw id.
    assert.equal(await page.locator('#results .result[data-filter="grises"] h3').textContent(), 'Grayscale');

    // The broken input is listed with the server's reason.
    const failures = page.locator('#failure-list li');
    await failures.first().waitFor();
    assert.match(await failures.first().textContent(), /broken\.png/);

    // A thumbnail opens the full-size output in a dialog.
    const thumbs = page.locator('#results .result[data-filter="grises"] .thumb-button');
    await thumbs.first().waitFor({ timeout: 15000 });
    assert.equal(await thumbs.count(), 5);
    await thumbs.first().click();
    const viewer = page.locator('#viewer');
    await viewer.waitFor({ state: 'visible' });
    await page.waitForFunction(() => {
      const img = document.getElementById('viewer-image');
      return img.complete && img.naturalWidth > 0;
    }, null, { timeout: 15000 });
    assert.equal(await page.locator('#viewer-image').evaluate((img) => img.naturalWidth), 320);
    await screenshot(page, 'run-viewer');
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'hidden' });

    // The zip link points at the job.
    const href = await page.locator('#zip-all').getAttribute('href');
    assert.equal(href, `/api/jobs/${finalizado.datos.trabajo}/zip`);
    const zip = await page.request.get(new URL(href, s.server.url).href);
    assert.equal(zip.status(), 200);
    assert.equal((await zip.body()).subarray(0, 2).toString(), 'PK');

    // The history lists the job, and "Run again" starts a new job with the same settings.
    const row = page.locator(`#history tr[data-job="${finalizado.datos.trabajo}"]`);
    await row.waitFor();
    await row.getByRole('button', { name: /^Run again/ }).click();
    await page.waitForFunction((first) => {
      const rows = [...document.querySelectorAll('#history tbody tr')];
      return rows.length >= 2 && rows[0].dataset.job !== first;
    }, finalizado.datos.trabajo, { timeout: 60000 });
    await page.locator('#progressbar[aria-valuenow="100"]').waitFor({ timeout: 60000 });
    assert.deepEqual(s.browser.problems.filter((p) => !/Failed to load resource/.test(p)), []);
  } finally {
    await s.close('run');
  }
});

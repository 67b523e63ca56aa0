// Cancel mid-run: the server stops the batch, the page shows it cancelled with partial counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSession, lastMessage, waitForFinished } from './support/session.js';

test('cancel stops a running job', { timeout: 180000 }, async () => {
  const s = await openSession({ images: 60, imageSize: { width: 1200, height: 900 } });
  try {
    const { page } = s;
    await page.locator('#filter-list [data-filter="grises"]').waitFor(); // "All" needs the list
    await page.getByRole('button', { name: 'All', exact: true }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    await page.waitForFunction(() => Number(document.getElementById('m-processed').textContent) > 0, null, { timeout: 60000 });
    const cancel = page.getByRole('button', { name: 'Cancel', exact: true });
    assert.equal(await cancel.isEnabled(), true);
    await cancel.click();
    await waitForFinished(page, 60000);
    assert.equal(await page.locator('#progress-state').textContent(), 'Cancelled');
    const cancelado = lastMessage(s.messages, 'cancelado');
    assert.ok(cancelado, 'the server sent cancelado');
    const finalizado = lastMessage(s.messages, 'finalizado');
    assert.equal(finalizado.datos.cancelado, true);
    const done = finalizado.datos.resultados.reduce((n, r) => n + r.exitosas, 0);
    assert.ok(done < 60 * 12, `only part was done (${done})`);
    assert.ok(Number(await page.locator('#progressbar').getAttribute('aria-valuenow')) < 100);
  } finally {
    await s.close('cancel');
  }
});

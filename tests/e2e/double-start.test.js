// Start cannot queue duplicates: a double click plus a click make one job; while it runs Start is
// disabled and says why, and a second job is the deliberate "Queue another job".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSession, selectFilter, waitForFinished } from './support/session.js';
import { screenshot } from './support/browser.js';

test('a double click and a click on Start make one job; another is queued deliberately', { timeout: 120000 }, async () => {
  const s = await openSession({ images: 10, serverEnv: { LOTE_TEST_DELAY_MS: '800' } });
  try {
    const { page } = s;
    await selectFilter(page, 'grises');
    const start = page.locator('#start');
    await start.dblclick();
    await start.click({ force: true }).catch(() => {}); // a third impatient click
    await page.locator('#progress-state.running').waitFor({ timeout: 15000 });
    await new Promise((r) => setTimeout(r, 500)); // any extra request would have been answered by now
    assert.equal(s.sent.filter((m) => m.tipo === 'procesar').length, 1,
      `one procesar sent: ${JSON.stringify(s.sent.map((m) => m.tipo))} / ${JSON.stringify(s.messages.filter((m) => m.tipo !== 'progreso').map((m) => [m.tipo, m.trabajo ?? m.datos?.trabajo]))}`);
    assert.equal(s.messages.filter((m) => m.tipo === 'aceptado').length, 1, 'one job accepted');
    assert.equal(await start.isDisabled(), true);
    assert.match(await page.locator('#run-hint').textContent(), /Your job is running/);
    await screenshot(page, 'double-start-running-1280-en');

    const queue = page.getByRole('button', { name: 'Queue another job' });
    assert.equal(await queue.isVisible(), true);
    await new Promise((r) => setTimeout(r, 1000)); // it takes clicks once it has settled
    await queue.click();
    await page.waitForFunction(() => document.querySelectorAll('#history tbody tr').length >= 2, null, { timeout: 15000 });
    assert.equal(s.sent.filter((m) => m.tipo === 'procesar').length, 2, 'the deliberate second job');
    const accepted = s.messages.filter((m) => m.tipo === 'aceptado');
    assert.equal(accepted.length, 2);
    assert.equal(accepted[1].en_cola, true, 'the second job waits in the queue');

    // Both jobs end; Start is usable again and the queue button goes away.
    await page.waitForFunction((id) => {
      const row = document.querySelector(`#history tr[data-job="${id}"] .badge`);
      return row && /done/.test(row.className);
    }, accepted[1].trabajo, { timeout: 60000 });
    await waitForFinished(page);
    await page.waitForFunction(() => !document.getElementById('start').disabled, null, { timeout: 10000 });
    assert.equal(await queue.isVisible(), false);
    assert.deepEqual(s.browser.problems.filter((p) => !/Failed to load resource/.test(p)), []);
  } finally {
    await s.close();
  }
});

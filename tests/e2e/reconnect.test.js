// The server stops in the middle of a job and comes back on the same port: the page reconnects
// by itself and shows the job's final state from the server's job store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSession, lastMessage, selectFilter } from './support/session.js';
import { startServer } from './support/server.js';

const STATE_LABELS = { done: 'Done', cancelled: 'Cancelled', failed: 'Failed', interrupted: 'Interrupted' };

test('the page reconnects after a server restart and shows the job\'s final state', { timeout: 180000 }, async () => {
  const s = await openSession({ images: 40, imageSize: { width: 1200, height: 900 } });
  let second = null;
  try {
    const { page } = s;
    await selectFilter(page, 'blur');
    await selectFilter(page, 'sepia');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.waitForFunction(() => Number(document.getElementById('m-processed').textContent) > 0, null, { timeout: 60000 });
    const job = lastMessage(s.messages, 'inicio_procesamiento').datos.trabajo;
    assert.ok(job, 'inicio_procesamiento names the job');

    await s.server.stop();
    await page.locator('#connection.pill-disconnected').waitFor({ timeout: 15000 });
    assert.equal(await page.getByRole('button', { name: 'Start' }).isDisabled(), true);

    second = await startServer({ input: s.folders.input, output: s.folders.output, port: s.server.port });
    await page.locator('#connection.pill-connected').waitFor({ timeout: 30000 });

    // Whatever the server did with the job after the restart (resumed it or marked it
    // interrupted), the page ends up showing the state its store reports.
    await page.locator('#progress-state:not(.running)').waitFor({ timeout: 120000 });
    const summary = await finalState(new URL(`/api/jobs/${job}`, second.url).href, page);
    await page.locator(`#history tr[data-job="${job}"]`).waitFor({ timeout: 15000 });
    assert.equal(await page.locator('#progress-state').textContent(), STATE_LABELS[summary.state]);
    assert.match(await page.locator(`#history tr[data-job="${job}"]`).textContent(), new RegExp(STATE_LABELS[summary.state]));
  } finally {
    // The restarted server may still be writing outputs: stop it before the folders go.
    await second?.stop();
    await s.close('reconnect');
  }
});

// Polls GET /api/jobs/{id} until the job is in a final state.
async function finalState(url, page) {
  for (let i = 0; i < 240; i++) {
    const answer = await page.request.get(url);
    assert.equal(answer.status(), 200, `GET ${url} answered ${answer.status()}`);
    const summary = await answer.json();
    if (!['running', 'queued'].includes(summary.state)) return summary;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`job still running: ${url}`);
}

// Another person's job does not take over my page: each page follows the job it started; the
// other's shows in the history and in the "other jobs running" indicator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSession, openSecondPage, selectFilter, startJob, waitForFinished } from './support/session.js';
import { screenshot } from './support/browser.js';

test('two pages each follow their own job', { timeout: 150000 }, async () => {
  // Slow enough that the other page's estado poll (every 3 s) sees the job running at least twice.
  const s = await openSession({ images: 6, serverEnv: { LOTE_TEST_DELAY_MS: '1500' } });
  const other = await openSecondPage(s.server, { locale: 'es-ES' });
  try {
    const mine = s.page;
    await selectFilter(mine, 'grises');
    const myJob = await startJob(mine, s.messages);
    await mine.locator('#progress-state.running').waitFor({ timeout: 15000 });

    // The other page sees someone's job running, but its panels stay its own (idle).
    await other.page.locator('#other-jobs:not([hidden])').waitFor({ timeout: 10000 });
    assert.match(await other.page.locator('#other-jobs').textContent(), /Otros trabajos en marcha: 1/);
    assert.equal(await other.page.locator('#progress-state').textContent(), '');
    assert.equal(await other.page.locator('#start').isDisabled(), true, 'nothing selected yet');
    await other.page.locator(`#history tr[data-job="${myJob}"]`).waitFor({ timeout: 10000 });
    await screenshot(other.page, 'two-clients-other-1280-es');

    // The other person starts their own job; it waits behind mine, and my page keeps mine.
    await selectFilter(other.page, 'sepia');
    const theirJob = await startJob(other.page, other.messages);
    assert.notEqual(theirJob, myJob);
    await waitForFinished(mine);
    assert.match(await mine.locator('#progress-caption').textContent(), /Grayscale/);
    assert.doesNotMatch(await mine.locator('#progress-caption').textContent(), /Sepia/);
    const results = mine.locator('#results .result');
    await results.first().waitFor();
    assert.deepEqual(await results.evaluateAll((els) => els.map((e) => e.dataset.filter)), ['grises']);

    // Their page follows their job to its end, and shows its results, not mine.
    await waitForFinished(other.page, 60000);
    await other.page.locator('#results .result[data-filter="sepia"]').waitFor({ timeout: 15000 });
    assert.equal(await other.page.locator('#results .result[data-filter="grises"]').count(), 0);
    assert.match(await other.page.locator('#progress-caption').textContent(), /Sepia/);
    // Meanwhile my page showed theirs only as "other jobs", and my results stayed mine.
    assert.deepEqual(await results.evaluateAll((els) => els.map((e) => e.dataset.filter)), ['grises']);
    await mine.locator(`#history tr[data-job="${theirJob}"]`).waitFor({ timeout: 15000 });
  } finally {
    await other.close();
    await s.close();
  }
});

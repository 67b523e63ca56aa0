// A re-run with nothing to redo looks finished, not broken: up-to-date outputs count as done in
// the progress, the history and the log; the gallery shows them and the zip holds them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSession, lastMessage, selectFilter, waitForFinished } from './support/session.js';
import { screenshot } from './support/browser.js';
import { zipEntryNames } from './support/zip.js';

test('an up-to-date re-run shows every image done, in the gallery and in the zip', { timeout: 120000 }, async () => {
  const s = await openSession({ images: 4 });
  try {
    const { page } = s;
    await selectFilter(page, 'grises');
    await selectFilter(page, 'sepia');
    await page.getByRole('button', { name: 'Start' }).click();
    await waitForFinished(page);
    const first = lastMessage(s.messages, 'finalizado').datos.trabajo;
    await page.waitForFunction(() => !document.getElementById('start').disabled, null, { timeout: 10000 });

    // The same job again: every output is up to date.
    await page.getByRole('button', { name: 'Start' }).click();
    await page.waitForFunction((id) => {
      const f = [...document.querySelectorAll('#history tbody tr')][0];
      return f && f.dataset.job !== id && /done/.test(f.querySelector('.badge')?.className ?? '');
    }, first, { timeout: 60000 });
    const second = lastMessage(s.messages, 'finalizado').datos;
    assert.notEqual(second.trabajo, first);
    assert.equal(second.omitidas, 4, 'the server skipped all four images');

    await waitForFinished(page);
    assert.equal(await page.locator('#m-processed').textContent(), '4');
    assert.equal(await page.locator('#m-total').textContent(), '4');
    assert.equal(await page.locator('#progress-percent').textContent(), '100%');
    const row = page.locator(`#history tr[data-job="${second.trabajo}"]`);
    await row.waitFor();
    assert.match(await row.textContent(), /4 \/ 4/);

    // The gallery shows the four outputs of each filter.
    for (const filter of ['grises', 'sepia']) {
      const thumbs = page.locator(`#results .result[data-filter="${filter}"] .thumb-button`);
      await thumbs.nth(3).waitFor({ timeout: 15000 });
      assert.equal(await thumbs.count(), 4);
      assert.equal(await page.locator(`#results .result[data-filter="${filter}"] dd[data-stat="ok"]`).textContent(), '4');
      assert.equal(await page.locator(`#results .result[data-filter="${filter}"] dd[data-stat="skipped"]`).textContent(), '4');
    }

    // The log has no blank lines and says there was nothing to redo.
    const lines = await page.locator('#log li').evaluateAll((els) => els.map((li) => li.textContent.replace(/^\d\d:\d\d:\d\d/, '').trim()));
    assert.ok(lines.every((l) => l.length > 0), `no blank log line: ${JSON.stringify(lines)}`);
    assert.ok(lines.some((l) => /already up to date/.test(l)), 'the log says the outputs were up to date');

    // The zip holds the eight outputs, by their paths under the output root.
    const href = await page.locator('#zip-all').getAttribute('href');
    const zip = await page.request.get(new URL(href, s.server.url).href);
    assert.equal(zip.status(), 200);
    const names = zipEntryNames(await zip.body());
    const expected = s.names.flatMap((n) => ['grises', 'sepia'].map((f) => `${f}/${n.replace('.png', `_${f}.png`)}`)).sort();
    assert.deepEqual(names, expected);
    await screenshot(page, 'up-to-date-1280-en');
  } finally {
    await s.close();
  }
});

// Cancel is its own state, in the page's language: an image a cancel stops half-way is counted as
// cancelled (not failed, no red line, no English server words on the Spanish page), and the
// summary counts images.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSession, lastMessage, waitForFinished, selectFilter } from './support/session.js';
import { screenshot } from './support/browser.js';

const WORDS = {
  es: { locale: 'es-ES', state: 'Cancelado', stopped: /photo-000\.png.*cancelada/, summary: /cancelado: \d+ de 6 imágenes hechas, 1 detenidas a medias/ },
  en: { locale: 'en-US', state: 'Cancelled', stopped: /photo-000\.png.*cancelled/, summary: /cancelled: \d+ of 6 images done, 1 stopped half-way/ },
};

for (const [lang, w] of Object.entries(WORDS)) {
  test(`cancel in ${lang}: the image in progress is cancelled, not failed`, { timeout: 120000 }, async () => {
    // photo-000 hangs in its worker until the cancel's grace runs out and the worker is stopped.
    const s = await openSession({ images: 6, locale: w.locale, serverEnv: { LOTE_TEST_FAULT: 'hang:photo-000.png' } });
    try {
      const { page } = s;
      await selectFilter(page, 'grises');
      await page.locator('#start').click();
      await page.waitForFunction(() => Number(document.getElementById('m-processed').textContent) >= 2, null, { timeout: 60000 });
      await page.locator('#cancel').click();
      await waitForFinished(page, 60000);
      assert.equal(await page.locator('#progress-state').textContent(), w.state);

      const finalizado = lastMessage(s.messages, 'finalizado').datos;
      assert.equal(finalizado.cancelado, true);
      assert.equal(finalizado.canceladas, 1, 'the server counts the stopped image as cancelled');
      assert.deepEqual(finalizado.fallos, [], 'and not as a failure');
      assert.equal(await page.locator('#m-failed').textContent(), '0');
      assert.equal(await page.locator('#failures').isHidden(), true);

      const log = await page.locator('#log').textContent();
      assert.match(log, w.stopped);
      assert.match(log, w.summary);
      assert.doesNotMatch(log, /cancelled while processing/);
      assert.equal(await page.locator('#log li.error').count(), 0, 'no red lines');
      const row = page.locator(`#history tr[data-job="${finalizado.trabajo}"]`);
      await row.waitFor();
      assert.match(await row.textContent(), new RegExp(w.state));
      await screenshot(page, `cancelled-1280-${lang}`);
    } finally {
      await s.close();
    }
  });
}

// A server with a token: the page opened from the printed link keeps the token for the session;
// when the server comes back with another token, the page asks for it, refuses a wrong one and
// reconnects with the right one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSession } from './support/session.js';
import { startServer } from './support/server.js';

test('the page asks for a token when the server answers 401', { timeout: 90000 }, async () => {
  const s = await openSession({ images: 1, serverArgs: ['--token', 'first-token'], query: '?token=first-token' });
  let second = null;
  try {
    const { page } = s;
    assert.equal(new URL(page.url()).search, '', 'the token left the address bar');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('lote.token')), 'first-token');
    await page.locator('#filter-list [data-filter="grises"]').waitFor();

    await s.server.stop();
    second = await startServer({
      input: s.folders.input, output: s.folders.output, port: s.server.port, args: ['--token', 'second-token'],
    });
    const dialog = page.locator('#token-dialog');
    await dialog.waitFor({ state: 'visible', timeout: 30000 });
    await page.getByLabel('Token', { exact: true }).fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#token-error', { hasText: 'not valid' }).waitFor();
    await page.getByLabel('Token', { exact: true }).fill('second-token');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('#connection.pill-connected').waitFor({ timeout: 15000 });
    assert.equal(await page.evaluate(() => sessionStorage.getItem('lote.token')), 'second-token');
  } finally {
    await s.close('token');
    await second?.stop();
  }
});

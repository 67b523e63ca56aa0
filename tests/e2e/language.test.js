// The page follows the browser's language, can be switched, remembers the choice, and shows the
// registry's labels (never raw ids) in the chosen language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSession } from './support/session.js';

test('Spanish by default for a Spanish browser, English on demand, remembered', { timeout: 60000 }, async () => {
  const s = await openSession({ images: 1, locale: 'es-ES' });
  try {
    const { page } = s;
    assert.equal(await page.locator('#filters-title').textContent(), 'Filtros');
    const grises = page.locator('#filter-list [data-filter="grises"] .name');
    await grises.waitFor();
    assert.equal(await grises.textContent(), 'Escala de grises');
    assert.equal(await page.getByRole('button', { name: 'Iniciar' }).count(), 1);
    assert.equal(await page.locator('html').getAttribute('lang'), 'es');

    await page.getByLabel('Idioma').selectOption('en');
    assert.equal(await page.locator('#filters-title').textContent(), 'Filters');
    assert.equal(await grises.textContent(), 'Grayscale');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.locator('#filter-list [data-filter="blur"] input[type="checkbox"]').check();
    assert.equal(await page.locator('#filter-list [data-filter="blur"] label[for]').first().textContent(), 'Radius');

    await page.reload();
    await page.locator('#connection.pill-connected').waitFor();
    assert.equal(await page.locator('#filters-title').textContent(), 'Filters');
    assert.equal(await page.locator('#lang-select').inputValue(), 'en');
  } finally {
    await s.close('language');
  }
});

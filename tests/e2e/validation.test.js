// Mistakes are caught at the field before Start: a fit step with no size, an opacity out of range
// (kept as typed and flagged, never clamped), an empty watermark text; Start waits until fixed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSession, selectFilter } from './support/session.js';
import { screenshot } from './support/browser.js';

test('invalid values are shown at their field and keep Start disabled until fixed', { timeout: 90000 }, async () => {
  const s = await openSession({ images: 2, locale: 'es-ES' });
  try {
    const { page } = s;
    const start = page.locator('#start');
    const hint = page.locator('#run-hint');

    // Fit with no size.
    await selectFilter(page, 'ajustar');
    const fit = page.locator('#filter-list [data-filter="ajustar"]');
    await fit.locator('.field-error').first().waitFor();
    assert.match(await fit.locator('.field-error').first().textContent(), /ancho o el alto/);
    assert.equal(await start.isDisabled(), true);
    assert.match(await hint.textContent(), /Corrige/);
    await fit.locator('input[type="number"][data-param="ancho"]').fill('800');
    await page.waitForFunction(() => !document.getElementById('start').disabled);
    assert.equal(await fit.locator('.field-error').count(), 0);

    // Watermark opacity out of range: flagged, not clamped.
    await selectFilter(page, 'marca_agua');
    const mark = page.locator('#filter-list [data-filter="marca_agua"]');
    const opacity = mark.locator('input[type="number"][data-param="opacidad"]');
    await opacity.fill('1.7');
    await opacity.blur();
    assert.equal(await opacity.inputValue(), '1.7', 'the typed value stays');
    assert.equal(await opacity.getAttribute('aria-invalid'), 'true');
    const describedBy = await opacity.getAttribute('aria-describedby');
    assert.match(await page.locator(`#${describedBy}`).textContent(), /entre 0 y 1/);
    assert.equal(await start.isDisabled(), true);
    await screenshot(page, 'validation-1280-es');
    await opacity.fill('0.5');
    await page.waitForFunction(() => !document.getElementById('start').disabled);

    // Empty watermark text.
    const text = mark.locator('input[type="text"][data-param="texto"]');
    await text.fill('   ');
    assert.equal(await text.getAttribute('aria-invalid'), 'true');
    assert.equal(await start.isDisabled(), true);
    await text.fill('© Estudio');
    await page.waitForFunction(() => !document.getElementById('start').disabled);

    // The colour: picked from the swatch, it is written as #RRGGBB; typed, the swatch follows.
    const swatch = mark.locator('input[type="color"][data-swatch="color"]');
    const colour = mark.locator('input[type="text"][data-param="color"]');
    assert.equal(await swatch.getAttribute('aria-label'), 'Elegir el color de «Color»');
    assert.equal(await swatch.inputValue(), (await colour.inputValue()).toLowerCase());
    await swatch.evaluate((el) => { el.value = '#ff8000'; el.dispatchEvent(new Event('input', { bubbles: true })); });
    assert.equal(await colour.inputValue(), '#FF8000');
    await colour.fill('#0c0');
    assert.equal(await swatch.inputValue(), '#00cc00');

    // The request carries the fixed values.
    await start.click();
    await page.waitForFunction(() => document.querySelector('#history tbody tr'), null, { timeout: 15000 });
    const procesar = s.sent.find((m) => m.tipo === 'procesar');
    assert.equal(procesar.parametros.ajustar.ancho, 800);
    assert.equal(procesar.parametros.marca_agua.opacidad, 0.5);
    assert.equal(procesar.parametros.marca_agua.texto, '© Estudio');
    assert.equal(procesar.parametros.marca_agua.color, '#0c0');
  } finally {
    await s.close();
  }
});

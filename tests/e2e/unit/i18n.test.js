// Both languages of the page have the same keys with the same placeholders, and every key the page
// uses (data-i18n attributes in index.html, t('…') calls in web/js) exists in both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ES } from '../../../web/js/strings-es.js';
import { EN } from '../../../web/js/strings-en.js';

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web');

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('Spanish and English have exactly the same keys', () => {
  const es = Object.keys(ES).sort();
  const en = Object.keys(EN).sort();
  assert.deepEqual(es.filter((k) => !(k in EN)), [], 'keys only in Spanish');
  assert.deepEqual(en.filter((k) => !(k in ES)), [], 'keys only in English');
  assert.ok(es.length > 100, `a real table (${es.length} keys)`);
});

test('every text is non-empty and both languages fill the same placeholders', () => {
  for (const key of Object.keys(ES)) {
    assert.equal(typeof ES[key], 'string', key);
    assert.ok(ES[key].trim() && EN[key]?.trim(), `${key} has words in both languages`);
    assert.deepEqual(placeholders(ES[key]), placeholders(EN[key] ?? ''), `${key}: placeholders differ`);
  }
});

test('every key the page uses is in both languages', () => {
  const used = new Set();
  const html = fs.readFileSync(path.join(WEB, 'index.html'), 'utf8');
  for (const m of html.matchAll(/data-i18n(?:-[a-z-]+)?="([^"]+)"/g)) used.add(m[1]);
  const scripts = fs.readdirSync(path.join(WEB, 'js')).filter((f) => f.endsWith('.js'));
  for (const file of scripts) {
    const text = fs.readFileSync(path.join(WEB, 'js', file), 'utf8');
    for (const m of text.matchAll(/\bt\('([a-zA-Z0-9_.]+)'/g)) used.add(m[1]);
  }
  assert.ok(used.size > 50, `found the page's keys (${used.size})`);
  const missing = [...used].filter((k) => !(k in ES) || !(k in EN));
  assert.deepEqual(missing, []);
});

test('every error code the server sends has words in both languages', () => {
  // The codes as the server declares them (src/util/error_codes.hpp; docs/api.md lists each one).
  const header = fs.readFileSync(path.join(WEB, '../src/util/error_codes.hpp'), 'utf8');
  const codes = [...header.matchAll(/std::string_view ([a-z0-9_]+) =\s*"([a-z0-9_]+)"/g)].map((m) => m[2]);
  assert.ok(codes.length > 60, `found the server's codes (${codes.length})`);
  const missing = codes.filter((code) => !(`server.${code}` in ES) || !(`server.${code}` in EN));
  assert.deepEqual(missing, [], 'codes the page would show in the server\'s Spanish only');
  // And nothing the page translates that the server never sends.
  const stale = Object.keys(EN)
    .filter((k) => /^server\.[a-z0-9_]+$/.test(k) && k.includes('_'))
    .map((k) => k.slice('server.'.length))
    .filter((code) => !codes.includes(code));
  assert.deepEqual(stale, []);
});

test('a count of one takes the singular where a language has one', async () => {
  const { translate } = await import('../../../web/js/i18n.js');
  assert.equal(translate('es', 'filters.selected', { n: 1 }), '1 seleccionado');
  assert.equal(translate('es', 'filters.selected', { n: 2 }), '2 seleccionados');
  assert.equal(translate('es', 'filters.selected', { n: 0 }), '0 seleccionados');
  assert.equal(translate('en', 'images.uploading', { n: 1 }), 'Uploading 1 file…');
  assert.equal(translate('en', 'images.uploading', { n: 3 }), 'Uploading 3 files…');
  assert.equal(translate('es', 'progress.skipped', { n: 1 }), '1 ya estaba al día');
  // A key without a singular keeps its one text; every singular has its plural beside it.
  assert.equal(translate('es', 'chain.step', { n: 1 }), 'Paso 1');
  for (const table of [ES, EN]) {
    for (const key of Object.keys(table).filter((k) => k.endsWith('.one'))) {
      assert.ok(key.slice(0, -4) in table, `${key} has its plural`);
      assert.deepEqual(placeholders(table[key]), placeholders(table[key.slice(0, -4)]), key);
    }
  }
});

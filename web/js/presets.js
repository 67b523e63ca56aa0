// Presets (saved recipes): apply one to the editor, save the current settings as one, delete a
// saved one, export one as a JSON file and import one from a file. A preset's keys are
// `procesar`'s (docs/api.md), so the editor's request is the preset, minus what belongs to one run.
import { hasText, t } from './i18n.js';
import { getJson, request } from './api.js';
import { errorText } from './errors.js';
import { loadIntoEditor } from './settings-form.js';

const PRESET_KEYS = ['descripcion', 'filtros', 'parametros', 'cadenas', 'formato', 'calidad', 'recursivo',
  'metadatos', 'sin_ubicacion', 'artista', 'copyright', 'a_srgb', 'plantilla', 'slug', 'conflictos'];
const NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}$/;

// A built-in preset is described in the page's language; a saved one by what its author wrote.
function describe(preset) {
  if (!preset) return '';
  const key = `presets.about.${preset.name}`;
  return preset.builtin && hasText(key) ? t(key) : preset.description ?? '';
}

export class PresetsPanel {
  constructor(app) {
    this.app = app;
    const { $ } = app;
    this.select = $('preset-select');
    this.status = $('preset-status');
    this.description = $('preset-description');
    this.name = $('preset-name');
    this.list = [];
    this.applied = ''; // the preset the editor was loaded from, sent as `preset` while unchanged
    $('preset-apply').addEventListener('click', () => this.apply(this.select.value));
    $('preset-save').addEventListener('click', () => this.save());
    $('preset-delete').addEventListener('click', () => this.remove(this.select.value));
    $('preset-export').addEventListener('click', () => this.exportFile(this.select.value));
    $('preset-import').addEventListener('change', (e) => this.importFile(e.target));
    this.select.addEventListener('change', () => this.showDescription());
  }

  async load(keep = this.select.value) {
    try {
      const answer = await getJson('/api/presets');
      this.list = answer.presets ?? [];
    } catch (error) {
      this.say(errorText(error), true);
      return;
    }
    this.select.replaceChildren(...this.list.map((p) => {
      const o = new Option(p.builtin ? `${p.name} (${t('presets.builtin')})` : p.name, p.name);
      o.dataset.builtin = String(Boolean(p.builtin));
      return o;
    }));
    if (this.list.some((p) => p.name === keep)) this.select.value = keep;
    this.showDescription();
  }

  showDescription() {
    const p = this.list.find((x) => x.name === this.select.value);
    this.description.textContent = describe(p);
    this.app.$('preset-delete').disabled = !p || p.builtin;
  }

  say(text, bad = false) {
    this.status.textContent = text;
    this.status.classList.toggle('error', bad);
  }

  async apply(name) {
    if (!name) return;
    try {
      const preset = await getJson(`/api/presets/${encodeURIComponent(name)}`);
      await loadIntoEditor(this.app, preset);
      this.applied = name;
      this.say(t('presets.applied', { name }));
    } catch (error) {
      this.say(errorText(error), true);
    }
  }

  // The editor's settings as a preset document.
  current() {
    const message = this.app.run.request();
    const preset = { version: 1 };
    for (const key of PRESET_KEYS) if (key in message) preset[key] = message[key];
    return preset;
  }

  async save() {
    const name = this.name.value.trim();
    if (!NAME.test(name)) return this.say(t('presets.badName'), true);
    await this.put(name, this.current());
  }

  async put(name, preset) {
    try {
      await request(`/api/presets/${encodeURIComponent(name)}`, {
        method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(preset),
      });
      this.say(t('presets.saved', { name }));
      await this.load(name);
      return true;
    } catch (error) {
      this.say(t('presets.refused', { name, error: errorText(error) }), true);
      return false;
    }
  }

  async remove(name) {
    if (!name) return;
    try {
      await request(`/api/presets/${encodeURIComponent(name)}`, { method: 'DELETE' });
      if (this.applied === name) this.applied = '';
      this.say(t('presets.deleted', { name }));
      await this.load();
    } catch (error) {
      this.say(errorText(error), true);
    }
  }

  async exportFile(name) {
    if (!name) return;
    try {
      const preset = await getJson(`/api/presets/${encodeURIComponent(name)}`);
      const url = URL.createObjectURL(new Blob([`${JSON.stringify(preset, null, 2)}\n`], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `${name}.json`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      this.say(errorText(error), true);
    }
  }

  // A file becomes a saved preset named after it (the server checks every key), then applied.
  async importFile(input) {
    const [file] = input.files;
    input.value = '';
    if (!file) return;
    let preset;
    try {
      preset = JSON.parse(await file.text());
    } catch {
      return this.say(t('presets.notJson', { name: file.name }), true);
    }
    const name = (this.name.value.trim() || file.name.replace(/\.json$/i, '')).replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^\.+/, '');
    if (!NAME.test(name)) return this.say(t('presets.badName'), true);
    if (await this.put(name, preset)) await this.apply(name);
  }
}

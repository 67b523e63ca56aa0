// Drop folders (the server's watches, /api/watches): a folder of the input, a preset and an
// output sub-folder; every photo that lands there is processed as a job of the history. The
// panel lists each with its state and last batch, adds one, pauses, resumes and removes it.
import { formatDate, formatNumber, t } from './i18n.js';
import { getJson, request } from './api.js';
import { codeText, errorText } from './errors.js';

const NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}$/;
const REFRESH_MS = 5000;

export class WatchesPanel {
  constructor(app) {
    this.app = app;
    const { $ } = app;
    this.list = $('watch-list');
    this.empty = $('watch-empty');
    this.status = $('watch-status');
    this.name = $('watch-name');
    this.folder = $('watch-folder');
    this.preset = $('watch-preset');
    this.output = $('watch-output');
    this.watches = [];
    this.timer = 0;
    $('watch-add').addEventListener('click', () => this.add());
  }

  // Fills the folder and preset choices, then the list; keeps it fresh while the page is open.
  async load() {
    await Promise.all([this.loadChoices(), this.refresh()]);
    clearInterval(this.timer);
    this.timer = setInterval(() => { if (!document.hidden) this.refresh(); }, REFRESH_MS);
  }

  async loadChoices() {
    try {
      const [folders, presets] = await Promise.all([getJson('/api/folders'), getJson('/api/presets')]);
      const keepFolder = this.folder.value;
      this.folder.replaceChildren(...(folders.folders ?? ['']).map((f) => new Option(f || t('images.rootFolder'), f)));
      if ([...this.folder.options].some((o) => o.value === keepFolder)) this.folder.value = keepFolder;
      const keepPreset = this.preset.value;
      this.preset.replaceChildren(...(presets.presets ?? []).map((p) => new Option(p.name, p.name)));
      if ([...this.preset.options].some((o) => o.value === keepPreset)) this.preset.value = keepPreset;
    } catch (error) {
      this.say(errorText(error), true);
    }
  }

  async refresh() {
    try {
      const answer = await getJson('/api/watches');
      this.watches = answer.watches ?? [];
      this.render();
    } catch (error) {
      this.say(errorText(error), true);
    }
  }

  say(text, bad = false) {
    this.status.textContent = text;
    this.status.classList.toggle('error', bad);
  }

  render() {
    this.empty.hidden = this.watches.length > 0;
    this.list.replaceChildren(...this.watches.map((w) => this.item(w)));
  }

  item(watch) {
    const li = document.createElement('li');
    li.className = 'watch';
    li.dataset.watch = watch.name;
    const head = document.createElement('div');
    head.className = 'row gap-s wrap';
    const title = document.createElement('strong');
    title.textContent = watch.name;
    const badge = document.createElement('span');
    badge.className = `badge watch-state ${watch.state === 'watching' ? 'running' : watch.state === 'error' ? 'failed' : 'cancelled'}`;
    badge.textContent = t(`watches.state.${watch.state}`);
    head.append(title, badge);
    const what = document.createElement('p');
    what.className = 'small';
    const preset = typeof watch.preset === 'string' ? watch.preset : t('watches.ownPreset');
    what.textContent = t('watches.what', {
      folder: watch.entrada || t('images.rootFolder'),
      preset,
      output: watch.salida || t('watches.outputRoot'),
    });
    li.append(head, what);
    if (watch.state === 'error' && watch.message) {
      const why = document.createElement('p');
      why.className = 'small error watch-message';
      why.textContent = codeText(watch.code, watch.params) ?? watch.message;
      li.append(why);
    }
    const last = document.createElement('p');
    last.className = 'small muted watch-last';
    const b = watch.last_batch;
    last.textContent = b
      ? t('watches.last', {
        when: formatDate(b.created), done: formatNumber(b.processed ?? 0), total: formatNumber(b.total ?? 0),
        state: t(`state.${b.state}`),
      })
      : t('watches.noBatch');
    li.append(last);
    const actions = document.createElement('div');
    actions.className = 'row gap-s wrap';
    const paused = watch.state === 'paused';
    actions.append(
      this.button(t(paused || watch.state === 'error' ? 'watches.resume' : 'watches.pause'), watch,
        () => this.act(watch.name, paused || watch.state === 'error' ? 'resume' : 'pause')),
      this.button(t('watches.remove'), watch, () => this.remove(watch.name)),
    );
    li.append(actions);
    return li;
  }

  button(text, watch, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'btn btn-quiet btn-small';
    b.textContent = text;
    b.setAttribute('aria-label', `${text} — ${watch.name}`);
    b.addEventListener('click', onClick);
    return b;
  }

  async add() {
    const name = this.name.value.trim();
    if (!NAME.test(name)) {
      this.say(t('watches.badName'), true);
      this.name.focus();
      return;
    }
    const body = { entrada: this.folder.value, preset: this.preset.value };
    const output = this.output.value.trim();
    if (output) body.salida = output;
    try {
      await request(`/api/watches/${encodeURIComponent(name)}`, {
        method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      });
      this.say(t('watches.added', { name }));
      this.name.value = '';
      await this.refresh();
    } catch (error) {
      this.say(t('watches.refused', { name, error: errorText(error) }), true);
    }
  }

  async act(name, what) {
    try {
      await request(`/api/watches/${encodeURIComponent(name)}/${what}`, { method: 'POST' });
      this.say(t(what === 'pause' ? 'watches.paused' : 'watches.resumed', { name }));
      await this.refresh();
    } catch (error) {
      this.say(errorText(error), true);
    }
  }

  async remove(name) {
    try {
      await request(`/api/watches/${encodeURIComponent(name)}`, { method: 'DELETE' });
      this.say(t('watches.removed', { name }));
      await this.refresh();
    } catch (error) {
      this.say(errorText(error), true);
    }
  }
}

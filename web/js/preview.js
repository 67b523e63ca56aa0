// The live before/after preview. Every change of image, filter or parameter asks for a new
// render after a short pause (so a dragged slider does not flood the server) and aborts the
// request still in flight, so an old answer can never replace a newer one.
import { postJson, query, withToken } from './api.js';
import { t } from './i18n.js';
import { errorText } from './errors.js';

const DEBOUNCE_MS = 180;
const SIZE = 640;

export class Preview {
  constructor({ before, after, afterFrame, status, target }) {
    this.before = before;
    this.after = after;
    this.afterFrame = afterFrame;
    this.statusEl = status;
    this.targetEl = target;
    this.image = null;           // {name, folder}
    this.describe = () => null;  // returns the request body's filter part, or null
    this.timer = 0;
    this.controller = null;
    this.objectUrl = '';
    this.renders = 0;            // completed renders, for tests and for the log
  }

  setImage(image) {
    this.image = image;
    if (image) {
      const path = image.folder ? `${image.folder}/${image.name}` : image.name;
      this.before.src = withToken(`/api/thumbnail?${query({ source: 'input', path, size: SIZE })}`);
      this.before.alt = `${t('preview.before')}: ${image.name}`;
      this.before.hidden = false;
    } else {
      this.before.hidden = true;
      this.before.removeAttribute('src');
    }
    this.refresh();
  }

  // Debounced: called on every edit.
  refresh() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.render(), DEBOUNCE_MS);
  }

  async render() {
    this.controller?.abort();
    const what = this.describe();
    if (!this.image) return this.showMessage(t('preview.pickImage'));
    if (!what) return this.showMessage(t('preview.pickFilter'));
    const controller = new AbortController();
    this.controller = controller;
    this.afterFrame.classList.add('loading');
    this.statusEl.textContent = t('preview.loading');
    try {
      const body = { image: this.image.name, folder: this.image.folder, size: SIZE, ...what.body };
      const response = await postJson('/api/preview', body, { signal: controller.signal });
      const blob = await response.blob();
      if (controller.signal.aborted) return;
      this.showBlob(blob, what.label);
      this.renders += 1;
      this.afterFrame.dataset.renders = String(this.renders);
      this.statusEl.textContent = what.label;
    } catch (error) {
      if (error.name === 'AbortError') return;
      this.after.hidden = true;
      this.statusEl.textContent = t('preview.failed', { error: errorText(error) });
    } finally {
      if (this.controller === controller) {
        this.afterFrame.classList.remove('loading');
        this.controller = null;
      }
    }
  }

  showBlob(blob, label) {
    const url = URL.createObjectURL(blob);
    const old = this.objectUrl;
    this.after.onload = () => old && URL.revokeObjectURL(old);
    this.after.src = url;
    this.after.alt = `${t('preview.after')}: ${label}`;
    this.after.hidden = false;
    this.objectUrl = url;
  }

  showMessage(text) {
    this.after.hidden = true;
    this.afterFrame.classList.remove('loading');
    this.statusEl.textContent = text;
  }
}

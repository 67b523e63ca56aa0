// The full-size viewer of a job's outputs: previous/next (buttons and arrow keys), 100 % zoom
// (button and Z), and a before/after slider that lays the original over the finished output.
import { t } from './i18n.js';
import { query, withToken } from './api.js';

export class Viewer {
  constructor(els) {
    this.els = els;
    this.items = [];  // [{output, image, folder}]
    this.index = 0;
    els.close.addEventListener('click', () => els.dialog.close());
    els.dialog.addEventListener('click', (e) => {
      if (e.target === els.dialog) els.dialog.close(); // a click on the backdrop
    });
    els.prev.addEventListener('click', () => this.step(-1));
    els.next.addEventListener('click', () => this.step(1));
    els.zoom.addEventListener('click', () => this.toggleZoom());
    els.split.addEventListener('input', () => this.cut());
    // On the document: a button that became disabled (the last photo's "Next") drops the focus
    // out of the dialog, and the keys must still work.
    document.addEventListener('keydown', (e) => {
      if (els.dialog.open) this.key(e);
    });
  }

  show(items, index) {
    this.items = items;
    this.index = index;
    this.setZoom(false);
    this.els.split.value = '0';
    this.render();
    if (!this.els.dialog.open) this.els.dialog.showModal();
  }

  key(e) {
    if (e.target === this.els.split && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) return; // the slider's own keys
    if (e.key === 'ArrowRight') this.step(1);
    else if (e.key === 'ArrowLeft') this.step(-1);
    else if (e.key === 'z' || e.key === 'Z') this.toggleZoom();
    else return;
    e.preventDefault();
  }

  step(delta) {
    const next = this.index + delta;
    if (next < 0 || next >= this.items.length) return;
    this.index = next;
    this.render();
  }

  toggleZoom() {
    this.setZoom(this.els.zoom.getAttribute('aria-pressed') !== 'true');
  }

  setZoom(on) {
    this.els.zoom.setAttribute('aria-pressed', String(on));
    this.els.body.classList.toggle('actual', on);
  }

  cut() {
    const split = Number(this.els.split.value);
    this.els.before.hidden = split === 0;
    this.els.before.style.clipPath = `inset(0 ${100 - split}% 0 0)`;
  }

  render() {
    const { els } = this;
    const item = this.items[this.index];
    if (!item) return;
    const url = withToken(`/api/output?${query({ path: item.output })}`);
    const name = item.output.split('/').pop();
    els.title.textContent = name;
    els.title.title = item.output;
    els.image.alt = name;
    els.image.src = url;
    els.download.href = url;
    const source = item.folder ? `${item.folder}/${item.image}` : item.image;
    els.before.alt = item.image;
    els.before.src = withToken(`/api/thumbnail?${query({ source: 'input', path: source, size: 1024 })}`);
    els.position.textContent = t('viewer.position', { n: this.index + 1, total: this.items.length });
    els.prev.disabled = this.index === 0;
    els.next.disabled = this.index === this.items.length - 1;
    this.cut();
  }

  relabel() {
    if (this.els.dialog.open) this.render();
  }
}

// The pre-flight look at the chosen folder before Start (GET /api/audit): how many photos, in
// which formats and sizes, and which ones will be refused and why, duplicates and names that
// would clash. Headers only, so it is quick; refreshed when the folder or "sub-folders" changes.
import { formatNumber, t } from './i18n.js';
import { getJson, query } from './api.js';
import { errorText } from './errors.js';

export class AuditView {
  constructor({ box, summary, details }) {
    this.box = box;
    this.summary = summary;
    this.details = details;
    this.asked = 0; // answers to older questions are dropped
    this.last = null;
  }

  async load(folder, recursive) {
    const asked = ++this.asked;
    this.box.dataset.state = 'loading';
    this.summary.textContent = t('audit.loading');
    this.details.replaceChildren();
    try {
      const report = await getJson(`/api/audit?${query({ entrada: folder, recursivo: recursive })}`);
      if (asked !== this.asked) return;
      this.last = report;
      this.render();
    } catch (error) {
      if (asked !== this.asked) return;
      this.last = null;
      this.box.dataset.state = 'error';
      this.summary.textContent = errorText(error);
    }
  }

  relabel() {
    if (this.last) this.render();
  }

  render() {
    const r = this.last;
    this.box.dataset.state = 'ready';
    const formats = Object.entries(r.formats ?? {}).map(([f, n]) => `${f.toUpperCase()} ${formatNumber(n)}`).join(', ');
    const photos = (r.files ?? 0) - (r.refused?.length ?? 0);
    const parts = [t('audit.photos', { n: formatNumber(photos) })];
    if (formats) parts.push(formats);
    if (photos > 0) {
      parts.push(t('audit.sizes', {
        min: `${r.size.min_width}×${r.size.min_height}`, max: `${r.size.max_width}×${r.size.max_height}`,
        mp: formatNumber(Math.round(r.megapixels * 10) / 10),
      }));
    }
    this.summary.textContent = parts.join(' · ');
    const lines = [];
    for (const f of r.refused ?? []) lines.push(['audit-refused', t('audit.refused', { file: f.file, reason: f.message || f.reason })]);
    for (const group of r.duplicates ?? []) lines.push(['audit-duplicate', t('audit.duplicates', { files: group.join(', ') })]);
    for (const group of r.clashes ?? []) lines.push(['audit-clash', t('audit.clash', { files: group.join(', ') })]);
    if ((r.rotated?.length ?? 0) > 0) lines.push(['audit-rotated', t('audit.rotated', { n: formatNumber(r.rotated.length) })]);
    if ((r.multipage?.length ?? 0) > 0) lines.push(['audit-multipage', t('audit.multipage', { files: r.multipage.join(', ') })]);
    if ((r.with_alpha ?? 0) > 0) lines.push(['audit-alpha', t('audit.alpha', { n: formatNumber(r.with_alpha) })]);
    this.details.replaceChildren(...lines.map(([cls, text]) => {
      const li = document.createElement('li');
      li.className = cls;
      li.textContent = text;
      return li;
    }));
  }
}

// Past jobs (GET /api/jobs, newest first) with a button to show a job's results and one to run it
// again (POST /api/jobs/{id}/rerun).
import { formatDate, formatNumber, t } from './i18n.js';
import { getJson, request } from './api.js';

export class HistoryView extends EventTarget {
  constructor({ body, empty, refresh }, labelOf) {
    super();
    this.body = body;
    this.empty = empty;
    this.labelOf = labelOf;
    this.jobs = [];
    this.currentId = null;
    refresh.addEventListener('click', () => this.load());
  }

  async load() {
    try {
      const answer = await getJson('/api/jobs?limit=20');
      this.jobs = answer.jobs ?? [];
      this.render();
      return this.jobs;
    } catch (error) {
      this.dispatchEvent(new CustomEvent('error', { detail: error }));
      return [];
    }
  }

  // The same summaries from the WebSocket's `trabajos`, used when the HTTP list is unavailable.
  setJobs(jobs) {
    this.jobs = jobs.slice(0, 20);
    this.render();
  }

  markCurrent(id) {
    this.currentId = id;
    this.render();
  }

  relabel() {
    this.render();
  }

  render() {
    this.empty.hidden = this.jobs.length > 0;
    this.body.replaceChildren(...this.jobs.map((job) => this.row(job)));
  }

  row(job) {
    const tr = document.createElement('tr');
    tr.dataset.job = job.id;
    if (job.id === this.currentId) tr.className = 'current';
    const cell = (text, cls) => {
      const td = document.createElement('td');
      td.textContent = text;
      if (cls) td.className = cls;
      tr.append(td);
      return td;
    };
    cell(formatDate(job.created ?? job.started));
    const what = cell('');
    what.append((job.filters ?? []).map((f) => this.labelOf(f)).join(', '));
    const detail = [
      job.preset ? t('history.preset', { name: job.preset }) : '',
      job.format ? job.format.toUpperCase() : t('history.sameFormat'),
      job.folder ? t('history.folder', { folder: job.folder }) : t('history.mainFolder'),
    ].filter(Boolean).join(' · ');
    const small = document.createElement('span');
    small.className = 'history-detail small muted';
    small.textContent = detail;
    what.append(small);
    const state = cell('');
    const badge = document.createElement('span');
    badge.className = `badge ${job.state === 'running' || job.state === 'queued' ? 'running' : job.state}`;
    badge.textContent = t(`state.${job.state}`);
    state.append(badge);
    const failed = job.failed ? ` · ${formatNumber(job.failed)} ✕` : '';
    cell(`${formatNumber(job.processed ?? 0)} / ${formatNumber(job.total ?? 0)}${failed}`);
    const actions = cell('', 'actions');
    actions.append(
      this.button(t('history.view'), job, () => this.dispatchEvent(new CustomEvent('view', { detail: job }))),
      this.button(t('history.edit'), job, () => this.edit(job)),
      this.button(t('history.rerun'), job, () => this.rerun(job)),
    );
    return tr;
  }

  button(text, job, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'btn btn-quiet btn-small';
    b.textContent = text;
    b.setAttribute('aria-label', `${text} — ${formatDate(job.created)} (${(job.filters ?? []).map((f) => this.labelOf(f)).join(', ')})`);
    b.addEventListener('click', onClick);
    return b;
  }

  // Loads the job's settings into the editor (the page decides what that means).
  async edit(job) {
    try {
      const details = await getJson(`/api/jobs/${encodeURIComponent(job.id)}`);
      this.dispatchEvent(new CustomEvent('edit', { detail: details }));
    } catch (error) {
      this.dispatchEvent(new CustomEvent('error', { detail: error }));
    }
  }

  async rerun(job) {
    try {
      const response = await request(`/api/jobs/${encodeURIComponent(job.id)}/rerun`, { method: 'POST' });
      const answer = await response.json();
      this.dispatchEvent(new CustomEvent('rerun', { detail: answer }));
      this.load();
    } catch (error) {
      this.dispatchEvent(new CustomEvent('error', { detail: error }));
    }
  }
}

// The progress card. Messages may arrive 50 times a second or more; each one only updates a plain
// object and the DOM is written at most once per animation frame. Statistics (recent speed, ETA,
// speed per core, the chart's series) come from the Web Worker.
import { formatDuration, formatNumber, t } from './i18n.js';
import { ThroughputChart } from './chart.js';

export class ProgressView {
  constructor(els, labelOf) {
    this.els = els;
    this.labelOf = labelOf;
    this.chart = new ThroughputChart(els.chart);
    this.job = null;
    this.summary = null;
    this.series = [];
    this.frame = 0;
    this.dirtySamples = false;
    this.worker = this.startWorker();
    this.renderIdle();
  }

  startWorker() {
    try {
      const worker = new Worker(new URL('./stats-worker.js', import.meta.url), { type: 'module' });
      worker.onmessage = (e) => {
        if (e.data?.type !== 'report') return;
        this.summary = e.data.summary;
        this.series = e.data.series;
        this.schedule();
      };
      return worker;
    } catch {
      return null; // without a worker the bar and counts still work; only derived stats are missing
    }
  }

  get running() {
    return this.job?.state === 'running';
  }

  start(datos) {
    const total = datos.total ?? datos.imagenes ?? 0;
    this.job = {
      id: datos.trabajo ?? null,
      filters: datos.filtros ?? [],
      mode: datos.modo,
      total,
      cores: datos.nucleos ?? 0,
      processed: 0,
      failed: 0,
      percent: 0,
      elapsed: 0,
      perFilter: {},
      skipped: datos.omitidas ?? 0, // images already up to date: done before the job began
      cancelled: 0,
      state: 'running',
    };
    this.summary = null;
    this.series = [];
    this.worker?.postMessage({ type: 'start', total, cores: this.job.cores });
    this.schedule();
  }

  // A progress line can arrive for a job this page never saw start (opened mid-batch).
  ensureJob(datos) {
    if (this.job && (!datos.trabajo || !this.job.id || this.job.id === datos.trabajo)) return;
    this.start({ trabajo: datos.trabajo, total: datos.total, nucleos: datos.nucleos, filtros: [] });
  }

  progress(datos) {
    this.ensureJob(datos);
    const job = this.job;
    if (job.state !== 'running') job.state = 'running';
    if (Number.isFinite(datos.procesadas)) job.processed = Math.max(job.processed, datos.procesadas);
    if (Number.isFinite(datos.total) && datos.total > 0) job.total = datos.total;
    if (Number.isFinite(datos.porcentaje)) job.percent = Math.max(job.percent, datos.porcentaje);
    if (Number.isFinite(datos.tiempo_transcurrido)) job.elapsed = datos.tiempo_transcurrido;
    if (Number.isFinite(datos.nucleos)) job.cores = datos.nucleos;
    if (Number.isFinite(datos.fallidas)) job.failed = datos.fallidas;
    if (datos.por_filtro) job.perFilter = datos.por_filtro;
    if (datos.estado === 'cancelado' && datos.imagen) job.cancelled += 1;
    this.worker?.postMessage({
      type: 'sample', t: job.elapsed, processed: job.processed, total: job.total, cores: job.cores,
    });
    this.dirtySamples = true;
    this.schedule();
  }

  cancelled(datos) {
    this.ensureJob(datos);
    if (Number.isFinite(datos.procesadas)) this.job.processed = datos.procesadas;
    if (Number.isFinite(datos.canceladas)) this.job.cancelled = datos.canceladas;
    this.job.state = 'cancelled';
    this.schedule();
  }

  finished(datos) {
    if (!this.job) this.start({ trabajo: datos.trabajo, filtros: [] });
    const job = this.job;
    job.state = datos.cancelado || job.state === 'cancelled' ? 'cancelled' : 'done';
    if (job.state === 'done') {
      job.percent = 100;
      job.processed = Math.max(job.processed, job.total);
    }
    if (Number.isFinite(datos.tiempo_total)) job.elapsed = datos.tiempo_total;
    if (Array.isArray(datos.fallos)) job.failed = Math.max(job.failed, countImages(datos.fallos));
    if (Number.isFinite(datos.omitidas)) job.skipped = datos.omitidas;
    if (Number.isFinite(datos.canceladas)) job.cancelled = datos.canceladas;
    this.dirtySamples = true;
    this.schedule();
  }

  // Shows a job from the history (e.g. after a reconnect) without live samples.
  showSummary(summary) {
    const stateMap = { running: 'running', done: 'done', cancelled: 'cancelled', failed: 'failed', interrupted: 'interrupted', queued: 'running' };
    this.job = {
      id: summary.id,
      filters: summary.filters ?? [],
      total: summary.total ?? 0,
      processed: summary.processed ?? 0,
      failed: summary.failed ?? 0,
      skipped: summary.skipped ?? 0,
      cancelled: summary.cancelled ?? 0,
      // The job store's `processed` already counts the up-to-date images.
      countedSkipped: true,
      percent: summary.total ? (100 * (summary.processed ?? 0)) / summary.total : 0,
      elapsed: NaN,
      cores: this.job?.cores ?? 0,
      perFilter: {},
      state: stateMap[summary.state] ?? 'done',
    };
    if (this.job.state === 'done') this.job.percent = 100;
    this.summary = null;
    this.series = [];
    this.schedule();
  }

  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.dirtySamples) {
        this.dirtySamples = false;
        this.worker?.postMessage({ type: 'report', maxPoints: 120 });
      }
      this.render();
    });
  }

  relabel() {
    if (this.job) this.render();
    else this.renderIdle();
    this.chart.draw();
  }

  renderIdle() {
    this.els.caption.textContent = t('progress.idle');
    this.els.state.textContent = '';
  }

  render() {
    const job = this.job;
    if (!job) return this.renderIdle();
    const { els } = this;
    const { done, total, percent } = shownCounts(job);
    els.fill.style.width = `${percent}%`;
    els.bar.setAttribute('aria-valuenow', String(Math.round(percent * 100) / 100));
    els.bar.setAttribute('aria-valuetext', `${formatNumber(percent, 0)}% — ${done} / ${total}`);
    els.bar.classList.toggle('done', job.state === 'done');
    els.bar.classList.toggle('cancelled', job.state === 'cancelled');
    els.percent.textContent = `${formatNumber(Math.floor(percent), 0)}%`;
    els.state.textContent = t(`state.${job.state}`);
    els.state.className = `badge ${job.state}`;
    const names = job.filters.map((f) => this.labelOf(f)).join(', ');
    els.caption.textContent = job.state === 'running'
      ? t('progress.running', { filters: names || '…' })
      : [t(`state.${job.state}`), names].filter(Boolean).join(' · ')
        + (job.skipped ? ` · ${t('progress.skipped', { n: job.skipped })}` : '')
        + (job.cancelled ? ` · ${t('progress.cancelledImages', { n: job.cancelled })}` : '');
    els.processed.textContent = formatNumber(done);
    els.total.textContent = formatNumber(total);
    els.failed.textContent = formatNumber(job.failed);
    els.failed.classList.toggle('error', job.failed > 0);
    els.elapsed.textContent = formatDuration(job.elapsed);
    this.renderMini(job, done, total, percent);
    this.onRender?.(job.state, percent);
    this.renderStats();
    this.renderPerFilter();
    this.chart.setSeries(this.series);
  }

  // The run bar's strip: the followed job's state and progress right under Start (on a phone the
  // progress card is far down the page).
  renderMini(job, done, total, percent) {
    const mini = this.els.mini;
    if (!mini) return;
    mini.box.hidden = false;
    mini.state.textContent = t(`state.${job.state}`);
    mini.state.className = `badge ${job.state}`;
    mini.fill.style.width = `${percent}%`;
    mini.text.textContent = `${formatNumber(done)} / ${formatNumber(total)} · ${formatNumber(Math.floor(percent), 0)}%`;
  }

  renderStats() {
    const s = this.summary;
    const ips = (v) => (v > 0 ? `${formatNumber(v, v < 10 ? 2 : 1)} ${t('unit.ips')}` : '—');
    const running = this.job.state === 'running';
    this.els.speed.textContent = s && running ? ips(s.recentSpeed) : '—';
    this.els.average.textContent = s ? ips(s.averageSpeed) : '—';
    this.els.eta.textContent = running && s && s.eta !== null ? formatDuration(s.eta) : '—';
    this.els.perCore.textContent = s ? ips(s.speedPerCore) : '—';
  }

  renderPerFilter() {
    const entries = Object.entries(this.job.perFilter ?? {});
    const list = this.els.perFilter;
    this.els.perFilterTitle.hidden = entries.length === 0;
    if (list.childElementCount !== entries.length) list.replaceChildren();
    entries.forEach(([name, counts], i) => {
      let li = list.children[i];
      if (!li) {
        li = document.createElement('li');
        li.innerHTML = '<span class="name"></span><span class="count"></span><span class="bar"><span></span></span>';
        list.append(li);
      }
      const done = (counts.exitosas ?? 0) + (counts.fallidas ?? 0);
      const total = this.job.total || done || 1;
      li.querySelector('.name').textContent = this.labelOf(name);
      const count = li.querySelector('.count');
      count.textContent = `${formatNumber(done)} / ${formatNumber(total)}${counts.fallidas ? ` · ${counts.fallidas} ✕` : ''}`;
      count.classList.toggle('bad', Boolean(counts.fallidas));
      li.querySelector('.bar span').style.width = `${Math.min(100, (100 * done) / total)}%`;
    });
  }
}

function countImages(failures) {
  return new Set(failures.map((f) => f.imagen)).size;
}

// What the page shows as "done / total": up-to-date images count as done (a re-run with nothing
// to redo reads 13 / 13 at 100 %, not 0 / 0). Live counts from the server leave them out; the job
// store's counts include them.
export function shownCounts(job) {
  const before = job.countedSkipped ? 0 : job.skipped;
  const done = job.processed + before;
  const total = job.total + before;
  let percent = job.percent;
  if (before > 0 && total > 0 && job.state === 'running') percent = Math.min(99.99, (100 * done) / total);
  if (job.state === 'done') percent = 100;
  return { done, total, percent: Math.min(100, Math.max(0, percent)) };
}

// Results of a job: one block per filter or chain with its numbers, a gallery of thumbnails of the
// outputs (opened full size in a dialog), the job's zip, and the failures with their reasons.
import { formatDuration, formatNumber, t } from './i18n.js';
import { query, withToken } from './api.js';

const FIRST_THUMBS = 24;
const MORE_THUMBS = 48;

// The finalizado message and GET /api/jobs/{id} describe the same thing with different names;
// both become this one shape.
export function fromFinished(datos, details) {
  return {
    id: datos.trabajo ?? details?.id ?? null,
    results: (datos.resultados ?? []).map((r) => ({
      name: r.filtro,
      ok: r.exitosas ?? 0,
      failed: r.fallidas ?? 0,
      skipped: r.omitidas ?? 0,
      seconds: r.tiempo_total,
      perImage: r.tiempo_por_imagen ?? (r.exitosas ? r.tiempo_total / r.exitosas : NaN),
      cores: r.nucleos_usados,
    })),
    failures: (datos.fallos ?? []).map((f) => ({ image: f.imagen, filter: f.filtro, message: f.mensaje })),
    outputs: outputsOf(details),
  };
}

export function fromDetails(details) {
  const failures = (details.images ?? []).filter((i) => !i.ok)
    .map((i) => ({ image: i.image, filter: i.filter, message: i.message }));
  return {
    id: details.id,
    results: (details.per_filter ?? []).map((r) => ({
      name: r.filter,
      ok: r.succeeded ?? 0,
      failed: r.failed ?? 0,
      skipped: r.skipped ?? 0,
      seconds: r.seconds,
      perImage: r.seconds_per_image,
      cores: r.cores ?? details.settings?.trabajadores ?? details.settings?.workers,
    })),
    failures,
    outputs: outputsOf(details),
  };
}

function outputsOf(details) {
  const map = new Map();
  for (const i of details?.images ?? []) {
    if (!i.ok || !i.output) continue;
    if (!map.has(i.filter)) map.set(i.filter, []);
    map.get(i.filter).push({ image: i.image, output: i.output });
  }
  return map;
}

export class ResultsView {
  constructor(els, labelOf) {
    this.els = els;
    this.labelOf = labelOf;
    this.current = null;
    els.viewerClose.addEventListener('click', () => els.viewer.close());
    els.viewer.addEventListener('click', (e) => {
      if (e.target === els.viewer) els.viewer.close(); // a click on the backdrop
    });
  }

  show(job) {
    this.current = job;
    this.render();
  }

  relabel() {
    if (this.current) this.render();
  }

  render() {
    const job = this.current;
    const { els } = this;
    els.empty.hidden = Boolean(job);
    els.list.replaceChildren();
    els.failures.hidden = true;
    if (!job) return;
    els.job.textContent = job.id ? t('results.job', { id: job.id }) : '';
    els.zip.hidden = !job.id;
    if (job.id) els.zip.href = withToken(`/api/jobs/${encodeURIComponent(job.id)}/zip`);
    for (const r of job.results) els.list.append(this.block(job, r));
    this.renderFailures(job.failures);
  }

  block(job, r) {
    const section = document.createElement('section');
    section.className = 'result';
    section.dataset.filter = r.name;
    const head = document.createElement('div');
    head.className = 'result-head';
    const h = document.createElement('h3');
    h.textContent = this.labelOf(r.name);
    head.append(h);
    if (job.id && r.ok > 0) {
      const zip = document.createElement('a');
      zip.className = 'btn btn-quiet btn-small';
      zip.href = withToken(`/api/jobs/${encodeURIComponent(job.id)}/zip?${query({ filter: r.name })}`);
      zip.setAttribute('download', '');
      zip.textContent = t('results.zipFilter');
      zip.setAttribute('aria-label', `${t('results.zipFilter')} — ${this.labelOf(r.name)}`);
      head.append(zip);
    }
    section.append(head, this.stats(r));
    const outputs = job.outputs.get(r.name) ?? [];
    if (outputs.length) section.append(...this.gallery(outputs));
    return section;
  }

  stats(r) {
    const dl = document.createElement('dl');
    dl.className = 'result-stats';
    const add = (key, value, bad = false) => {
      const div = document.createElement('div');
      const dt = document.createElement('dt');
      dt.textContent = t(key);
      const dd = document.createElement('dd');
      dd.textContent = value;
      dd.dataset.stat = key.split('.')[1];
      if (bad) dd.className = 'bad';
      div.append(dt, dd);
      dl.append(div);
    };
    add('results.time', formatDuration(r.seconds));
    add('results.ok', formatNumber(r.ok));
    add('results.failed', formatNumber(r.failed), r.failed > 0);
    if (r.skipped) add('results.skipped', formatNumber(r.skipped));
    add('results.perImage', Number.isFinite(r.perImage) ? `${formatNumber(r.perImage, r.perImage < 1 ? 3 : 2)} s` : '—');
    if (r.cores) add('results.cores', formatNumber(r.cores));
    return dl;
  }

  gallery(outputs) {
    const grid = document.createElement('div');
    grid.className = 'gallery';
    let shown = 0;
    const more = document.createElement('button');
    more.type = 'button';
    more.className = 'btn btn-quiet btn-small more';
    const showMore = (n) => {
      const end = Math.min(outputs.length, shown + n);
      for (; shown < end; shown++) grid.append(this.thumb(outputs[shown]));
      more.hidden = shown >= outputs.length;
      more.textContent = t('results.more', { n: Math.min(MORE_THUMBS, outputs.length - shown) });
    };
    more.addEventListener('click', () => {
      const first = shown;
      showMore(MORE_THUMBS);
      grid.children[first]?.focus();
    });
    showMore(FIRST_THUMBS);
    return [grid, more];
  }

  thumb({ image, output }) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'thumb-button';
    b.dataset.output = output;
    const name = output.split('/').pop();
    b.setAttribute('aria-label', t('results.open', { name }));
    b.title = name;
    const img = document.createElement('img');
    img.alt = '';
    img.loading = 'lazy';
    img.decoding = 'async';
    img.src = withToken(`/api/thumbnail?${query({ source: 'output', path: output, size: 256 })}`);
    b.append(img);
    b.addEventListener('click', () => this.open(output, image));
    return b;
  }

  open(output) {
    const { els } = this;
    const url = withToken(`/api/output?${query({ path: output })}`);
    els.viewerTitle.textContent = output;
    els.viewerImage.alt = output;
    els.viewerImage.src = url;
    els.viewerDownload.href = url;
    els.viewer.showModal();
  }

  renderFailures(failures) {
    const { els } = this;
    els.failures.hidden = failures.length === 0;
    els.failureList.replaceChildren(...failures.slice(0, 500).map((f) => {
      const li = document.createElement('li');
      const strong = document.createElement('strong');
      strong.textContent = f.image;
      li.append(strong, ` · ${f.filter ? this.labelOf(f.filter) : ''}: ${f.message ?? ''}`);
      return li;
    }));
  }
}

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
      cancelled: r.canceladas ?? 0,
      seconds: r.tiempo_total,
      perImage: r.tiempo_por_imagen ?? (r.exitosas ? r.tiempo_total / r.exitosas : NaN),
      cores: r.nucleos_usados,
    })),
    failures: (datos.fallos ?? []).map((f) => ({ image: f.imagen, filter: f.filtro, message: f.mensaje })),
    outputs: outputsOf(details),
    folder: details?.settings?.entrada ?? '',
    wall: datos.tiempo_total,
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
      cancelled: r.cancelled ?? 0,
      seconds: r.seconds,
      perImage: r.seconds_per_image,
      cores: r.cores ?? details.settings?.trabajadores ?? details.settings?.workers,
    })),
    failures,
    outputs: outputsOf(details),
    folder: details.settings?.entrada ?? '',
    wall: details.started > 0 && details.finished >= details.started ? details.finished - details.started : NaN,
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

// Where a filter's files went: their folder under the output root ('' = the root itself), or
// null when they are spread over several folders' worth of nothing (no outputs).
function folderOf(outputs) {
  if (!outputs.length) return null;
  const dirs = new Set(outputs.map((o) => o.output.split('/').slice(0, -1).join('/')));
  if (dirs.size === 1) return `${[...dirs][0]}/`;
  const parts = [...dirs].map((d) => d.split('/'));
  const common = [];
  for (let i = 0; parts.every((p) => i < p.length && p[i] === parts[0][i]); i++) common.push(parts[0][i]);
  return common.length ? `${common.join('/')}/…` : '';
}

export class ResultsView {
  constructor(els, labelOf, viewer) {
    this.els = els;
    this.labelOf = labelOf;
    this.viewer = viewer;
    this.current = null;
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
    // The job's wall time (what the user waited), never the processing time summed over cores.
    const wall = Number.isFinite(job.wall) ? t('results.wall', { time: formatDuration(job.wall) }) : '';
    els.job.textContent = [job.id ? t('results.job', { id: job.id }) : '', wall].filter(Boolean).join(' · ');
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
    const where = folderOf(job.outputs.get(r.name) ?? []);
    if (where !== null) {
      const p = document.createElement('p');
      p.className = 'small muted result-where';
      p.textContent = t('results.where', { folder: where || t('results.outputRoot') });
      section.append(p);
    }
    const outputs = job.outputs.get(r.name) ?? [];
    if (outputs.length) section.append(...this.gallery(outputs.map((o) => ({ ...o, folder: job.folder }))));
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
    add('results.ok', formatNumber(r.ok));
    add('results.failed', formatNumber(r.failed), r.failed > 0);
    if (r.skipped) add('results.skipped', formatNumber(r.skipped));
    if (r.cancelled) add('results.cancelled', formatNumber(r.cancelled));
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
      for (; shown < end; shown++) grid.append(this.thumb(outputs, shown));
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

  // A thumbnail that keeps the photo's shape, with its file name under it.
  thumb(outputs, index) {
    const { output } = outputs[index];
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'thumb-button';
    b.dataset.output = output;
    const name = output.split('/').pop();
    b.setAttribute('aria-label', t('results.open', { name }));
    b.title = output;
    const img = document.createElement('img');
    img.alt = '';
    img.loading = 'lazy';
    img.decoding = 'async';
    img.src = withToken(`/api/thumbnail?${query({ source: 'output', path: output, size: 256 })}`);
    const caption = document.createElement('span');
    caption.className = 'thumb-name';
    caption.textContent = name;
    b.append(img, caption);
    b.addEventListener('click', () => this.viewer.show(outputs, index));
    return b;
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

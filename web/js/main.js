// Wires the page together: the connection, the panels, and what each server message changes.
import { applyStaticTexts, language, setLanguage, t, label } from './i18n.js';
import { getJson, onUnauthorized, setToken, webSocketUrl, HttpError } from './api.js';
import { Connection } from './connection.js';
import { FilterPanel } from './filters.js';
import { ChainBuilder } from './chain.js';
import { ImageList } from './images.js';
import { setupUploads } from './uploads.js';
import { Preview } from './preview.js';
import { ProgressView } from './progress.js';
import { ResultsView, fromFinished, fromDetails } from './results.js';
import { HistoryView } from './history.js';
import { ActivityLog } from './log.js';

const $ = (id) => document.getElementById(id);
const ESTADO_POLL_MS = 3000;

document.documentElement.lang = language();
applyStaticTexts(document);

const log = new ActivityLog($('log'));
const connection = new Connection(webSocketUrl);
const filters = new FilterPanel({ list: $('filter-list'), count: $('filters-count') });
const labelOf = (id) => filters.labelOf(id);
const chain = new ChainBuilder({
  list: $('chain-steps'), empty: $('chain-empty'), name: $('chain-name'), addSelect: $('chain-add-select'),
  addButton: $('chain-add'), clearButton: $('chain-clear'), lookup: (id) => filters.byId(id),
});
const images = new ImageList({ list: $('image-list'), empty: $('image-list-empty'), count: $('images-count') });
const preview = new Preview({
  before: $('preview-before'), after: $('preview-after'), afterFrame: $('preview-after-frame'),
  status: $('preview-status'), target: $('preview-target'),
});
const progress = new ProgressView({
  bar: $('progressbar'), fill: $('progress-fill'), percent: $('progress-percent'), caption: $('progress-caption'),
  state: $('progress-state'), elapsed: $('m-elapsed'), processed: $('m-processed'), total: $('m-total'),
  speed: $('m-speed'), average: $('m-average'), eta: $('m-eta'), perCore: $('m-per-core'), failed: $('m-failed'),
  chart: $('chart'), perFilter: $('per-filter'), perFilterTitle: $('per-filter-title'),
}, labelOf);
const results = new ResultsView({
  list: $('results'), empty: $('results-empty'), job: $('results-job'), zip: $('zip-all'),
  failures: $('failures'), failureList: $('failure-list'), viewer: $('viewer'), viewerTitle: $('viewer-title'),
  viewerImage: $('viewer-image'), viewerDownload: $('viewer-download'), viewerClose: $('viewer-close'),
}, labelOf);
const jobHistory = new HistoryView({ body: $('history').tBodies[0], empty: $('history-empty'), refresh: $('history-refresh') }, labelOf);

const state = {
  schemaLoaded: false,
  serverBusy: false,
  currentJob: null,      // id of the job this page follows
  previewTarget: '',     // a filter id, or '@chain'
  pollTimer: 0,
  everConnected: false,
};

// ---------- token ----------
let tokenRequest = null;
onUnauthorized(() => {
  tokenRequest ??= askForToken().finally(() => { tokenRequest = null; });
  return tokenRequest;
});

function askForToken() {
  const dialog = $('token-dialog');
  const input = $('token-input');
  const error = $('token-error');
  error.textContent = '';
  return new Promise((resolve) => {
    const onSubmit = async (event) => {
      event.preventDefault();
      const candidate = input.value.trim();
      if (!candidate) return;
      const check = await fetch('/api/folders', { headers: { 'X-Lote-Token': candidate } }).catch(() => null);
      if (!check || check.status === 401) {
        error.textContent = check ? t('token.wrong') : t('error.network');
        input.select();
        return;
      }
      setToken(candidate);
      // A stale lote_token cookie from an earlier server would win over the WebSocket's ?token=;
      // loading / with the new token (the header outranks the old cookie) replaces the cookie.
      await fetch(`/?token=${encodeURIComponent(candidate)}`, { headers: { 'X-Lote-Token': candidate } })
        .catch(() => {});
      dialog.removeEventListener('submit', onSubmit);
      dialog.close();
      connection.reconnectNow();
      resolve();
    };
    dialog.addEventListener('submit', onSubmit);
    dialog.addEventListener('cancel', (e) => e.preventDefault()); // nothing works without it
    if (!dialog.open) dialog.showModal();
    input.focus();
  });
}

// A link with ?token= (as `lote serve` prints it) keeps the token for this tab's session and
// takes it out of the address bar, where it would be copied along with the URL.
function adoptTokenFromUrl() {
  const url = new URL(location.href);
  const given = url.searchParams.get('token');
  if (!given) return;
  setToken(given);
  url.searchParams.delete('token');
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
}
adoptTokenFromUrl();

// When the WebSocket cannot even open, ask an HTTP endpoint why: a 401 there brings up the token
// prompt (a WebSocket refusal does not tell the page its status).
async function probeAccess() {
  try {
    await getJson('/api/folders');
  } catch {
    /* unreachable or other error: the reconnect loop keeps trying */
  }
}

// ---------- language ----------
const langSelect = $('lang-select');
langSelect.value = language();
langSelect.addEventListener('change', () => setLanguage(langSelect.value));
document.addEventListener('langchange', () => {
  filters.render();
  chain.render();
  images.relabel();
  progress.relabel();
  results.relabel();
  jobHistory.relabel();
  updateConnection({ state: connection.state });
  updatePreviewTargets();
  preview.refresh();
  updateRunState();
});

// ---------- server data ----------
async function loadSchema() {
  try {
    const schema = await getJson('/api/filters');
    state.schemaLoaded = true;
    filters.setFilters(schema.filters ?? []);
    chain.setFilters(filters.filters);
  } catch (error) {
    log.add(httpMessage(error), 'warn'); // the WebSocket's `filtros` (ids only) fills in
  }
}

async function loadFolders() {
  const select = $('folder-select');
  let folders = [''];
  try {
    const answer = await getJson('/api/folders');
    folders = answer.folders?.length ? answer.folders : [''];
  } catch (error) {
    log.add(httpMessage(error), 'warn');
  }
  const keep = select.value;
  select.replaceChildren(...folders.map((f) => {
    const o = document.createElement('option');
    o.value = f;
    o.textContent = f || t('images.rootFolder');
    return o;
  }));
  if (folders.includes(keep)) select.value = keep;
}

function httpMessage(error) {
  if (error instanceof HttpError) return t('error.http', { status: error.status, path: error.path, message: error.message });
  return t('error.network');
}

$('folder-select').addEventListener('change', (e) => images.reload(e.target.value));
$('images-refresh').addEventListener('click', async () => {
  await loadFolders();
  images.reload($('folder-select').value);
  connection.send({ tipo: 'listar_imagenes' });
});
images.addEventListener('apierror', (e) => {
  log.add(httpMessage(e.detail), 'warn');
  connection.send({ tipo: 'listar_imagenes' });
});
images.addEventListener('select', (e) => preview.setImage(e.detail));

setupUploads({
  input: $('file-input'),
  dropzone: $('dropzone'),
  status: $('upload-status'),
  folder: () => images.folder,
  log: (text, kind) => log.add(text, kind),
  onUploaded: async (names) => {
    await images.reload(images.folder);
    if (names.length) images.selectByName(names[0]);
  },
});

// ---------- filters, chain, preview ----------
$('filters-all').addEventListener('click', () => filters.selectAll());
$('filters-none').addEventListener('click', () => filters.selectNone());
filters.addEventListener('change', (e) => {
  const id = e.detail.filter;
  if (id && filters.selected().includes(id)) state.previewTarget = id;
  updatePreviewTargets();
  updateRunState();
  preview.refresh();
});
chain.addEventListener('change', () => {
  if (!chain.isEmpty()) state.previewTarget = '@chain';
  updatePreviewTargets();
  updateRunState();
  preview.refresh();
});
$('preview-target').addEventListener('change', (e) => {
  state.previewTarget = e.target.value;
  preview.refresh();
});

function previewTargets() {
  const list = filters.selected().map((id) => ({ value: id, text: labelOf(id) }));
  if (!chain.isEmpty()) list.push({ value: '@chain', text: t('preview.chain', { name: chain.name }) });
  return list;
}

function updatePreviewTargets() {
  const select = $('preview-target');
  const targets = previewTargets();
  if (!targets.some((x) => x.value === state.previewTarget)) state.previewTarget = targets[0]?.value ?? '';
  select.replaceChildren(...targets.map((x) => {
    const o = document.createElement('option');
    o.value = x.value;
    o.textContent = x.text;
    return o;
  }));
  select.value = state.previewTarget;
  select.disabled = targets.length === 0;
  $('preview-target-field').hidden = targets.length === 0;
}

preview.describe = () => {
  const target = state.previewTarget;
  if (!target) return null;
  if (target === '@chain') {
    if (chain.isEmpty()) return null;
    return { body: { chain: chain.toMessage() }, label: t('preview.chain', { name: chain.name }) };
  }
  const params = filters.parameters()[target];
  return {
    body: { filters: [target], parameters: params ? { [target]: params } : {} },
    label: labelOf(target),
  };
};

// ---------- output options ----------
const quality = $('quality-range');
quality.addEventListener('input', () => { $('quality-value').textContent = quality.value; });

// ---------- run / cancel ----------
function outputsPerImage() {
  return filters.selected().length + (chain.isEmpty() ? 0 : 1);
}

function updateRunState() {
  const connected = connection.connected;
  const n = outputsPerImage();
  $('start').disabled = !connected || n === 0;
  $('cancel').disabled = !connected || !(state.serverBusy || progress.running);
  $('run-hint').textContent = !connected ? t('run.notConnected')
    : n === 0 ? t('run.nothingSelected') : t('run.ready', { n });
}

function buildRequest() {
  const message = {
    tipo: 'procesar',
    filtros: filters.selected(),
    modo: $('mode-select').value,
  };
  const params = filters.parameters();
  if (Object.keys(params).length) message.parametros = params;
  if (!chain.isEmpty()) message.cadenas = [chain.toMessage()];
  if (images.folder) message.entrada = images.folder;
  if ($('format-select').value) message.formato = $('format-select').value;
  message.calidad = Number(quality.value);
  // The server redoes everything unless told otherwise (as the seed did); the page asks for an
  // incremental run unless the box is ticked.
  message.forzar = $('force-check').checked;
  return message;
}

$('start').addEventListener('click', () => {
  if (connection.send(buildRequest())) $('start').disabled = true;
  setTimeout(updateRunState, 400); // re-enabled for queueing once the server answered
});
$('cancel').addEventListener('click', () => connection.send({ tipo: 'cancelar' }));
$('log-clear').addEventListener('click', () => log.clear());

// ---------- history ----------
jobHistory.addEventListener('view', (e) => showJob(e.detail.id));
jobHistory.addEventListener('rerun', (e) => {
  log.add(t('history.rerunDone', { id: e.detail.job }), 'info');
  state.currentJob = e.detail.job;
});
jobHistory.addEventListener('error', (e) => {
  log.add(httpMessage(e.detail), 'warn');
  connection.send({ tipo: 'listar_trabajos' }); // the same list over the WebSocket
});

async function showJob(id, { intoProgress = false } = {}) {
  try {
    const details = await getJson(`/api/jobs/${encodeURIComponent(id)}`);
    if (intoProgress) progress.showSummary(details);
    results.show(fromDetails(details));
    jobHistory.markCurrent(id);
    $('results-card').scrollIntoView({ behavior: 'smooth', block: 'start' });
    return details;
  } catch (error) {
    log.add(httpMessage(error), 'error');
    return null;
  }
}

// ---------- connection ----------
function updateConnection(detail) {
  const pill = $('connection');
  pill.className = `pill pill-${detail.state}`;
  $('connection-text').textContent = detail.state === 'disconnected' && detail.delay
    ? `${t('conn.disconnected')} · ${t('conn.retryIn', { s: Math.ceil(detail.delay / 1000) })}`
    : t(`conn.${detail.state}`);
  updateRunState();
}

connection.addEventListener('state', (e) => {
  const { state: s, wasConnected, delay } = e.detail;
  updateConnection(e.detail);
  if (s === 'connected') {
    log.add(t('log.connected'), 'ok');
    connection.send({ tipo: 'listar_filtros' });
    connection.send({ tipo: 'listar_imagenes' });
    connection.send({ tipo: 'estado' });
    clearInterval(state.pollTimer);
    state.pollTimer = setInterval(() => connection.send({ tipo: 'estado' }), ESTADO_POLL_MS);
    if (!state.schemaLoaded) loadSchema();
    jobHistory.load();
    // After an outage the folders and images may have changed (another client, a restart).
    if (state.everConnected) loadFolders().then(() => images.reload($('folder-select').value));
    state.everConnected = true;
  } else if (s === 'disconnected') {
    clearInterval(state.pollTimer);
    if (!wasConnected) probeAccess();
    if (wasConnected) log.add(t('log.disconnected', { s: Math.ceil(delay / 1000) }), 'warn');
  }
});

connection.addEventListener('message', (e) => handle(e.detail));

const handlers = {
  conexion() {},
  filtros(m) {
    if (!state.schemaLoaded && Array.isArray(m.datos)) {
      filters.setFilters(m.datos);
      chain.setFilters(filters.filters);
    }
  },
  imagenes(m) {
    images.setNames(m.datos?.imagenes ?? []);
  },
  aceptado(m) {
    if (m.trabajo) state.currentJob = m.trabajo;
    if (m.en_cola) log.add(t('log.queued', { n: m.posicion }), 'info');
    else log.add(m.mensaje ?? '', 'info');
  },
  inicio_procesamiento(m) {
    const d = m.datos ?? {};
    state.currentJob = d.trabajo ?? state.currentJob;
    state.serverBusy = true;
    progress.start(d);
    results.show(null);
    jobHistory.markCurrent(state.currentJob);
    const names = (d.filtros ?? []).map(labelOf).join(', ');
    log.add(t('log.jobStarted', { id: d.trabajo ?? '', n: d.total ?? d.imagenes ?? 0, filters: names, mode: t(`output.mode.${d.modo}`) }), 'info');
    updateRunState();
  },
  progreso(m) {
    const d = m.datos ?? {};
    progress.progress(d);
    // The filter is named only when the line is about one output.
    const what = d.filtro ? `${d.imagen} · ${labelOf(d.filtro)}` : d.imagen;
    if (d.estado === 'completado') log.add(what, 'ok');
    else if (d.estado === 'error') log.add(`${what}: ${d.mensaje ?? ''}`, 'error');
  },
  cancelado(m) {
    const d = m.datos ?? {};
    progress.cancelled(d);
    log.add(t('log.jobCancelled', { id: d.trabajo ?? '', n: d.procesadas ?? 0, total: d.total ?? 0 }), 'warn');
  },
  async finalizado(m) {
    const d = m.datos ?? {};
    progress.finished(d);
    state.serverBusy = false;
    updateRunState();
    const ok = (d.resultados ?? []).reduce((s, r) => s + (r.exitosas ?? 0), 0);
    const failed = (d.resultados ?? []).reduce((s, r) => s + (r.fallidas ?? 0), 0);
    log.add(t('log.jobDone', { id: d.trabajo ?? '', ok, failed }), failed ? 'warn' : 'ok');
    results.show(fromFinished(d, null));
    if (d.trabajo) {
      const details = await getJson(`/api/jobs/${encodeURIComponent(d.trabajo)}`).catch(() => null);
      if (details) results.show(fromFinished(d, details));
    }
    jobHistory.load();
  },
  estado(m) {
    const d = m.datos ?? {};
    state.serverBusy = Boolean(d.procesando);
    $('clients').textContent = d.clientes_conectados ?? '—';
    if (d.nucleos) $('cores').textContent = d.nucleos;
    const busy = $('busy');
    busy.textContent = t(d.procesando ? 'status.busy' : 'status.idle');
    busy.className = `pill${d.procesando ? ' pill-busy' : ''}`;
    reconcile(d);
    updateRunState();
  },
  error(m) {
    log.add(t('log.serverError', { message: m.mensaje ?? '' }), 'error');
    $('run-hint').textContent = m.mensaje ?? '';
    updateRunState();
    $('run-hint').textContent = m.mensaje ?? '';
  },
  info(m) {
    log.add(t('log.serverInfo', { message: m.mensaje ?? '' }), 'info');
  },
  trabajos(m) {
    const jobs = Array.isArray(m.datos) ? m.datos : [];
    jobHistory.setJobs(jobs);
    const followed = progress.job?.id ?? state.currentJob;
    const mine = jobs.find((j) => j.id === followed);
    if (mine && progress.running && !['running', 'queued'].includes(mine.state)) progress.showSummary(mine);
  },
};

function handle(message) {
  handlers[message.tipo]?.(message);
}

// A job this page was following ended while the page could not hear it (server restarted,
// network dropped): the server's job store has its final state.
let reconciling = false;
async function reconcile(estado) {
  const followed = progress.job?.id ?? state.currentJob;
  if (!progress.running || !followed || reconciling) return;
  if (estado.procesando && (!estado.trabajo || estado.trabajo === followed)) return;
  reconciling = true;
  try {
    const details = await getJson(`/api/jobs/${encodeURIComponent(followed)}`);
    if (details.state !== 'running' && details.state !== 'queued') {
      progress.showSummary(details);
      results.show(fromDetails(details));
      jobHistory.markCurrent(followed);
    }
  } catch {
    connection.send({ tipo: 'listar_trabajos' }); // answered by `trabajos`, which settles it
  } finally {
    reconciling = false;
  }
}

// Cores before the first estado: the browser's own count is a fair first guess only for a local
// server, so show nothing until the server says.
log.add(t('log.started'), 'info');
updateRunState();
loadSchema();
loadFolders().then(() => images.reload($('folder-select').value));
connection.start();
window.lote = { connection, filters, chain, images, preview, progress, results, jobHistory, label };

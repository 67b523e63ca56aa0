// Wires the page together: builds the panels, connects them to the server and to each other.
// What server messages change is in server-messages.js, the Start/Cancel rules in run-control.js.
import { applyStaticTexts, language, setLanguage, t, label } from './i18n.js';
import { getJson, webSocketUrl } from './api.js';
import { Connection } from './connection.js';
import { FilterPanel } from './filters.js';
import { ChainBuilder } from './chain.js';
import { ImageList } from './images.js';
import { setupUploads } from './uploads.js';
import { Preview } from './preview.js';
import { ProgressView } from './progress.js';
import { ResultsView, fromDetails } from './results.js';
import { HistoryView } from './history.js';
import { ActivityLog } from './log.js';
import { adoptTokenFromUrl, installTokenPrompt, probeAccess } from './token-prompt.js';
import { PreviewTargets } from './preview-targets.js';
import { RunControl } from './run-control.js';
import { messageHandlers } from './server-messages.js';
import { loadFolders, loadSchema } from './server-data.js';
import { httpMessage } from './errors.js';
import { OwnJobs } from './own-jobs.js';
import { Viewer } from './viewer.js';
import { Notifier } from './notify.js';
import { loadIntoEditor } from './settings-form.js';
import { PresetsPanel } from './presets.js';

const $ = (id) => document.getElementById(id);
const ESTADO_POLL_MS = 3000;

document.documentElement.lang = language();
applyStaticTexts(document);

const app = { $ };
app.state = {
  schemaLoaded: false,
  serverBusy: false,
  pollTimer: 0,
  everConnected: false,
};
app.own = new OwnJobs();
app.notifier = new Notifier($('announce'));
app.log = new ActivityLog($('log'));
app.connection = new Connection(webSocketUrl);
app.filters = new FilterPanel({ list: $('filter-list'), count: $('filters-count') });
app.labelOf = (id) => app.filters.labelOf(id);
app.chain = new ChainBuilder({
  list: $('chain-steps'), empty: $('chain-empty'), name: $('chain-name'), addSelect: $('chain-add-select'),
  addButton: $('chain-add'), clearButton: $('chain-clear'), lookup: (id) => app.filters.byId(id),
});
app.images = new ImageList({ list: $('image-list'), empty: $('image-list-empty'), count: $('images-count') });
app.preview = new Preview({
  before: $('preview-before'), after: $('preview-after'), afterFrame: $('preview-after-frame'),
  status: $('preview-status'), target: $('preview-target'),
});
app.progress = new ProgressView({
  bar: $('progressbar'), fill: $('progress-fill'), percent: $('progress-percent'), caption: $('progress-caption'),
  state: $('progress-state'), elapsed: $('m-elapsed'), processed: $('m-processed'), total: $('m-total'),
  speed: $('m-speed'), average: $('m-average'), eta: $('m-eta'), perCore: $('m-per-core'), failed: $('m-failed'),
  chart: $('chart'), perFilter: $('per-filter'), perFilterTitle: $('per-filter-title'),
  mini: { box: $('run-progress'), state: $('run-progress-state'), fill: $('run-progress-fill'), text: $('run-progress-text') },
}, app.labelOf);
app.viewer = new Viewer({
  dialog: $('viewer'), title: $('viewer-title'), position: $('viewer-position'), image: $('viewer-image'),
  before: $('viewer-before'), body: $('viewer-body'), split: $('viewer-split'), download: $('viewer-download'),
  close: $('viewer-close'), prev: $('viewer-prev'), next: $('viewer-next'), zoom: $('viewer-zoom'),
});
app.results = new ResultsView({
  list: $('results'), empty: $('results-empty'), job: $('results-job'), zip: $('zip-all'),
  failures: $('failures'), failureList: $('failure-list'),
}, app.labelOf, app.viewer);
app.jobHistory = new HistoryView({ body: $('history').tBodies[0], empty: $('history-empty'), refresh: $('history-refresh') }, app.labelOf);
app.targets = new PreviewTargets({
  select: $('preview-target'), field: $('preview-target-field'), filters: app.filters, chain: app.chain, labelOf: app.labelOf,
});
app.progress.onRender = (jobState, percent) => app.notifier.progress(jobState, percent);
app.run = new RunControl(app);
app.updateRunState = () => app.run.update();
app.presets = new PresetsPanel(app);
// One line under the metadata choice on what it keeps.
const metadataHelp = () => { $('metadata-help').textContent = t(`meta.help.${$('metadata-select').value}`); };
$('metadata-select').addEventListener('change', metadataHelp);
metadataHelp();
// Why Start must wait for a fix in the form, or ''.
app.validation = () => {
  const paramLabel = (id, param) => label(app.filters.byId(id)?.params?.find((p) => p.id === param)?.label, param);
  const f = app.filters.firstProblem();
  if (f) return t('run.fixFilter', { filter: app.labelOf(f.filter), param: paramLabel(f.filter, f.param), problem: t(f.key, f.vars) });
  const c = app.chain.firstProblem();
  if (c) return t('run.fixStep', { n: c.step, filter: app.labelOf(c.filter), param: paramLabel(c.filter, c.param), problem: t(c.key, c.vars) });
  return '';
};
app.showBusy = (busy) => {
  const pill = $('busy');
  pill.textContent = t(busy ? 'status.busy' : 'status.idle');
  pill.className = `pill${busy ? ' pill-busy' : ''}`;
};
app.showOtherJobs = (n) => {
  const pill = $('other-jobs');
  pill.hidden = n === 0;
  pill.textContent = t('status.otherJobs', { n });
};

const { log, connection, filters, chain, images, preview, progress, results, jobHistory, state, targets } = app;

installTokenPrompt({ dialog: $('token-dialog'), input: $('token-input'), error: $('token-error'), connection });
adoptTokenFromUrl();

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
  app.viewer.relabel();
  jobHistory.relabel();
  updateConnection({ state: connection.state });
  targets.update();
  preview.refresh();
  metadataHelp();
  app.presets.load();
  app.updateRunState();
});

// ---------- images ----------
$('folder-select').addEventListener('change', (e) => images.reload(e.target.value));
$('images-refresh').addEventListener('click', async () => {
  await loadFolders(app);
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
  if (id && filters.selected().includes(id)) targets.current = id;
  targets.update();
  app.updateRunState();
  preview.refresh();
});
chain.addEventListener('change', () => {
  if (!chain.isEmpty()) targets.current = '@chain';
  targets.update();
  app.updateRunState();
  preview.refresh();
});
$('preview-target').addEventListener('change', (e) => {
  targets.current = e.target.value;
  preview.refresh();
});
preview.describe = () => targets.describe();

$('log-clear').addEventListener('click', () => log.clear());

// ---------- history ----------
jobHistory.addEventListener('view', (e) => showJob(e.detail.id));
jobHistory.addEventListener('edit', async (e) => {
  await loadIntoEditor(app, e.detail.settings);
  log.add(t('history.loaded', { id: e.detail.id }), 'info');
  $('filters-card').scrollIntoView({ behavior: 'smooth', block: 'start' });
});
jobHistory.addEventListener('rerun', (e) => {
  log.add(t('history.rerunDone', { id: e.detail.job }), 'info');
  app.own.add(e.detail.job);
  app.updateRunState();
});
jobHistory.addEventListener('error', (e) => {
  log.add(httpMessage(e.detail), 'warn');
  connection.send({ tipo: 'listar_trabajos' }); // the same list over the WebSocket
});

async function showJob(id) {
  try {
    const details = await getJson(`/api/jobs/${encodeURIComponent(id)}`);
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
  app.updateRunState();
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
    if (!state.schemaLoaded) loadSchema(app);
    jobHistory.load();
    app.presets.load();
    // After an outage the folders and images may have changed (another client, a restart).
    if (state.everConnected) loadFolders(app).then(() => images.reload($('folder-select').value));
    state.everConnected = true;
  } else if (s === 'disconnected') {
    clearInterval(state.pollTimer);
    app.own.starting = false; // an unanswered Start may be lost with the connection
    if (!wasConnected) probeAccess();
    if (wasConnected) log.add(t('log.disconnected', { s: Math.ceil(delay / 1000) }), 'warn');
  }
});

const handlers = messageHandlers(app);
connection.addEventListener('message', (e) => handlers[e.detail.tipo]?.(e.detail));

log.add(t('log.started'), 'info');
app.updateRunState();
loadSchema(app);
loadFolders(app).then(() => images.reload($('folder-select').value));
connection.start();
window.lote = { connection, filters, chain, images, preview, progress, results, jobHistory, label };

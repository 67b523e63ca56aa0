// The Start and Cancel buttons: what a `procesar` request holds, and when each button may be used.
import { t } from './i18n.js';

const QUEUE_SETTLE_MS = 1000;

export class RunControl {
  constructor(app) {
    this.app = app;
    const { $ } = app;
    this.startButton = $('start');
    this.cancelButton = $('cancel');
    this.hint = $('run-hint');
    this.quality = $('quality-range');
    this.quality.addEventListener('input', () => { $('quality-value').textContent = this.quality.value; });
    this.queueButton = $('queue-another');
    this.startButton.addEventListener('click', () => this.start());
    // It appears where the pointer of an impatient double click may still be: clicks in its first
    // moment are not taken as the deliberate act it stands for.
    this.queueButton.addEventListener('click', () => {
      if (performance.now() - this.queueShownAt < QUEUE_SETTLE_MS) return;
      this.start({ deliberate: true });
    });
    this.queueShownAt = 0;
    this.cancelButton.addEventListener('click', () => this.cancel());
  }

  outputsPerImage() {
    const { filters, chain } = this.app;
    return filters.selected().length + (chain.isEmpty() ? 0 : 1);
  }

  // Why Start cannot be used now, or '' when it can.
  blocker() {
    const { connection, own } = this.app;
    if (!connection.connected) return t('run.notConnected');
    if (own.starting) return t('run.starting');
    if (own.busy) return t('run.ownJobRunning');
    if (this.outputsPerImage() === 0) return t('run.nothingSelected');
    const invalid = this.app.validation?.() ?? '';
    return invalid;
  }

  update() {
    const { connection, own, progress } = this.app;
    const connected = connection.connected;
    const why = this.blocker();
    this.startButton.disabled = Boolean(why);
    // A second job is a deliberate act: its own button, offered only while one of ours runs.
    const canQueue = connected && own.busy && !own.starting && this.outputsPerImage() > 0
      && !(this.app.validation?.() ?? '');
    const showQueue = own.busy && !own.starting;
    if (showQueue && this.queueButton.hidden) this.queueShownAt = performance.now();
    this.queueButton.hidden = !showQueue;
    this.queueButton.disabled = !canQueue;
    this.cancelButton.disabled = !connected || !(own.active.size > 0 || progress.running);
    this.hint.textContent = why || t('run.ready', { n: this.outputsPerImage() });
    // While one of this page's jobs runs, its progress matters more than a sticky preview.
    document.body.classList.toggle('job-active', own.busy || progress.running);
  }

  request() {
    const { $, filters, chain, images } = this.app;
    const message = {
      tipo: 'procesar',
      filtros: filters.selected(),
      modo: $('mode-select').value,
    };
    const params = filters.parameters();
    if (Object.keys(params).length) message.parametros = params;
    if (!chain.isEmpty()) message.cadenas = [chain.toMessage()];
    if (images.folder) message.entrada = images.folder;
    if ($('recursive-check').checked) message.recursivo = true;
    if ($('format-select').value) message.formato = $('format-select').value;
    message.calidad = Number(this.quality.value);
    // The server redoes everything unless told otherwise (as the seed did); the page asks for an
    // incremental run unless the box is ticked.
    message.forzar = $('force-check').checked;
    // Names and metadata: sent only when they differ from the server's defaults, so a request
    // reads like what the user changed.
    const sub = $('output-folder').value.trim().replace(/^\/+|\/+$/g, '');
    if (sub) message.salida = sub;
    const template = $('name-template').value.trim();
    if (template) message.plantilla = template;
    if ($('slug-check').checked) message.slug = true;
    if ($('conflict-select').value !== 'overwrite') message.conflictos = $('conflict-select').value;
    if ($('metadata-select').value !== 'all') message.metadatos = $('metadata-select').value;
    if ($('no-location-check').checked) message.sin_ubicacion = true;
    if ($('artist-input').value.trim()) message.artista = $('artist-input').value.trim();
    if ($('copyright-input').value.trim()) message.copyright = $('copyright-input').value.trim();
    if ($('srgb-check').checked) message.a_srgb = true;
    if (this.app.presets?.applied) message.preset = this.app.presets.applied;
    return message;
  }

  // Start (or "Queue another job"): one request per click, and none while an answer is awaited,
  // so a double click never makes two jobs.
  start({ deliberate = false } = {}) {
    const { own, connection } = this.app;
    if (own.starting || (own.busy && !deliberate) || (!deliberate && this.blocker())) return;
    if (!connection.send(this.request())) return;
    own.starting = true;
    this.app.notifier?.askPermission();
    this.update();
  }

  // Cancels the job this page follows (another person's job is theirs to cancel).
  cancel() {
    const { own, connection, progress } = this.app;
    const id = (progress.running && progress.job?.id) || own.followed || [...own.active][0];
    if (!connection.send(id ? { tipo: 'cancelar', trabajo: id } : { tipo: 'cancelar' })) return;
    // The page says it in its own words; the server's reply (an `info`) is then not repeated.
    this.app.log.add(t('log.cancelling'), 'warn');
    this.app.state.cancelAnswerPending = true;
  }

  // A server refusal stays in the hint until the next change.
  refused(text) {
    this.update();
    this.hint.textContent = text;
  }
}

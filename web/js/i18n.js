// Every string the page shows, in Spanish and English. Filter and parameter names come from the
// server's registry labels instead; this file holds only the page's own words.

const STRINGS = {
  es: {
    'app.title': 'lote — procesado de imágenes por lotes',
    'app.tagline': 'Procesado por lotes en todos los núcleos',
    'app.skip': 'Ir a la vista previa y el progreso',
    'lang.label': 'Idioma',
    'conn.connected': 'Conectado',
    'conn.connecting': 'Conectando…',
    'conn.disconnected': 'Sin conexión',
    'conn.retryIn': 'Reintento en {s} s',
    'status.cores': 'Núcleos',
    'status.clients': 'Clientes',
    'status.busy': 'Procesando',
    'status.idle': 'En espera',
    'images.title': 'Imágenes',
    'images.folder': 'Carpeta de entrada',
    'images.rootFolder': '(carpeta principal)',
    'images.refresh': 'Actualizar',
    'images.count': '{n} imágenes',
    'images.countOne': '1 imagen',
    'images.empty': 'No hay imágenes en esta carpeta.',
    'images.loading': 'Cargando…',
    'images.refused': 'No se procesará',
    'images.add': 'Añadir imágenes',
    'images.drop': 'Suelta aquí las fotos para subirlas',
    'images.dropHint': 'o arrástralas sobre esta lista',
    'images.uploading': 'Subiendo {n} archivo(s)…',
    'images.uploaded': 'Subida: {name}',
    'images.uploadedRenamed': 'Subida: {name} (guardada como {saved})',
    'images.uploadFailed': 'No se pudo subir {name}: {error}',
    'images.previewThis': 'Previsualizar {name}',
    'filters.title': 'Filtros',
    'filters.all': 'Todos',
    'filters.none': 'Ninguno',
    'filters.seed': 'Filtros clásicos',
    'filters.operations': 'Operaciones',
    'filters.selected': '{n} seleccionados',
    'filters.loading': 'Cargando filtros…',
    'params.optional': 'opcional',
    'params.reset': 'Valores por defecto',
    'chain.title': 'Cadena de pasos',
    'chain.hint': 'Aplica varios pasos en orden y escribe una sola salida por imagen.',
    'chain.name': 'Nombre de la cadena',
    'chain.namePlaceholder': 'Automático: los pasos unidos con +',
    'chain.addStep': 'Añadir paso',
    'chain.stepFilter': 'Operación del paso nuevo',
    'chain.empty': 'Sin pasos. Añade uno para crear una cadena.',
    'chain.up': 'Subir',
    'chain.down': 'Bajar',
    'chain.remove': 'Quitar',
    'chain.step': 'Paso {n}',
    'chain.clear': 'Vaciar',
    'output.title': 'Salida',
    'output.mode': 'Modo',
    'output.mode.procesos': 'Procesos',
    'output.mode.threads': 'Hilos',
    'output.format': 'Formato',
    'output.format.original': 'Como el original',
    'output.quality': 'Calidad',
    'output.force': 'Rehacer salidas ya al día',
    'run.start': 'Iniciar',
    'run.cancel': 'Cancelar',
    'run.nothingSelected': 'Elige al menos un filtro o un paso de cadena.',
    'run.notConnected': 'Sin conexión con el servidor.',
    'run.ready': 'Listo para procesar {n} salida(s) por imagen.',
    'preview.title': 'Vista previa',
    'preview.before': 'Antes',
    'preview.after': 'Después',
    'preview.target': 'Mostrar',
    'preview.chain': 'Cadena: {name}',
    'preview.pickImage': 'Elige una imagen de la lista para ver el resultado.',
    'preview.pickFilter': 'Selecciona un filtro o crea una cadena.',
    'preview.loading': 'Calculando…',
    'preview.failed': 'No se pudo generar la vista previa: {error}',
    'progress.title': 'Progreso',
    'progress.idle': 'Sin trabajos en marcha.',
    'progress.running': 'Procesando {filters}',
    'progress.done': 'Terminado',
    'progress.cancelled': 'Cancelado',
    'progress.label': 'Progreso del trabajo',
    'progress.elapsed': 'Tiempo',
    'progress.processed': 'Procesadas',
    'progress.speed': 'Velocidad',
    'progress.eta': 'Restante',
    'progress.failed': 'Fallidas',
    'progress.perCore': 'Por núcleo',
    'progress.average': 'Media',
    'progress.perFilter': 'Por filtro',
    'progress.chart': 'Imágenes por segundo a lo largo del trabajo',
    'progress.skipped': '{n} ya estaban al día',
    'unit.ips': 'img/s',
    'results.title': 'Resultados',
    'results.none': 'Los resultados aparecerán aquí al terminar un trabajo.',
    'results.time': 'Tiempo',
    'results.ok': 'Correctas',
    'results.failed': 'Fallidas',
    'results.perImage': 'Por imagen',
    'results.cores': 'Núcleos',
    'results.skipped': 'Omitidas',
    'results.zip': 'Descargar todo (.zip)',
    'results.zipFilter': 'Descargar .zip',
    'results.failures': 'Fallos',
    'results.open': 'Abrir {name}',
    'results.more': 'Mostrar {n} más',
    'results.job': 'Trabajo {id}',
    'results.close': 'Cerrar',
    'results.download': 'Descargar',
    'history.title': 'Historial',
    'history.refresh': 'Actualizar',
    'history.empty': 'Todavía no hay trabajos.',
    'history.when': 'Fecha',
    'history.filters': 'Filtros',
    'history.state': 'Estado',
    'history.images': 'Imágenes',
    'history.view': 'Ver',
    'history.rerun': 'Repetir',
    'history.rerunDone': 'Trabajo repetido como {id}',
    'state.queued': 'En cola',
    'state.running': 'En marcha',
    'state.done': 'Terminado',
    'state.cancelled': 'Cancelado',
    'state.failed': 'Fallido',
    'state.interrupted': 'Interrumpido',
    'log.title': 'Actividad',
    'log.clear': 'Limpiar',
    'log.started': 'Página iniciada.',
    'log.connected': 'Conectado al servidor.',
    'log.disconnected': 'Conexión perdida; reintentando en {s} s.',
    'log.jobStarted': 'Trabajo {id}: {n} imágenes, {filters} ({mode}).',
    'log.jobDone': 'Trabajo {id} terminado: {ok} correctas, {failed} fallidas.',
    'log.jobCancelled': 'Trabajo {id} cancelado tras {n} de {total}.',
    'log.queued': 'Trabajo en cola (posición {n}).',
    'log.serverError': 'Servidor: {message}',
    'log.serverInfo': 'Servidor: {message}',
    'token.title': 'Se necesita un token',
    'token.text': 'Este servidor pide un token de acceso. Lo encontrarás en la salida de «lote serve».',
    'token.label': 'Token',
    'token.submit': 'Entrar',
    'token.wrong': 'El token no es válido.',
    'error.http': 'Error {status} ({path}): {message}',
    'error.network': 'No se pudo contactar con el servidor.',
    'dialog.close': 'Cerrar',
  },
  en: {
    'app.title': 'lote — batch image processing',
    'app.tagline': 'Batch processing on every core',
    'app.skip': 'Skip to preview and progress',
    'lang.label': 'Language',
    'conn.connected': 'Connected',
    'conn.connecting': 'Connecting…',
    'conn.disconnected': 'Disconnected',
    'conn.retryIn': 'Retrying in {s} s',
    'status.cores': 'Cores',
    'status.clients': 'Clients',
    'status.busy': 'Processing',
    'status.idle': 'Idle',
    'images.title': 'Images',
    'images.folder': 'Input folder',
    'images.rootFolder': '(main folder)',
    'images.refresh': 'Refresh',
    'images.count': '{n} images',
    'images.countOne': '1 image',
    'images.empty': 'No images in this folder.',
    'images.loading': 'Loading…',
    'images.refused': 'Will not be processed',
    'images.add': 'Add images',
    'images.drop': 'Drop photos here to upload them',
    'images.dropHint': 'or drag them onto this list',
    'images.uploading': 'Uploading {n} file(s)…',
    'images.uploaded': 'Uploaded: {name}',
    'images.uploadedRenamed': 'Uploaded: {name} (saved as {saved})',
    'images.uploadFailed': 'Could not upload {name}: {error}',
    'images.previewThis': 'Preview {name}',
    'filters.title': 'Filters',
    'filters.all': 'All',
    'filters.none': 'None',
    'filters.seed': 'Classic filters',
    'filters.operations': 'Operations',
    'filters.selected': '{n} selected',
    'filters.loading': 'Loading filters…',
    'params.optional': 'optional',
    'params.reset': 'Defaults',
    'chain.title': 'Chain of steps',
    'chain.hint': 'Applies several steps in order and writes one output per image.',
    'chain.name': 'Chain name',
    'chain.namePlaceholder': 'Automatic: the steps joined with +',
    'chain.addStep': 'Add step',
    'chain.stepFilter': 'Operation for the new step',
    'chain.empty': 'No steps. Add one to build a chain.',
    'chain.up': 'Move up',
    'chain.down': 'Move down',
    'chain.remove': 'Remove',
    'chain.step': 'Step {n}',
    'chain.clear': 'Clear',
    'output.title': 'Output',
    'output.mode': 'Mode',
    'output.mode.procesos': 'Processes',
    'output.mode.threads': 'Threads',
    'output.format': 'Format',
    'output.format.original': 'Same as original',
    'output.quality': 'Quality',
    'output.force': 'Redo outputs that are up to date',
    'run.start': 'Start',
    'run.cancel': 'Cancel',
    'run.nothingSelected': 'Choose at least one filter or chain step.',
    'run.notConnected': 'Not connected to the server.',
    'run.ready': 'Ready to write {n} output(s) per image.',
    'preview.title': 'Preview',
    'preview.before': 'Before',
    'preview.after': 'After',
    'preview.target': 'Show',
    'preview.chain': 'Chain: {name}',
    'preview.pickImage': 'Pick an image from the list to see the result.',
    'preview.pickFilter': 'Select a filter or build a chain.',
    'preview.loading': 'Rendering…',
    'preview.failed': 'Could not render the preview: {error}',
    'progress.title': 'Progress',
    'progress.idle': 'No job running.',
    'progress.running': 'Processing {filters}',
    'progress.done': 'Finished',
    'progress.cancelled': 'Cancelled',
    'progress.label': 'Job progress',
    'progress.elapsed': 'Elapsed',
    'progress.processed': 'Processed',
    'progress.speed': 'Speed',
    'progress.eta': 'Remaining',
    'progress.failed': 'Failed',
    'progress.perCore': 'Per core',
    'progress.average': 'Average',
    'progress.perFilter': 'Per filter',
    'progress.chart': 'Images per second over the job',
    'progress.skipped': '{n} were already up to date',
    'unit.ips': 'img/s',
    'results.title': 'Results',
    'results.none': 'Results appear here when a job finishes.',
    'results.time': 'Time',
    'results.ok': 'Succeeded',
    'results.failed': 'Failed',
    'results.perImage': 'Per image',
    'results.cores': 'Cores',
    'results.skipped': 'Skipped',
    'results.zip': 'Download all (.zip)',
    'results.zipFilter': 'Download .zip',
    'results.failures': 'Failures',
    'results.open': 'Open {name}',
    'results.more': 'Show {n} more',
    'results.job': 'Job {id}',
    'results.close': 'Close',
    'results.download': 'Download',
    'history.title': 'History',
    'history.refresh': 'Refresh',
    'history.empty': 'No jobs yet.',
    'history.when': 'Date',
    'history.filters': 'Filters',
    'history.state': 'State',
    'history.images': 'Images',
    'history.view': 'View',
    'history.rerun': 'Run again',
    'history.rerunDone': 'Job run again as {id}',
    'state.queued': 'Queued',
    'state.running': 'Running',
    'state.done': 'Done',
    'state.cancelled': 'Cancelled',
    'state.failed': 'Failed',
    'state.interrupted': 'Interrupted',
    'log.title': 'Activity',
    'log.clear': 'Clear',
    'log.started': 'Page started.',
    'log.connected': 'Connected to the server.',
    'log.disconnected': 'Connection lost; retrying in {s} s.',
    'log.jobStarted': 'Job {id}: {n} images, {filters} ({mode}).',
    'log.jobDone': 'Job {id} finished: {ok} succeeded, {failed} failed.',
    'log.jobCancelled': 'Job {id} cancelled after {n} of {total}.',
    'log.queued': 'Job queued (position {n}).',
    'log.serverError': 'Server: {message}',
    'log.serverInfo': 'Server: {message}',
    'token.title': 'A token is required',
    'token.text': 'This server asks for an access token. You will find it in the output of “lote serve”.',
    'token.label': 'Token',
    'token.submit': 'Sign in',
    'token.wrong': 'That token is not valid.',
    'error.http': 'Error {status} ({path}): {message}',
    'error.network': 'Could not reach the server.',
    'dialog.close': 'Close',
  },
};

export const LANGUAGES = ['es', 'en'];
const STORAGE_KEY = 'lote.lang';
let current = pickInitialLanguage();

function pickInitialLanguage() {
  const stored = safeStorageGet(STORAGE_KEY);
  if (LANGUAGES.includes(stored)) return stored;
  const nav = (globalThis.navigator?.language || 'es').slice(0, 2).toLowerCase();
  return LANGUAGES.includes(nav) ? nav : 'en';
}

function safeStorageGet(key) {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null; // storage can be disabled; the language then simply is not remembered
  }
}

export function language() {
  return current;
}

export function setLanguage(lang) {
  if (!LANGUAGES.includes(lang) || lang === current) return;
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* not remembered, still switched */
  }
  document.documentElement.lang = lang;
  applyStaticTexts(document);
  document.dispatchEvent(new CustomEvent('langchange', { detail: lang }));
}

// t('key', {name: 'x'}) fills {name} placeholders; a missing key shows itself so it gets noticed.
export function t(key, vars = {}) {
  const text = STRINGS[current][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}

// A registry label {es, en} in the current language.
export function label(l, fallback = '') {
  if (!l) return fallback;
  return l[current] || l.en || l.es || fallback;
}

// Elements carry data-i18n="key" (text), data-i18n-aria-label, data-i18n-title, data-i18n-placeholder.
export function applyStaticTexts(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const attr of ['aria-label', 'title', 'placeholder']) {
    const dataName = `i18n${attr.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase())}`;
    for (const el of root.querySelectorAll(`[data-i18n-${attr}]`)) {
      el.setAttribute(attr, t(el.dataset[dataName]));
    }
  }
  document.title = t('app.title');
}

const numberFormats = new Map();
export function formatNumber(value, digits = 0) {
  const key = `${current}:${digits}`;
  if (!numberFormats.has(key)) {
    numberFormats.set(key, new Intl.NumberFormat(current, {
      minimumFractionDigits: digits, maximumFractionDigits: digits,
    }));
  }
  return numberFormats.get(key).format(value);
}

// 75 -> "1 min 15 s"; keeps the display short and stable while numbers change quickly.
export function formatDuration(seconds) {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 10) return `${formatNumber(seconds, 1)} s`;
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export function formatBytes(bytes) {
  if (!Number.isFinite(bytes)) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, 0)} KB`;
  return `${formatNumber(bytes / (1024 * 1024), 1)} MB`;
}

export function formatDate(value) {
  if (value == null || value === '') return '—';
  const date = typeof value === 'number' ? new Date(value < 1e12 ? value * 1000 : value) : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toLocaleString(current, { dateStyle: 'short', timeStyle: 'short' });
}

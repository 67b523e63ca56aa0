// The page's languages: picks one (stored choice, then the browser's), switches, fills
// placeholders and formats numbers, durations and dates. The words are in strings-es.js and
// strings-en.js.
import { ES } from './strings-es.js';
import { EN } from './strings-en.js';

const STRINGS = { es: ES, en: EN };

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

// t(key, {name: 'x'}) fills {name} placeholders; a missing key shows itself so it gets noticed.
export function t(key, vars = {}) {
  return translate(current, key, vars);
}

// The same in a given language. When the count `n` is 1, a `<key>.one` text is used if there is
// one ("1 seleccionado", not "1 seleccionados").
export function translate(lang, key, vars = {}) {
  const table = STRINGS[lang] ?? STRINGS.en;
  const singular = vars.n === 1 ? table[`${key}.one`] : undefined;
  const text = singular ?? table[key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}

export function hasText(key) {
  return key in STRINGS[current] || key in STRINGS.en;
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

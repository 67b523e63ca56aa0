// Turns what went wrong into words of the page's language: an HTTP error, a network failure, or a
// server message. The server gives each message a stable code (`codigo` on the WebSocket, `code`
// on HTTP) with its parameters; a code the page knows is shown in the page's language, anything
// else in the server's own words.
import { t, hasText } from './i18n.js';
import { HttpError } from './api.js';

// A param's value in words: the ids some params carry (a reason, a pool) have their own words;
// a list is shown comma-separated.
function paramWords(name, value) {
  if (Array.isArray(value)) return value.join(', ');
  const key = `server.param.${name}.${value}`;
  return typeof value === 'string' && hasText(key) ? t(key) : value;
}

// A code's sentence with its params filled in; null when the page has no words for the code (or
// for the code a `cause` names), so the caller shows the server's own message instead.
export function codeText(code, params) {
  if (!code) return null;
  if (!hasText(`server.${code}`)) return null;
  // A code whose optional param is there may have a sentence that names it
  // (`server.invalid_preset.key`).
  const named = Object.keys(params ?? {}).map((name) => `server.${code}.${name}`).find(hasText);
  const key = named ?? `server.${code}`;
  const vars = {};
  for (const [name, value] of Object.entries(params ?? {})) vars[name] = paramWords(name, value);
  if (params && typeof params.cause === 'string') {
    const cause = codeText(params.cause, { ...params, cause: undefined });
    if (cause === null) return null;
    vars.cause = cause;
  }
  return t(key, vars);
}

// Until every server message carries a code, the seed protocol's fixed Spanish sentences are
// recognised by their wording (they are part of the protocol and do not change); what follows
// the sentence (a file name, the library's reason) is passed through as it is.
const KNOWN_SENTENCES = [
  [/^No se encontraron imágenes para procesar$/, 'server.noImages'],
  [/^Carpeta de salida inválida: ("[^"]*")/, 'server.badOutputFolder'],
  [/^Carpeta de entrada inválida: (.*)$/s, 'server.badInputFolder'],
  [/^Filtro desconocido: (.*)$/s, 'server.unknownFilter'],
  [/^Filtro repetido: (.*)$/s, 'server.repeatedFilter'],
  [/^Parámetro inválido: (.*)$/s, 'server.badParameter'],
  [/^Error en el procesamiento: (.*)$/s, 'server.jobFailed'],
  [/^Cancelando el trabajo (\S+)$/, 'server.cancellingJob'],
  [/^Cancelando el procesamiento$/, 'server.cancelling'],
  [/^No hay ningún procesamiento en curso$/, 'server.nothingRunning'],
  [/^Servidor detenido; el trabajo (\S+) continuará al reiniciar$/, 'server.stopped'],
  [/^Formato de mensaje inválido$/, 'server.badMessage'],
];

function sentenceText(text) {
  for (const [pattern, key] of KNOWN_SENTENCES) {
    const m = typeof text === 'string' ? text.match(pattern) : null;
    if (m) return t(key, { detail: m[1] ?? '' });
  }
  return null;
}

// A WebSocket message ({mensaje, codigo, parametros}) in the page's language.
export function serverText(message) {
  return codeText(message.codigo, message.parametros) ?? sentenceText(message.mensaje) ?? message.mensaje ?? '';
}

export function httpMessage(error) {
  if (error instanceof HttpError) {
    const text = codeText(error.code, error.params) ?? error.message;
    return t('error.http', { status: error.status, path: error.path, message: text });
  }
  return t('error.network');
}

// An exception's words alone (for a line that already says what failed).
export function errorText(error) {
  if (error instanceof HttpError) return codeText(error.code, error.params) ?? error.message;
  return error?.message || t('error.network');
}

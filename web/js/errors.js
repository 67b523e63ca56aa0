// Turns what went wrong into words of the page's language: an HTTP error, a network failure, or a
// server message. The server gives each message a stable code (`codigo` on the WebSocket, `code`
// on HTTP) with its parameters; a code the page knows is shown in the page's language, anything
// else in the server's own words.
import { t, hasText } from './i18n.js';
import { HttpError } from './api.js';

export function codeText(code, params) {
  if (!code) return null;
  const key = `server.${code}`;
  return hasText(key) ? t(key, params ?? {}) : null;
}

// A WebSocket message ({mensaje, codigo, parametros}) in the page's language.
export function serverText(message) {
  return codeText(message.codigo, message.parametros) ?? message.mensaje ?? '';
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

// HTTP access to lote's API: adds the session's token, turns error answers into exceptions with
// the server's message, and asks for a token when the server answers 401.

const TOKEN_KEY = 'lote.token';
let tokenPrompt = null; // set by the page: async () => void, resolves once a token was stored

// `code` and `params` are the server's stable error code and its values, when it sends them.
export class HttpError extends Error {
  constructor(status, message, path = '', code = '', params = {}) {
    super(message);
    this.status = status;
    this.path = path;
    this.code = code;
    this.params = params;
  }
}

export function token() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) || '';
  } catch {
    return '';
  }
}

export function setToken(value) {
  try {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    /* private mode: the token then lasts as long as this page */
  }
  memoryToken = value;
}
let memoryToken = '';

function currentToken() {
  return token() || memoryToken;
}

export function onUnauthorized(prompt) {
  tokenPrompt = prompt;
}

// A URL for places that cannot send headers (<img src>, <a href download>, the WebSocket).
export function withToken(url) {
  const t = currentToken();
  if (!t) return url;
  return `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(t)}`;
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) q.set(k, String(v));
  return q.toString();
}

export function webSocketUrl() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return withToken(`${scheme}//${location.host}/ws`);
}

async function errorBody(response) {
  try {
    const body = await response.json();
    return { message: body.error || body.message || response.statusText, code: body.code ?? '', params: body.params ?? {} };
  } catch {
    return { message: response.statusText || `HTTP ${response.status}`, code: '', params: {} };
  }
}

// fetch() with the token; retries once after the user gave a token on a 401.
export async function request(path, options = {}, retried = false) {
  const headers = new Headers(options.headers || {});
  const t = currentToken();
  if (t) headers.set('X-Lote-Token', t);
  const response = await fetch(path, { ...options, headers });
  if (response.status === 401 && tokenPrompt && !retried) {
    await tokenPrompt((await errorBody(response)).message);
    return request(path, options, true);
  }
  if (!response.ok) {
    const { message, code, params } = await errorBody(response);
    throw new HttpError(response.status, message, path.split('?')[0], code, params);
  }
  return response;
}

export async function getJson(path, options) {
  return (await request(path, options)).json();
}

export async function postJson(path, body, options = {}) {
  return request(path, {
    ...options,
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

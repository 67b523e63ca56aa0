// The access token: taken from a ?token= link, asked for in a dialog when the server answers 401,
// and checked before it is kept.
import { t } from './i18n.js';
import { getJson, onUnauthorized, setToken } from './api.js';

// Every 401 while the dialog is open waits for the same answer.
export function installTokenPrompt({ dialog, input, error, connection }) {
  let pending = null;
  onUnauthorized(() => {
    pending ??= askForToken({ dialog, input, error, connection }).finally(() => { pending = null; });
    return pending;
  });
}

function askForToken({ dialog, input, error, connection }) {
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
export function adoptTokenFromUrl() {
  const url = new URL(location.href);
  const given = url.searchParams.get('token');
  if (!given) return;
  setToken(given);
  url.searchParams.delete('token');
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
}

// When the WebSocket cannot even open, ask an HTTP endpoint why: a 401 there brings up the token
// prompt (a WebSocket refusal does not tell the page its status).
export async function probeAccess() {
  try {
    await getJson('/api/folders');
  } catch {
    /* unreachable or other error: the reconnect loop keeps trying */
  }
}

// One test's world: temp folders with sample images, a real `lote serve`, and a browser page on it.
import { openBrowser, recordMessages, screenshot } from './browser.js';
import { startServer, tempFolders } from './server.js';
import { writeSamples } from './images.js';

export async function openSession({ images = 4, imageSize = {}, locale = 'en-US', viewport, prepare, serverArgs = [], serverEnv = {}, query = '' } = {}) {
  const folders = tempFolders();
  const names = writeSamples(folders.input, images, imageSize);
  if (prepare) prepare(folders);
  const server = await startServer({ input: folders.input, output: folders.output, args: serverArgs, env: serverEnv });
  const browser = await openBrowser({ locale, viewport });
  const messages = recordMessages(browser.page);
  const sent = [];
  browser.page.on('websocket', (ws) => ws.on('framesent', ({ payload }) => {
    try { sent.push(JSON.parse(payload)); } catch { /* ignore */ }
  }));
  await browser.page.goto(server.url + query);
  await browser.page.locator('#connection.pill-connected').waitFor({ timeout: 15000 });
  return {
    folders, names, server, messages, sent,
    page: browser.page,
    browser,
    async close(name) {
      if (name) await screenshot(browser.page, name).catch(() => {});
      await browser.close();
      await server.stop();
      folders.remove();
    },
  };
}

export function lastMessage(messages, tipo) {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i].tipo === tipo) return messages[i];
  return null;
}

// Ticks a filter's checkbox in the filter list (filters are found by id, shown by label).
export async function selectFilter(page, id) {
  // The filter's own box (its parameters may have checkboxes too).
  const box = page.locator(`#filter-list [data-filter="${id}"] > label.check input[type="checkbox"]`);
  await box.waitFor();
  await box.check();
}

export async function waitForFinished(page, timeout = 60000) {
  await page.locator('#progress-state.done, #progress-state.cancelled, #progress-state.failed, #progress-state.interrupted')
    .waitFor({ timeout });
}

// A second browser (its own profile, so its own session) on the same server.
export async function openSecondPage(server, { locale = 'en-US', viewport } = {}) {
  const browser = await openBrowser({ locale, viewport });
  const messages = recordMessages(browser.page);
  await browser.page.goto(server.url);
  await browser.page.locator('#connection.pill-connected').waitFor({ timeout: 15000 });
  return { page: browser.page, browser, messages, close: () => browser.close() };
}

// Starts a job from the page and returns its id (from the server's aceptado).
export async function startJob(page, messages, name = /^(Start|Iniciar)$/) {
  const before = messages.filter((m) => m.tipo === 'aceptado').length;
  await page.getByRole('button', { name, exact: true }).click();
  for (let i = 0; i < 200; i++) {
    const accepted = messages.filter((m) => m.tipo === 'aceptado');
    if (accepted.length > before) return accepted[accepted.length - 1].trabajo;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the server did not accept the job');
}

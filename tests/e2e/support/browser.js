// Debian's Chromium driven by playwright-core: headless, no sandbox (root in CI), no outside
// connections, a fresh profile per test file.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts');
const EXECUTABLE = process.env.CHROMIUM || '/usr/bin/chromium';

export async function openBrowser({ locale = 'en-US', viewport = { width: 1366, height: 900 } } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lote-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: EXECUTABLE,
    headless: true,
    locale,
    viewport,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // A full-page capture would paint the sticky bars in the middle of the page: for the capture
  // only, they are shown where they sit in the page.
  const style = await page.addStyleTag({ content: '.topbar, .run-bar, #preview-card { position: static !important; } body { padding-bottom: 0 !important; }' }).catch(() => null);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  await style?.evaluate((el) => el.remove()).catch(() => {});
}

// Records every WebSocket message the page receives, parsed, for comparing with what it shows.
export function recordMessages(page) {
  const messages = [];
  page.on('websocket', (ws) => {
    ws.on('framereceived', ({ payload }) => {
      try {
        messages.push(JSON.parse(typeof payload === 'string' ? payload : payload.toString()));
      } catch {
        /* not JSON: not part of the protocol */
      }
    });
  });
  return messages;
}

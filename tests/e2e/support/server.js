// Starts a real `lote serve` for a test: temporary input and output folders, a free port
// (--port 0, the URL read from what the server prints), and a clean stop.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const BINARY = process.env.LOTE_BINARY || path.join(REPO, 'build/lote');
const START_TIMEOUT_MS = 30000;

export function tempFolders(prefix = 'lote-e2e-') {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const input = path.join(root, 'input');
  const output = path.join(root, 'output');
  fs.mkdirSync(input);
  fs.mkdirSync(output);
  return { root, input, output, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

// Resolves to {url, port, stop(), output()} once the server said where it listens.
export function startServer({ input, output, port = 0, args = [], env = {} }) {
  const child = spawn(BINARY, [
    'serve', '--host', '127.0.0.1', '--port', String(port), '--input', input, '--output', output,
    '--web', path.join(REPO, 'web'), '--no-samples', ...args,
  ], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let text = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`lote serve did not start in time:\n${text}`)), START_TIMEOUT_MS);
    const fail = (error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const onData = (data) => {
      text += data.toString();
      const match = text.match(/listening on (http:\/\/[^\s]+)/);
      if (match) {
        clearTimeout(timer);
        const url = new URL(match[1]);
        resolve({ url: url.origin + '/', port: Number(url.port), child, stop: () => stopServer(child), log: () => text });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`lote serve exited (${code}) before listening:\n${text}`)));
  });
}

export function stopServer(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 8000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

// A page of another site, open in the same browser as lote's page, tries what a hostile page
// would: re-run a job, request a preview, upload a file, delete a job, make thumbnails, submit
// forms, open the WebSocket. It is served by a second small HTTP server on another port, from
// `localhost` (another site) and from 127.0.0.1 (same host, another port: "same-site" to the
// browser). Every request is refused (403) and nothing changes; lote's own page keeps working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { openSession, selectFilter, waitForFinished } from './support/session.js';

function attackPage(target, job, image) {
  return `<!doctype html><meta charset="utf-8"><title>cute cats</title>
<iframe name="sink1"></iframe><iframe name="sink2"></iframe>
<form id="f1" method="POST" target="sink1" enctype="text/plain"
      action="${target}/api/jobs/${job}/rerun"><input name='{"a":"' value='"}'></form>
<form id="f2" method="POST" target="sink2" enctype="multipart/form-data"
      action="${target}/api/uploads"><input name="files" value="not a file"></form>
<script>
const T = ${JSON.stringify(target)}, JOB = ${JSON.stringify(job)}, IMG = ${JSON.stringify(image)};
window.results = [];
async function attempt(label, url, options) {
  try {
    const r = await fetch(url, options);
    results.push([label, r.type, r.status]);
  } catch (e) {
    results.push([label, 'blocked', String(e)]);
  }
}
function loaded(frame) {
  return new Promise((resolve) => { frame.onload = resolve; setTimeout(resolve, 5000); });
}
window.run = async () => {
  const preview = JSON.stringify({ image: IMG, filters: ['grises'] });
  await attempt('rerun', T + '/api/jobs/' + JOB + '/rerun', { method: 'POST', mode: 'no-cors' });
  await attempt('rerun-text', T + '/api/jobs/' + JOB + '/rerun',
    { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
  await attempt('preview-text', T + '/api/preview',
    { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: preview });
  await attempt('preview-json', T + '/api/preview',
    { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: preview });
  await attempt('delete', T + '/api/jobs/' + JOB + '?outputs=true', { method: 'DELETE' });
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0])]), 'evil.png');
  await attempt('upload', T + '/api/uploads', { method: 'POST', mode: 'no-cors', body: form });
  await attempt('zip', T + '/api/jobs/' + JOB + '/zip', { mode: 'no-cors' });
  await new Promise((resolve) => {
    const img = new Image();
    img.onload = () => { results.push(['thumbnail', 'loaded']); resolve(); };
    img.onerror = () => { results.push(['thumbnail', 'refused']); resolve(); };
    img.src = T + '/api/thumbnail?source=input&size=77&path=' + encodeURIComponent(IMG);
  });
  await new Promise((resolve) => {
    const ws = new WebSocket(T.replace('http', 'ws') + '/ws');
    ws.onopen = () => { results.push(['websocket', 'open']); ws.close(); resolve(); };
    ws.onerror = () => { results.push(['websocket', 'refused']); resolve(); };
  });
  const sinks = [loaded(document.getElementsByName('sink1')[0]), loaded(document.getElementsByName('sink2')[0])];
  document.getElementById('f1').submit();
  document.getElementById('f2').submit();
  await Promise.all(sinks);
  return results;
};
</script>`;
}

function startAttacker(pageFor) {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(pageFor(req.headers.host));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function filesUnder(folder) {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder, { recursive: true }).filter((f) => fs.statSync(path.join(folder, f)).isFile()).sort();
}

// Lote's own page keeps asking for result thumbnails after the job ends; the files are compared
// only once every picture on it has loaded and the folders have stopped changing.
async function settledFiles(page, folders) {
  const read = () => JSON.stringify(folders.map(filesUnder));
  let last = read();
  for (let stable = 0, round = 0; stable < 3 && round < 60; round++) {
    await page.waitForFunction(() => [...document.images].every((img) => img.complete), null, { timeout: 30000 });
    await new Promise((r) => setTimeout(r, 500));
    const now = read();
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
  const [input, output] = JSON.parse(last);
  return { input, output };
}

test('another site\'s page can neither change nor cost anything', { timeout: 180000 }, async () => {
  const s = await openSession({ images: 2 });
  let attacker = null;
  try {
    const { page } = s;
    const lote = s.server.url.replace(/\/$/, '');
    await selectFilter(page, 'grises');
    await page.getByRole('button', { name: 'Start' }).click();
    await waitForFinished(page);
    const jobs = await (await fetch(`${lote}/api/jobs`)).json();
    assert.equal(jobs.total, 1);
    const job = jobs.jobs[0].id;
    const image = (await (await fetch(`${lote}/api/images`)).json()).images[0].name;
    const before = await settledFiles(page, [s.folders.input, s.folders.output]);

    attacker = await startAttacker(() => attackPage(lote, job, image));
    const port = attacker.address().port;
    for (const origin of [`http://localhost:${port}`, `http://127.0.0.1:${port}`]) {
      const evil = await s.browser.context.newPage();
      const answered = [];
      evil.on('response', (r) => {
        if (r.url().startsWith(lote) && r.request().method() !== 'OPTIONS') answered.push([r.request().method(), r.url(), r.status()]);
      });
      await evil.goto(`${origin}/`);
      const results = await evil.evaluate(() => window.run());
      const outcome = Object.fromEntries(results.map(([label, ...rest]) => [label, rest]));
      assert.deepEqual(outcome.thumbnail, ['refused'], origin);
      assert.deepEqual(outcome.websocket, ['refused'], origin);
      // Preflighted requests (DELETE, JSON) never get past the browser's own check.
      assert.equal(outcome.delete[0], 'blocked', origin);
      assert.equal(outcome['preview-json'][0], 'blocked', origin);
      // What the browser did send reached lote and was refused.
      assert.ok(answered.length >= 7, `${origin}: ${JSON.stringify(answered)}`);
      for (const [method, url, status] of answered) assert.equal(status, 403, `${origin}: ${method} ${url}`);
      await evil.close();
    }

    // Nothing changed: one job, the same files, no upload, no thumbnail at the size asked for.
    const after = await (await fetch(`${lote}/api/jobs`)).json();
    assert.equal(after.total, 1);
    assert.equal(after.jobs[0].id, job);
    assert.deepEqual(filesUnder(s.folders.input), before.input);
    assert.deepEqual(filesUnder(s.folders.output), before.output);

    // Lote's own page still works: a preview of the selected image, and a re-run from the history.
    const preview = await page.evaluate(async ({ image }) => {
      const r = await fetch('/api/preview', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ image, filters: ['grises'], size: 64 }) });
      return [r.status, r.headers.get('content-type')];
    }, { image });
    assert.deepEqual(preview, [200, 'image/jpeg']);
    const rerun = await page.evaluate(async (id) => (await fetch(`/api/jobs/${id}/rerun`, { method: 'POST' })).status, job);
    assert.equal(rerun, 202);
  } finally {
    attacker?.close();
    await s.close('cross-site');
  }
});

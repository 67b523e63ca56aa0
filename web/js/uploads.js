// Adding photos: the file picker and drag-and-drop onto the image list both POST the files as
// multipart/form-data (field `files`) to /api/uploads, into the folder being shown.
import { request, query } from './api.js';
import { t } from './i18n.js';
import { errorText } from './errors.js';

export function setupUploads({ input, dropzone, status, folder, onUploaded, log }) {
  input.addEventListener('change', () => {
    const files = [...input.files];
    input.value = '';
    if (files.length) upload(files);
  });

  let depth = 0; // dragenter/leave fire for every child; count them to know when the drag left
  dropzone.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth += 1;
    dropzone.classList.add('dragging');
  });
  dropzone.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  });
  dropzone.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) dropzone.classList.remove('dragging');
  });
  dropzone.addEventListener('drop', (e) => {
    e.preventDefault();
    depth = 0;
    dropzone.classList.remove('dragging');
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) upload(files);
  });

  async function upload(files) {
    status.textContent = t('images.uploading', { n: files.length });
    status.classList.remove('error');
    const form = new FormData();
    for (const f of files) form.append('files', f, f.name);
    try {
      const response = await request(`/api/uploads?${query({ folder: folder() })}`, { method: 'POST', body: form });
      const body = await response.json();
      const results = body.files ?? [];
      const lines = results.map(describe);
      status.textContent = lines.join(' · ');
      status.classList.toggle('error', results.some((r) => !r.ok));
      for (const r of results) log(describe(r), r.ok ? 'ok' : 'error');
      onUploaded(results.filter((r) => r.ok).map((r) => r.saved ?? r.original));
    } catch (error) {
      const line = t('images.uploadFailed', { name: files.map((f) => f.name).join(', '), error: errorText(error) });
      status.textContent = line;
      status.classList.add('error');
      log(line, 'error');
    }
  }
}

function hasFiles(event) {
  return [...(event.dataTransfer?.types ?? [])].includes('Files');
}

function describe(r) {
  if (!r.ok) return t('images.uploadFailed', { name: r.original, error: r.error ?? '' });
  if (r.renamed && r.saved) return t('images.uploadedRenamed', { name: r.original, saved: r.saved });
  return t('images.uploaded', { name: r.original });
}

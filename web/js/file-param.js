// A step's file parameter (the logo's `archivo`): chosen among the input folder's PNG/WebP files
// or uploaded from the computer into the input folder, then picked. The value is the path
// relative to the input root, as the server expects.
import { getJson, query, request } from './api.js';
import { t } from './i18n.js';
import { errorText } from './errors.js';

export function fileControl(param, values, onChange, field, id) {
  const accept = (param.accept ?? ['png', 'webp']).map((x) => x.toLowerCase());
  const row = document.createElement('div');
  row.className = 'row gap-s file-param';
  const select = document.createElement('select');
  select.id = id;
  select.dataset.param = param.id;
  const upload = document.createElement('label');
  upload.className = 'btn btn-secondary btn-small file-button';
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = accept.map((x) => `.${x}`).join(',');
  const text = document.createElement('span');
  text.textContent = t('params.fileUpload');
  upload.append(input, text);
  const status = document.createElement('p');
  status.className = 'small muted';
  status.setAttribute('role', 'status');
  row.append(select, upload);
  field.append(row, status);

  const choose = (value) => {
    if (value) values[param.id] = value;
    else delete values[param.id];
    onChange(param.id);
  };
  select.addEventListener('change', () => choose(select.value));

  const fill = async (wanted = values[param.id] ?? '') => {
    let names = [];
    try {
      const answer = await getJson(`/api/images?${query({ folder: '', limit: 1000 })}`);
      names = (answer.images ?? [])
        .filter((i) => !i.refused && accept.includes(String(i.format).toLowerCase()))
        .map((i) => i.name);
    } catch (error) {
      status.textContent = errorText(error);
    }
    if (wanted && !names.includes(wanted)) names.unshift(wanted);
    const none = new Option(t('params.filePick'), '');
    select.replaceChildren(none, ...names.map((n) => new Option(n, n)));
    select.value = wanted;
  };

  input.addEventListener('change', async () => {
    const [file] = input.files;
    input.value = '';
    if (!file) return;
    status.textContent = t('images.uploading', { n: 1 });
    const form = new FormData();
    form.append('files', file, file.name);
    try {
      const response = await request(`/api/uploads?${query({ folder: '' })}`, { method: 'POST', body: form });
      const [r] = (await response.json()).files ?? [];
      if (!r?.ok) throw new Error(r?.error ?? '');
      const saved = r.saved ?? r.original;
      status.textContent = t('images.uploaded', { name: saved });
      await fill(saved);
      choose(saved);
    } catch (error) {
      status.textContent = t('images.uploadFailed', { name: file.name, error: errorText(error) });
    }
  });
  fill();
}

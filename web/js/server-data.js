// The registry schema and the input folders, read over HTTP.
import { t } from './i18n.js';
import { getJson } from './api.js';
import { httpMessage } from './errors.js';

export async function loadSchema(app) {
  try {
    const schema = await getJson('/api/filters');
    app.state.schemaLoaded = true;
    app.filters.setFilters(schema.filters ?? []);
    app.chain.setFilters(app.filters.filters);
  } catch (error) {
    app.log.add(httpMessage(error), 'warn'); // the WebSocket's `filtros` (ids only) fills in
  }
}

export async function loadFolders(app) {
  const select = app.$('folder-select');
  let folders = [''];
  try {
    const answer = await getJson('/api/folders');
    folders = answer.folders?.length ? answer.folders : [''];
  } catch (error) {
    app.log.add(httpMessage(error), 'warn');
  }
  const keep = select.value;
  select.replaceChildren(...folders.map((f) => {
    const o = document.createElement('option');
    o.value = f;
    o.textContent = f || t('images.rootFolder');
    return o;
  }));
  if (folders.includes(keep)) select.value = keep;
}

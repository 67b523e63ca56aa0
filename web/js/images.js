// The input images: a virtualised list (only the rows in view exist in the DOM, so 10,000 images
// scroll as smoothly as 10), pages fetched from GET /api/images as they come into view, and a
// keyboard-usable selection that picks the image for the preview.
import { formatBytes, formatNumber, t } from './i18n.js';
import { getJson, query, withToken } from './api.js';

const ROW_HEIGHT = 44;
const PAGE_SIZE = 200;
const OVERSCAN = 6;

export class ImageList extends EventTarget {
  constructor({ list, empty, count }) {
    super();
    this.listEl = list;
    this.spacer = list.querySelector('.image-list-spacer');
    this.emptyEl = empty;
    this.countEl = count;
    this.folder = '';
    this.total = 0;
    this.pages = new Map();       // page index -> array of image entries
    this.loading = new Map();     // page index -> promise
    this.selectedIndex = -1;
    this.selectedName = '';
    this.generation = 0;          // bumps on every reload so late answers of old lists are dropped
    this.frame = 0;
    this.rows = new Map();        // index -> row element currently shown
    this.apiAvailable = true;
    list.addEventListener('scroll', () => this.scheduleRender(), { passive: true });
    list.addEventListener('keydown', (e) => this.onKey(e));
    list.addEventListener('click', (e) => {
      const row = e.target.closest('.image-row');
      if (row) this.select(Number(row.dataset.index));
    });
    new ResizeObserver(() => this.scheduleRender()).observe(list);
  }

  async reload(folder = this.folder) {
    this.folder = folder;
    this.generation += 1;
    this.pages.clear();
    this.loading.clear();
    try {
      await this.loadPage(0);
      this.apiAvailable = true;
    } catch (error) {
      // Without the HTTP API the seed's WebSocket list (names only) still fills the list.
      this.apiAvailable = false;
      this.dispatchEvent(new CustomEvent('apierror', { detail: error }));
      return;
    }
    this.afterLoad();
  }

  // Names from the WebSocket `imagenes` message, used only when the HTTP list is unavailable.
  setNames(names) {
    if (this.apiAvailable) return;
    this.generation += 1;
    this.pages.clear();
    this.total = names.length;
    for (let p = 0; p * PAGE_SIZE < names.length; p++) {
      this.pages.set(p, names.slice(p * PAGE_SIZE, (p + 1) * PAGE_SIZE).map((name) => ({ name })));
    }
    this.afterLoad();
  }

  afterLoad() {
    const index = this.indexOfLoaded(this.selectedName);
    this.selectedIndex = index;
    if (index < 0 && this.selectedName) {
      this.selectedName = '';
      this.dispatchEvent(new CustomEvent('select', { detail: null }));
    }
    this.updateCount();
    this.clearRows();
    this.scheduleRender();
  }

  indexOfLoaded(name) {
    if (!name) return -1;
    for (const [p, items] of this.pages) {
      const i = items.findIndex((it) => it.name === name);
      if (i >= 0) return p * PAGE_SIZE + i;
    }
    return -1;
  }

  async loadPage(page) {
    if (this.pages.has(page)) return;
    if (this.loading.has(page)) return this.loading.get(page);
    const generation = this.generation;
    const promise = getJson(`/api/images?${query({ folder: this.folder, offset: page * PAGE_SIZE, limit: PAGE_SIZE })}`)
      .then((body) => {
        if (generation !== this.generation) return;
        this.total = body.total ?? body.images.length;
        this.pages.set(page, body.images ?? []);
      })
      .finally(() => this.loading.delete(page));
    this.loading.set(page, promise);
    return promise;
  }

  itemAt(index) {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  selected() {
    return this.selectedName ? { name: this.selectedName, folder: this.folder } : null;
  }

  // Selects the image with this name if it is in the list (used after an upload).
  selectByName(name) {
    const index = this.indexOfLoaded(name);
    if (index >= 0) this.select(index);
  }

  select(index) {
    const item = this.itemAt(index);
    if (!item) return;
    this.selectedIndex = index;
    this.selectedName = item.name;
    this.scrollIntoView(index);
    this.renderRows(true);
    this.dispatchEvent(new CustomEvent('select', { detail: { name: item.name, folder: this.folder } }));
  }

  onKey(event) {
    const pageRows = Math.max(1, Math.floor(this.listEl.clientHeight / ROW_HEIGHT) - 1);
    const moves = { ArrowDown: 1, ArrowUp: -1, PageDown: pageRows, PageUp: -pageRows };
    let next = null;
    if (event.key in moves) next = Math.max(0, this.selectedIndex) + (this.selectedIndex < 0 ? 0 : moves[event.key]);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = this.total - 1;
    if (next === null || this.total === 0) return;
    event.preventDefault();
    next = Math.min(this.total - 1, Math.max(0, next));
    const page = Math.floor(next / PAGE_SIZE);
    if (this.itemAt(next)) this.select(next);
    else this.loadPage(page).then(() => this.select(next), () => {});
  }

  scrollIntoView(index) {
    const top = index * ROW_HEIGHT;
    const view = this.listEl;
    if (top < view.scrollTop) view.scrollTop = top;
    else if (top + ROW_HEIGHT > view.scrollTop + view.clientHeight) view.scrollTop = top + ROW_HEIGHT - view.clientHeight;
  }

  updateCount() {
    this.countEl.textContent = this.total === 1 ? t('images.countOne') : t('images.count', { n: formatNumber(this.total) });
    this.emptyEl.hidden = this.total > 0;
    this.emptyEl.textContent = t('images.empty');
  }

  scheduleRender() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.renderRows(false);
    });
  }

  clearRows() {
    for (const row of this.rows.values()) row.remove();
    this.rows.clear();
  }

  relabel() {
    this.updateCount();
    this.clearRows();
    this.scheduleRender();
  }

  renderRows(refreshSelection) {
    this.spacer.style.height = `${this.total * ROW_HEIGHT}px`;
    const first = Math.max(0, Math.floor(this.listEl.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.total - 1, Math.ceil((this.listEl.scrollTop + this.listEl.clientHeight) / ROW_HEIGHT) + OVERSCAN);
    for (const [index, row] of this.rows) {
      if (index < first || index > last) {
        row.remove();
        this.rows.delete(index);
      }
    }
    const missingPages = new Set();
    for (let i = first; i <= last; i++) {
      const item = this.itemAt(i);
      if (!item) {
        missingPages.add(Math.floor(i / PAGE_SIZE));
        continue;
      }
      let row = this.rows.get(i);
      if (!row) {
        row = this.rowFor(item, i);
        this.rows.set(i, row);
        this.spacer.append(row);
      } else if (refreshSelection) {
        row.setAttribute('aria-selected', String(i === this.selectedIndex));
      }
    }
    if (this.selectedIndex >= 0) this.listEl.setAttribute('aria-activedescendant', `img-row-${this.selectedIndex}`);
    else this.listEl.removeAttribute('aria-activedescendant');
    for (const page of missingPages) {
      const generation = this.generation;
      this.loadPage(page)?.then(() => generation === this.generation && this.scheduleRender(), () => {});
    }
  }

  rowFor(item, index) {
    const row = document.createElement('div');
    row.className = `image-row${item.refused ? ' refused' : ''}`;
    row.id = `img-row-${index}`;
    row.setAttribute('role', 'option');
    row.setAttribute('aria-selected', String(index === this.selectedIndex));
    row.dataset.index = String(index);
    row.dataset.name = item.name;
    row.style.top = `${index * ROW_HEIGHT}px`;
    // The grey square stays when there is no thumbnail (refused input, server without them).
    const thumb = document.createElement('span');
    thumb.className = 'thumb';
    if (!item.refused) {
      const img = document.createElement('img');
      img.alt = '';
      img.loading = 'lazy';
      img.decoding = 'async';
      const path = this.folder ? `${this.folder}/${item.name}` : item.name;
      img.addEventListener('error', () => img.remove(), { once: true });
      img.src = withToken(`/api/thumbnail?${query({ source: 'input', path, size: 64 })}`);
      thumb.append(img);
    }
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = item.name;
    name.title = item.name;
    const meta = document.createElement('span');
    meta.className = 'meta';
    if (item.refused) {
      meta.textContent = item.reason || t('images.refused');
      row.title = `${t('images.refused')}: ${item.reason ?? ''}`;
    } else if (item.width) {
      meta.textContent = `${item.width}×${item.height} · ${formatBytes(item.bytes)}`;
    }
    row.append(thumb, name, meta);
    return row;
  }
}

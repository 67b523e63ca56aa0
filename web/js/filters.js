// The list of filters with a checkbox each and, for a selected filter, its parameter controls.
// Keeps the selection and the values across language switches and schema reloads.
import { label, t } from './i18n.js';
import { buildParamControls, cleanValues, defaultValues } from './params-form.js';
import { problemsOf } from './validation.js';

export class FilterPanel extends EventTarget {
  constructor({ list, count }) {
    super();
    this.listEl = list;
    this.countEl = count;
    this.filters = [];          // registry schema entries, registry order
    this.selectedIds = new Set();
    this.values = new Map();    // id -> parameter values
  }

  // Accepts the registry schema (GET /api/filters) or, when that is unavailable, bare ids.
  setFilters(filters) {
    this.filters = filters.map((f) => (typeof f === 'string' ? { id: f, seed: true, params: [] } : f));
    for (const f of this.filters) if (!this.values.has(f.id)) this.values.set(f.id, defaultValues(f));
    const known = new Set(this.filters.map((f) => f.id));
    for (const id of [...this.selectedIds]) if (!known.has(id)) this.selectedIds.delete(id);
    this.render();
    this.changed(null);
  }

  byId(id) {
    return this.filters.find((f) => f.id === id);
  }

  labelOf(id) {
    const f = this.byId(id);
    return f ? label(f.label, id) : id;
  }

  selected() {
    return this.filters.filter((f) => this.selectedIds.has(f.id)).map((f) => f.id);
  }

  // The first problem among the selected filters' values, as {filter, param, key, vars}, or null.
  firstProblem() {
    for (const id of this.selected()) {
      const [problem] = problemsOf(this.byId(id), this.values.get(id) ?? {});
      if (problem) return { filter: id, ...problem };
    }
    return null;
  }

  parameters() {
    const out = {};
    for (const id of this.selected()) {
      const v = cleanValues(this.values.get(id) ?? {});
      if (Object.keys(v).length) out[id] = v;
    }
    return out;
  }

  // Selects exactly these filters with these values (from a history row or a preset); the other
  // filters keep their defaults.
  load(ids, parameters = {}) {
    this.selectedIds = new Set(ids.filter((id) => this.byId(id)));
    for (const id of this.selectedIds) {
      this.values.set(id, { ...defaultValues(this.byId(id)), ...(parameters[id] ?? {}) });
    }
    this.render();
    this.changed(null);
  }

  // "All" means the seed's twelve: the operations (fit, rotate…) need sizes or make no sense
  // side by side with every filter.
  selectAll() {
    for (const f of this.filters) if (f.seed !== false) this.selectedIds.add(f.id);
    this.render();
    this.changed(null);
  }

  selectNone() {
    this.selectedIds.clear();
    this.render();
    this.changed(null);
  }

  setSelected(id, on) {
    if (on) this.selectedIds.add(id);
    else this.selectedIds.delete(id);
    this.renderItem(id);
    this.changed(id);
  }

  changed(id, param = null) {
    this.countEl.textContent = this.selectedIds.size ? t('filters.selected', { n: this.selectedIds.size }) : '';
    this.dispatchEvent(new CustomEvent('change', { detail: { filter: id, param } }));
  }

  render() {
    this.listEl.replaceChildren();
    const seed = this.filters.filter((f) => f.seed !== false);
    const ops = this.filters.filter((f) => f.seed === false);
    this.appendGroup(seed, ops.length ? t('filters.seed') : null);
    if (ops.length) this.appendGroup(ops, t('filters.operations'));
    this.changed(null);
  }

  appendGroup(filters, title) {
    if (title) {
      const h = document.createElement('h3');
      h.className = 'subhead filter-group-title';
      h.textContent = title;
      this.listEl.append(h);
    }
    for (const f of filters) this.listEl.append(this.itemFor(f));
  }

  renderItem(id) {
    const old = this.listEl.querySelector(`[data-filter="${CSS.escape(id)}"]`);
    if (!old) return;
    const fresh = this.itemFor(this.byId(id));
    old.replaceWith(fresh);
    fresh.querySelector('input[type="checkbox"]').focus();
  }

  itemFor(filter) {
    const item = document.createElement('div');
    const on = this.selectedIds.has(filter.id);
    item.className = `filter-item${on ? ' selected' : ''}`;
    item.dataset.filter = filter.id;

    const check = document.createElement('label');
    check.className = 'check';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = on;
    box.value = filter.id;
    box.addEventListener('change', () => this.setSelected(filter.id, box.checked));
    const text = document.createElement('span');
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = label(filter.label, filter.id);
    text.append(name);
    const desc = label(filter.description, '');
    if (desc) {
      const d = document.createElement('span');
      d.className = 'desc';
      d.textContent = desc;
      text.append(d);
    }
    check.append(box, text);
    item.append(check);

    if (on && filter.params?.length) {
      const values = this.values.get(filter.id);
      item.append(buildParamControls(filter, values, (param) => this.changed(filter.id, param)));
    }
    return item;
  }
}

// The chain builder: an ordered list of steps (a filter and its parameters) sent as one entry of
// `cadenas`. Steps can be added, moved up or down and removed, all with real buttons.
import { label, t } from './i18n.js';
import { buildParamControls, cleanValues, defaultValues } from './params-form.js';
import { problemsOf } from './validation.js';

export class ChainBuilder extends EventTarget {
  constructor({ list, empty, name, addSelect, addButton, clearButton, lookup }) {
    super();
    this.listEl = list;
    this.emptyEl = empty;
    this.nameEl = name;
    this.addSelect = addSelect;
    this.lookup = lookup; // id -> registry entry
    this.filters = [];
    this.steps = [];      // {key, filter, values}
    this.nextKey = 1;
    addButton.addEventListener('click', () => this.add(this.addSelect.value));
    clearButton.addEventListener('click', () => {
      this.steps = [];
      this.render();
      this.changed();
    });
    this.nameEl.addEventListener('input', () => this.changed());
  }

  setFilters(filters) {
    this.filters = filters;
    this.steps = this.steps.filter((s) => this.lookup(s.filter));
    this.renderAddSelect();
    this.render();
  }

  get name() {
    return this.nameEl.value.trim() || this.steps.map((s) => s.filter).join('+');
  }

  // The first step with a problem in its values, as {step, filter, param, key, vars}, or null.
  firstProblem() {
    for (const [i, s] of this.steps.entries()) {
      const [problem] = problemsOf(this.lookup(s.filter), s.values);
      if (problem) return { step: i + 1, filter: s.filter, ...problem };
    }
    return null;
  }

  isEmpty() {
    return this.steps.length === 0;
  }

  toMessage() {
    return {
      nombre: this.name,
      pasos: this.steps.map((s) => {
        const p = cleanValues(s.values);
        return Object.keys(p).length ? { filtro: s.filter, parametros: p } : { filtro: s.filter };
      }),
    };
  }

  // Replaces the chain with a `cadenas` entry ({nombre, pasos:[{filtro, parametros}]}), or empties it.
  load(cadena) {
    this.steps = [];
    for (const paso of cadena?.pasos ?? []) {
      const filter = this.lookup(paso.filtro);
      if (!filter) continue;
      this.steps.push({ key: this.nextKey++, filter: paso.filtro, values: { ...defaultValues(filter), ...(paso.parametros ?? {}) } });
    }
    const automatic = this.steps.map((s) => s.filter).join('+');
    this.nameEl.value = cadena?.nombre && cadena.nombre !== automatic ? cadena.nombre : '';
    this.render();
    this.changed();
  }

  add(id) {
    const filter = this.lookup(id);
    if (!filter) return;
    this.steps.push({ key: this.nextKey++, filter: id, values: defaultValues(filter) });
    this.render();
    this.changed();
  }

  move(index, delta) {
    const to = index + delta;
    if (to < 0 || to >= this.steps.length) return;
    const [step] = this.steps.splice(index, 1);
    this.steps.splice(to, 0, step);
    this.render();
    // Keep the keyboard on the same button of the step that moved.
    const button = this.listEl.children[to]?.querySelector(delta < 0 ? '[data-act="up"]' : '[data-act="down"]');
    (button && !button.disabled ? button : this.listEl.children[to]?.querySelector('button'))?.focus();
    this.changed();
  }

  remove(index) {
    this.steps.splice(index, 1);
    this.render();
    const next = this.listEl.children[Math.min(index, this.steps.length - 1)];
    (next?.querySelector('[data-act="remove"]') ?? this.addSelect).focus();
    this.changed();
  }

  changed() {
    this.dispatchEvent(new CustomEvent('change'));
  }

  renderAddSelect() {
    const keep = this.addSelect.value;
    this.addSelect.replaceChildren();
    for (const f of this.filters) {
      const o = document.createElement('option');
      o.value = f.id;
      o.textContent = label(f.label, f.id);
      this.addSelect.append(o);
    }
    if (keep) this.addSelect.value = keep;
  }

  render() {
    this.renderAddSelect();
    this.listEl.replaceChildren(...this.steps.map((s, i) => this.stepItem(s, i)));
    this.emptyEl.hidden = this.steps.length > 0;
  }

  stepItem(step, index) {
    const filter = this.lookup(step.filter);
    const li = document.createElement('li');
    li.className = 'chain-step';
    li.dataset.filter = step.filter;
    const head = document.createElement('div');
    head.className = 'chain-step-head';
    const title = document.createElement('span');
    title.className = 'title';
    const num = document.createElement('span');
    num.className = 'num';
    num.textContent = `${index + 1}.`;
    title.append(num, label(filter?.label, step.filter));
    const stepName = `${t('chain.step', { n: index + 1 })}: ${label(filter?.label, step.filter)}`;
    head.append(
      title,
      this.button('↑', t('chain.up'), stepName, 'up', index === 0, () => this.move(index, -1)),
      this.button('↓', t('chain.down'), stepName, 'down', index === this.steps.length - 1, () => this.move(index, 1)),
      this.button('✕', t('chain.remove'), stepName, 'remove', false, () => this.remove(index)),
    );
    li.append(head);
    if (filter?.params?.length) li.append(buildParamControls(filter, step.values, () => this.changed()));
    return li;
  }

  button(symbol, action, stepName, act, disabled, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'btn btn-quiet btn-icon';
    b.textContent = symbol;
    b.title = action;
    b.setAttribute('aria-label', `${action} — ${stepName}`);
    b.dataset.act = act;
    b.disabled = disabled;
    b.addEventListener('click', onClick);
    return b;
  }
}

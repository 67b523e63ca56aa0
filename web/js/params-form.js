// Builds the controls of one filter's parameters from the registry schema (type, range, default,
// labels), for the filter list and for chain steps alike. `values` is the caller's object; it is
// updated in place and `onChange` is called after every accepted edit.
import { label, t } from './i18n.js';
import { problemsOf } from './validation.js';
import { fileControl } from './file-param.js';

let uid = 0;

export function defaultValues(filter) {
  const values = {};
  for (const p of filter.params ?? []) {
    if (p.default !== null && p.default !== undefined) values[p.id] = p.default;
  }
  return values;
}

// Only what the server should see: optional parameters left empty are omitted.
export function cleanValues(values) {
  const out = {};
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined && v !== '') out[k] = v;
  return out;
}

// Problems are shown at their field (an error line tied to the input with aria-describedby) as
// soon as the controls exist and after every edit.
export function buildParamControls(filter, values, onChange) {
  const box = document.createElement('div');
  box.className = 'params';
  const changed = (param) => {
    showProblems(box, filter, values);
    onChange(param);
  };
  for (const param of filter.params ?? []) box.append(controlFor(param, values, changed));
  showProblems(box, filter, values);
  return box;
}

function showProblems(box, filter, values) {
  const problems = problemsOf(filter, values);
  for (const field of box.querySelectorAll(':scope > .field, :scope > .check')) {
    const input = field.querySelector('input[type="number"], input[type="text"], select, input[type="checkbox"]');
    if (!input) continue;
    const problem = problems.find((p) => p.param === input.dataset.param);
    let line = field.querySelector(':scope > .field-error');
    if (!problem) {
      line?.remove();
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
      continue;
    }
    if (!line) {
      line = document.createElement('p');
      line.className = 'field-error small';
      line.id = `${input.id}-error`;
      field.append(line);
    }
    line.textContent = t(problem.key, problem.vars);
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', line.id);
  }
}

function controlFor(param, values, onChange) {
  switch (param.type) {
    case 'integer':
    case 'number': return numberControl(param, values, onChange);
    case 'boolean': return booleanControl(param, values, onChange);
    case 'choice': return choiceControl(param, values, onChange);
    default: return textControl(param, values, onChange);
  }
}

function fieldWithLabel(param, inputId) {
  const field = document.createElement('div');
  field.className = 'field';
  const l = document.createElement('label');
  l.htmlFor = inputId;
  l.id = `${inputId}-label`;
  l.textContent = label(param.label, param.id);
  if (!param.required && (param.default === null || param.default === undefined)) {
    l.textContent += ` (${t('params.optional')})`;
  }
  field.append(l);
  return field;
}

// Step for a slider: a power of ten giving about a hundred stops over the range.
function stepFor(param) {
  if (param.type === 'integer') return 1;
  const span = param.max - param.min;
  if (!(span > 0)) return 0.1;
  return 10 ** Math.floor(Math.log10(span / 100));
}

function decimalsOf(step) {
  return step >= 1 ? 0 : Math.round(-Math.log10(step));
}

function numberControl(param, values, onChange) {
  const id = `p${++uid}`;
  const field = fieldWithLabel(param, id);
  const step = stepFor(param);
  const min = param.min_exclusive ? param.min + step : param.min;
  const max = param.max;
  const number = document.createElement('input');
  number.type = 'number';
  number.id = id;
  number.min = String(min);
  number.max = String(max);
  number.step = String(step);
  number.dataset.param = param.id;
  const initial = values[param.id];
  number.value = initial ?? '';
  if (initial === undefined) number.placeholder = '–'; // the label already says "optional"

  // A slider only where the range is one a hand can sweep; huge ranges (pixel sizes) get a box.
  const useSlider = (max - min) / step <= 2000;
  const range = document.createElement('input');
  if (useSlider) {
    range.type = 'range';
    range.min = String(min);
    range.max = String(max);
    range.step = String(step);
    range.value = String(initial ?? min);
    range.setAttribute('aria-labelledby', `${id}-label`);
    range.dataset.param = param.id;
  }

  const digits = decimalsOf(step);
  const accept = (raw, fromRange) => {
    if (raw === '') {
      if (param.default === null || param.default === undefined) {
        delete values[param.id];
        number.removeAttribute('aria-invalid');
        onChange(param.id);
      }
      return;
    }
    let v = Number(raw);
    if (!Number.isFinite(v)) return;
    // An out-of-range value is kept as typed and shown as a problem at the field (Start waits
    // until it is fixed); it is never clamped behind the user's back.
    v = param.type === 'integer' ? Math.round(v) : Number(v.toFixed(Math.max(digits, 2)));
    values[param.id] = v;
    if (fromRange) number.value = String(v);
    else if (useSlider) range.value = String(v);
    onChange(param.id);
  };
  range.addEventListener('input', () => accept(range.value, true));
  number.addEventListener('input', () => accept(number.value, false));

  if (useSlider) {
    const row = document.createElement('div');
    row.className = 'param-number';
    row.append(range, number);
    field.append(row);
  } else {
    field.append(number);
  }
  return field;
}

function booleanControl(param, values, onChange) {
  const id = `p${++uid}`;
  const wrap = document.createElement('label');
  wrap.className = 'check';
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.id = id;
  box.checked = Boolean(values[param.id]);
  box.dataset.param = param.id;
  box.addEventListener('change', () => {
    values[param.id] = box.checked;
    onChange(param.id);
  });
  const text = document.createElement('span');
  text.textContent = label(param.label, param.id);
  wrap.append(box, text);
  return wrap;
}

function choiceControl(param, values, onChange) {
  const id = `p${++uid}`;
  const field = fieldWithLabel(param, id);
  const select = document.createElement('select');
  select.id = id;
  select.dataset.param = param.id;
  for (const [i, choice] of (param.choices ?? []).entries()) {
    const option = document.createElement('option');
    option.value = choice;
    option.textContent = label(param.choice_labels?.[i], choice);
    select.append(option);
  }
  select.value = values[param.id] ?? param.choices?.[0] ?? '';
  select.addEventListener('change', () => {
    values[param.id] = select.value;
    onChange(param.id);
  });
  field.append(select);
  return field;
}

function textControl(param, values, onChange) {
  const id = `p${++uid}`;
  const field = fieldWithLabel(param, id);
  if (param.format === 'file') {
    fileControl(param, values, onChange, field, id);
    return field;
  }
  const input = document.createElement('input');
  input.type = 'text';
  input.id = id;
  input.dataset.param = param.id;
  input.autocomplete = 'off';
  if (param.max_length) input.maxLength = param.max_length;
  input.value = values[param.id] ?? '';
  input.addEventListener('input', () => {
    values[param.id] = input.value;
    onChange(param.id);
  });
  if (param.format === 'color') {
    field.append(colourRow(input, param, values, onChange));
    return field;
  }
  field.append(input);
  return field;
}

// "#RGB" or "#RRGGBB" (any case) as the picker's "#rrggbb"; null for anything else.
export function pickerColour(text) {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text ?? '');
  if (!m) return null;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return `#${hex.toLowerCase()}`;
}

// A colour is picked from a swatch or typed as #RRGGBB; each follows the other. The text stays
// the value sent (so a typed colour is checked as the server checks it).
function colourRow(input, param, values, onChange) {
  const row = document.createElement('div');
  row.className = 'colour-row';
  const swatch = document.createElement('input');
  swatch.type = 'color';
  swatch.className = 'colour-swatch';
  swatch.dataset.swatch = param.id;
  swatch.setAttribute('aria-label', t('params.pickColour', { name: label(param.label, param.id) }));
  swatch.value = pickerColour(input.value) ?? '#ffffff';
  swatch.addEventListener('input', () => {
    input.value = swatch.value.toUpperCase();
    values[param.id] = input.value;
    onChange(param.id);
  });
  input.addEventListener('input', () => {
    const picked = pickerColour(input.value);
    if (picked) swatch.value = picked;
  });
  row.append(swatch, input);
  return row;
}

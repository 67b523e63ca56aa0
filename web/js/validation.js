// Checks a filter's (or chain step's) parameter values against the registry schema before
// anything is sent: numbers in range (never silently clamped), required values given, a
// watermark's text not empty, a fit step given a size. Each problem names its parameter, so the
// form can show it at the field.

// Filters the server refuses without one of these (the registry's own rule).
const NEEDS_ONE_OF = { ajustar: ['ancho', 'alto'] };

const given = (v) => v !== undefined && v !== null && v !== '';

export function problemsOf(filter, values) {
  const problems = [];
  for (const p of filter?.params ?? []) {
    const v = values[p.id];
    if ((p.type === 'number' || p.type === 'integer') && given(v)) {
      const low = Number.isFinite(p.min) && (p.min_exclusive ? v <= p.min : v < p.min);
      const high = Number.isFinite(p.max) && v > p.max;
      if (!Number.isFinite(v) || low || high) {
        problems.push({ param: p.id, key: 'validate.range', vars: { min: p.min, max: p.max } });
      }
    } else if (p.type === 'text' && p.id === 'texto' && filter.id === 'marca_agua' && !String(v ?? '').trim()) {
      problems.push({ param: p.id, key: 'validate.emptyText', vars: {} });
    }
    if (p.required && !given(v) && !problems.some((x) => x.param === p.id)) {
      problems.push({ param: p.id, key: 'validate.required', vars: {} });
    }
  }
  const oneOf = NEEDS_ONE_OF[filter?.id];
  if (oneOf && !oneOf.some((id) => given(values[id]))) {
    problems.push({ param: oneOf[0], key: 'validate.fitSize', vars: {} });
  }
  return problems;
}

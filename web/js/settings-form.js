// Puts a job's settings (a stored `procesar` request: a history row, a preset) back into the
// editor, so it can be changed and started again.
export async function loadIntoEditor(app, settings) {
  const { $, filters, chain, images } = app;
  const s = settings ?? {};
  const chainIds = new Set((s.cadenas ?? []).map((c) => c.nombre));
  // A stored request lists chains among its outputs' names too; only real filters are ticked.
  filters.load((s.filtros ?? []).filter((id) => !chainIds.has(id)), s.parametros ?? {});
  chain.load((s.cadenas ?? [])[0] ?? null);
  if (typeof s.entrada === 'string') {
    const select = $('folder-select');
    if ([...select.options].some((o) => o.value === s.entrada)) {
      select.value = s.entrada;
      await images.reload(s.entrada);
    }
  }
  setValue($('format-select'), s.formato ?? '');
  if (Number.isFinite(s.calidad)) {
    $('quality-range').value = String(s.calidad);
    $('quality-value').textContent = String(s.calidad);
  }
  if (typeof s.forzar === 'boolean') $('force-check').checked = s.forzar;
  if (s.modo) setValue($('mode-select'), s.modo === 'processes' ? 'procesos' : s.modo);
  if (typeof s.recursivo === 'boolean' && $('recursive-check')) $('recursive-check').checked = s.recursivo;
  app.updateRunState();
}

function setValue(select, value) {
  if ([...select.options].some((o) => o.value === value)) select.value = value;
}

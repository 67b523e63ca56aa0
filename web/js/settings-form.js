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
  if (typeof s.recursivo === 'boolean') $('recursive-check').checked = s.recursivo;
  $('output-folder').value = s.salida ?? '';
  $('name-template').value = s.plantilla && s.plantilla !== '{name}_{filter}' ? s.plantilla : '';
  $('slug-check').checked = Boolean(s.slug);
  setValue($('conflict-select'), s.conflictos ?? 'overwrite');
  setValue($('metadata-select'), s.metadatos ?? 'all');
  $('no-location-check').checked = Boolean(s.sin_ubicacion);
  $('artist-input').value = s.artista ?? '';
  $('copyright-input').value = s.copyright ?? '';
  $('srgb-check').checked = Boolean(s.a_srgb);
  $('metadata-select').dispatchEvent(new Event('change'));
  app.updateRunState();
}

function setValue(select, value) {
  if ([...select.options].some((o) => o.value === value)) select.value = value;
}

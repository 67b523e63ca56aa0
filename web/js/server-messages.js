// What each WebSocket message from the server changes on the page.
import { t } from './i18n.js';
import { getJson } from './api.js';
import { fromFinished, fromDetails } from './results.js';
import { shownCounts } from './progress.js';
import { serverText } from './errors.js';

export function messageHandlers(app) {
  const { $, log, filters, chain, images, progress, results, jobHistory, state, labelOf, own } = app;
  // Messages about someone else's job only move the "other jobs" indicator and the history.
  const mine = (d) => !d.trabajo || own.has(d.trabajo);
  return {
    conexion() {},
    filtros(m) {
      if (!state.schemaLoaded && Array.isArray(m.datos)) {
        filters.setFilters(m.datos);
        chain.setFilters(filters.filters);
      }
    },
    imagenes(m) {
      images.setNames(m.datos?.imagenes ?? []);
    },
    aceptado(m) {
      own.starting = false;
      own.add(m.trabajo);
      if (m.en_cola) log.add(t('log.queued', { n: m.posicion }), 'info');
      else log.add(t('log.accepted'), 'info');
      app.updateRunState();
    },
    inicio_procesamiento(m) {
      const d = m.datos ?? {};
      state.serverBusy = true;
      app.showBusy(true);
      if (!mine(d)) {
        // Someone else's job: the "other jobs" pill follows at once, not at the next poll.
        app.connection.send({ tipo: 'estado' });
        return app.updateRunState();
      }
      own.followed = d.trabajo ?? own.followed;
      progress.start(d);
      results.show(null);
      jobHistory.markCurrent(own.followed);
      const names = (d.filtros ?? []).map(labelOf).join(', ');
      log.add(t('log.jobStarted', { id: d.trabajo ?? '', n: d.total ?? d.imagenes ?? 0, filters: names, mode: t(`output.mode.${d.modo}`) }), 'info');
      app.updateRunState();
    },
    progreso(m) {
      const d = m.datos ?? {};
      if (!mine(d)) return;
      progress.progress(d);
      // A line without an image is about the whole job (nothing left to do: all up to date).
      if (!d.imagen) {
        if (d.estado === 'completado') log.add(t('log.upToDate'), 'ok');
        return;
      }
      // The filter is named only when the line is about one output.
      const what = d.filtro ? `${d.imagen} · ${labelOf(d.filtro)}` : d.imagen;
      if (d.estado === 'completado') log.add(what, 'ok');
      else if (d.estado === 'cancelado') log.add(t('log.imageCancelled', { name: what }), 'warn');
      else if (d.estado === 'error') log.add(`${what}: ${d.mensaje ?? ''}`, 'error');
    },
    cancelado(m) {
      const d = m.datos ?? {};
      if (!mine(d)) return;
      progress.cancelled(d); // the finalizado that follows says how far it got
    },
    async finalizado(m) {
      const d = m.datos ?? {};
      if (!mine(d)) {
        app.connection.send({ tipo: 'estado' });
        jobHistory.load();
        return;
      }
      own.ended(d.trabajo);
      app.connection.send({ tipo: 'estado' }); // the busy pill follows at once, not at the next poll
      progress.finished(d);
      app.updateRunState();
      // Counted in images, like the progress bar (outputs are per filter, in the results).
      const job = progress.job;
      const { done, total } = shownCounts(job);
      const words = { id: d.trabajo ?? '', done, total, skipped: job.skipped, failed: job.failed, cancelled: job.cancelled };
      const summary = job.state === 'cancelled' ? t('log.jobCancelled', words)
        : t(job.skipped ? 'log.jobDoneSkipped' : 'log.jobDone', words);
      log.add(summary, job.state === 'cancelled' || job.failed ? 'warn' : 'ok');
      app.notifier.ended(summary, d.tiempo_total);
      results.show(fromFinished(d, null));
      if (d.trabajo) {
        const details = await getJson(`/api/jobs/${encodeURIComponent(d.trabajo)}`).catch(() => null);
        if (details) results.show(fromFinished(d, details));
      }
      jobHistory.load();
    },
    estado(m) {
      const d = m.datos ?? {};
      state.serverBusy = Boolean(d.procesando);
      $('clients').textContent = d.clientes_conectados ?? '—';
      if (d.nucleos) $('cores').textContent = d.nucleos;
      app.showBusy(Boolean(d.procesando));
      app.showOtherJobs(own.reconcile(d.trabajos_en_curso ?? (d.trabajo ? [d.trabajo] : []), d.cola ?? []));
      reconcile(app, d);
      app.updateRunState();
    },
    error(m) {
      const text = serverText(m);
      log.add(t('log.serverError', { message: text }), 'error');
      own.starting = false;
      if (m.trabajo) own.ended(m.trabajo);
      app.run.refused(text);
    },
    info(m) {
      if (state.cancelAnswerPending && !m.codigo) {
        state.cancelAnswerPending = false; // the answer to our cancel, already said in our words
        return;
      }
      state.cancelAnswerPending = false;
      log.add(t('log.serverInfo', { message: serverText(m) }), 'info');
    },
    trabajos(m) {
      const jobs = Array.isArray(m.datos) ? m.datos : [];
      jobHistory.setJobs(jobs);
      const followed = progress.job?.id ?? own.followed;
      const job = jobs.find((j) => j.id === followed);
      if (job && progress.running && !['running', 'queued'].includes(job.state)) progress.showSummary(job);
    },
  };
}

// A job this page was following ended while the page could not hear it (server restarted,
// network dropped): the server's job store has its final state.
let reconciling = false;
async function reconcile(app, estado) {
  const { progress, results, jobHistory, connection, own } = app;
  const followed = progress.job?.id ?? own.followed;
  if (!progress.running || !followed || reconciling) return;
  if (estado.procesando && (!estado.trabajo || estado.trabajo === followed)) return;
  reconciling = true;
  try {
    const details = await getJson(`/api/jobs/${encodeURIComponent(followed)}`);
    if (details.state !== 'running' && details.state !== 'queued') {
      progress.showSummary(details);
      results.show(fromDetails(details));
      jobHistory.markCurrent(followed);
    }
  } catch {
    connection.send({ tipo: 'listar_trabajos' }); // answered by `trabajos`, which settles it
  } finally {
    reconciling = false;
  }
}

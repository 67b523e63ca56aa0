// Runs the job statistics off the main thread. The page posts every progress sample (cheap) and
// asks for a report at most once per animation frame; the worker answers with numbers and the
// chart series, so a burst of progress messages never blocks rendering.
import { JobStats } from './stats.js';

let stats = new JobStats();

const handlers = {
  start({ total, cores }) {
    stats = new JobStats({ total, cores });
  },
  sample(sample) {
    stats.add(sample);
  },
  report({ maxPoints }) {
    self.postMessage({ type: 'report', summary: stats.summary(), series: stats.series(maxPoints) });
  },
};

self.onmessage = (event) => {
  const { type, ...data } = event.data ?? {};
  handlers[type]?.(data);
};

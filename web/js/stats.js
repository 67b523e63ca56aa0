// The statistics of a running job: pure functions over progress samples, so that the Web Worker
// can run them off the main thread and node's test runner can check them without a browser.
// A sample is {t: seconds since the job started, processed: images done so far}.

export function averageSpeed(processed, elapsed) {
  if (!(elapsed > 0) || !(processed > 0)) return 0;
  return processed / elapsed;
}

// Images per second over the last `windowSeconds` of samples. A short window follows changes
// (a slow filter, a busy machine) that the average hides; with too little history it falls back
// to the average so the number does not jump wildly in the first second.
export function recentSpeed(samples, windowSeconds = 5) {
  if (samples.length === 0) return 0;
  const last = samples[samples.length - 1];
  let first = samples[0];
  for (let i = samples.length - 1; i >= 0; i--) {
    if (last.t - samples[i].t > windowSeconds) break;
    first = samples[i];
  }
  const span = last.t - first.t;
  if (span < 0.25) return averageSpeed(last.processed, last.t);
  return Math.max(0, (last.processed - first.processed) / span);
}

// Seconds left, or null when nothing is known yet.
export function etaSeconds(remaining, speed) {
  if (remaining <= 0) return 0;
  if (!(speed > 0)) return null;
  return remaining / speed;
}

export function speedPerCore(speed, cores) {
  if (!(cores > 0)) return 0;
  return speed / cores;
}

// Processed count at time t: the last sample at or before t (counts only move at samples).
export function processedAt(samples, t) {
  let lo = 0;
  let hi = samples.length - 1;
  if (hi < 0 || t < samples[0].t) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (samples[mid].t <= t) lo = mid;
    else hi = mid - 1;
  }
  return samples[lo].processed;
}

// A bucket width from a short list of round values, wide enough to give at most maxPoints.
export function bucketWidth(elapsed, maxPoints) {
  const steps = [0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600];
  const wanted = elapsed / Math.max(1, maxPoints);
  return steps.find((s) => s >= wanted) ?? Math.ceil(wanted / 600) * 600;
}

// Throughput over the whole job for the chart: [{t, speed}], t at the end of each bucket.
export function throughputSeries(samples, maxPoints = 120) {
  if (samples.length < 2) return [];
  const end = samples[samples.length - 1].t;
  if (!(end > 0)) return [];
  const width = bucketWidth(end, maxPoints);
  const points = [];
  let previous = 0;
  for (let start = 0; start < end; start += width) {
    const stop = Math.min(start + width, end);
    const count = processedAt(samples, stop);
    const span = stop - start;
    // A final sliver of a bucket would exaggerate; fold it into a full-width estimate.
    const divisor = span < width / 4 ? width : span;
    points.push({ t: stop, speed: Math.max(0, (count - previous) / divisor) });
    previous = count;
  }
  return points;
}

// A trailing moving average over `width` points, so a chart of whole images per short bucket does
// not saw between 0 and 4 (images finish in bursts, one per core).
export function movingAverage(points, width = 5) {
  const out = [];
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    sum += points[i].speed;
    if (i >= width) sum -= points[i - width].speed;
    out.push({ t: points[i].t, speed: sum / Math.min(i + 1, width) });
  }
  return out;
}

// Keeps the samples of one job. Out-of-order or backwards samples are ignored because the
// protocol promises `procesadas` never goes backwards within a batch; a repeat at the same time
// replaces the previous one. Past maxSamples, every other old sample is dropped so the history
// keeps its full time range at a coarser grain.
export class JobStats {
  constructor({ total = 0, cores = 0, windowSeconds = 5, maxSamples = 4000 } = {}) {
    this.total = total;
    this.cores = cores;
    this.windowSeconds = windowSeconds;
    this.maxSamples = maxSamples;
    this.samples = [];
  }

  add({ t, processed, total, cores }) {
    if (Number.isFinite(total) && total > 0) this.total = total;
    if (Number.isFinite(cores) && cores > 0) this.cores = cores;
    if (!Number.isFinite(t) || !Number.isFinite(processed)) return false;
    const last = this.samples[this.samples.length - 1];
    if (last && (t < last.t || processed < last.processed)) return false;
    if (last && t === last.t) last.processed = processed;
    else this.samples.push({ t, processed });
    if (this.samples.length > this.maxSamples) this.thin();
    return true;
  }

  thin() {
    const kept = this.samples.filter((_, i) => i % 2 === 0 || i === this.samples.length - 1);
    this.samples = kept;
  }

  summary() {
    const last = this.samples[this.samples.length - 1] ?? { t: 0, processed: 0 };
    const average = averageSpeed(last.processed, last.t);
    const recent = recentSpeed(this.samples, this.windowSeconds);
    const remaining = Math.max(0, this.total - last.processed);
    return {
      processed: last.processed,
      total: this.total,
      elapsed: last.t,
      percent: this.total > 0 ? Math.min(100, (100 * last.processed) / this.total) : 0,
      recentSpeed: recent,
      averageSpeed: average,
      eta: etaSeconds(remaining, recent > 0 ? recent : average),
      speedPerCore: speedPerCore(recent > 0 ? recent : average, this.cores),
      cores: this.cores,
    };
  }

  series(maxPoints = 120) {
    return movingAverage(throughputSeries(this.samples, maxPoints));
  }
}

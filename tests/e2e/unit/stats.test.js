// Unit tests of the page's statistics (web/js/stats.js), run by node's own test runner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  averageSpeed, recentSpeed, etaSeconds, speedPerCore, processedAt, bucketWidth,
  throughputSeries, JobStats,
} from '../../../web/js/stats.js';

test('average speed is processed over elapsed, zero before any time has passed', () => {
  assert.equal(averageSpeed(10, 4), 2.5);
  assert.equal(averageSpeed(10, 0), 0);
  assert.equal(averageSpeed(0, 3), 0);
  assert.equal(averageSpeed(5, -1), 0);
});

test('recent speed only looks at the last window', () => {
  // 1 image/s for 10 s, then 5 images/s for 4 s.
  const samples = [];
  for (let t = 0; t <= 10; t++) samples.push({ t, processed: t });
  for (let t = 11; t <= 14; t++) samples.push({ t, processed: 10 + 5 * (t - 10) });
  assert.equal(recentSpeed(samples, 3), 5);
  assert.ok(averageSpeed(30, 14) < 2.2);
});

test('recent speed falls back to the average with too little history', () => {
  assert.equal(recentSpeed([], 5), 0);
  assert.equal(recentSpeed([{ t: 2, processed: 4 }], 5), 2);
  assert.equal(recentSpeed([{ t: 2, processed: 4 }, { t: 2.1, processed: 5 }], 5), 5 / 2.1);
});

test('eta is remaining over speed, zero when done, unknown without speed', () => {
  assert.equal(etaSeconds(10, 2), 5);
  assert.equal(etaSeconds(0, 0), 0);
  assert.equal(etaSeconds(-3, 1), 0);
  assert.equal(etaSeconds(5, 0), null);
});

test('speed per core divides by the cores, zero when unknown', () => {
  assert.equal(speedPerCore(8, 2), 4);
  assert.equal(speedPerCore(8, 0), 0);
  assert.equal(speedPerCore(8, undefined), 0);
});

test('processedAt steps at samples', () => {
  const s = [{ t: 1, processed: 2 }, { t: 3, processed: 5 }, { t: 4, processed: 9 }];
  assert.equal(processedAt(s, 0.5), 0);
  assert.equal(processedAt(s, 1), 2);
  assert.equal(processedAt(s, 2.9), 2);
  assert.equal(processedAt(s, 3.5), 5);
  assert.equal(processedAt(s, 100), 9);
  assert.equal(processedAt([], 1), 0);
});

test('bucket width is a round value that bounds the number of points', () => {
  assert.equal(bucketWidth(10, 120), 0.25);
  assert.equal(bucketWidth(100, 120), 1);
  assert.equal(bucketWidth(3600, 120), 30);
  assert.ok(bucketWidth(1e6, 120) * 120 >= 1e6);
});

test('throughput series recovers a constant rate and has at most maxPoints points', () => {
  const samples = [];
  for (let i = 1; i <= 600; i++) samples.push({ t: i / 10, processed: i * 3 }); // 30 img/s for 60 s
  const series = throughputSeries(samples, 50);
  assert.ok(series.length <= 50 && series.length > 10);
  for (const p of series.slice(1)) assert.ok(Math.abs(p.speed - 30) < 1e-9, `speed ${p.speed}`);
  assert.equal(series[series.length - 1].t, 60);
  assert.deepEqual(throughputSeries([{ t: 1, processed: 1 }]), []);
});

test('JobStats ignores samples that go backwards and summarises', () => {
  const stats = new JobStats({ total: 100, cores: 4, windowSeconds: 2 });
  assert.ok(stats.add({ t: 1, processed: 10 }));
  assert.ok(stats.add({ t: 2, processed: 20 }));
  assert.equal(stats.add({ t: 1.5, processed: 30 }), false);
  assert.equal(stats.add({ t: 3, processed: 15 }), false);
  assert.equal(stats.add({ t: NaN, processed: 15 }), false);
  assert.ok(stats.add({ t: 2, processed: 22 })); // same time: replaces
  assert.equal(stats.samples.length, 2);
  const s = stats.summary();
  assert.equal(s.processed, 22);
  assert.equal(s.percent, 22);
  assert.equal(s.averageSpeed, 11);
  assert.equal(s.recentSpeed, 12);
  assert.equal(s.eta, 78 / 12);
  assert.equal(s.speedPerCore, 3);
});

test('JobStats takes total and cores from samples and caps its memory', () => {
  const stats = new JobStats({ maxSamples: 100 });
  for (let i = 1; i <= 1000; i++) stats.add({ t: i, processed: i, total: 2000, cores: 2 });
  assert.ok(stats.samples.length <= 100);
  assert.equal(stats.samples[stats.samples.length - 1].t, 1000);
  const s = stats.summary();
  assert.equal(s.total, 2000);
  assert.equal(s.cores, 2);
  assert.equal(s.percent, 50);
  assert.ok(Math.abs(s.recentSpeed - 1) < 1e-9);
});

test('an empty JobStats summarises to zeros', () => {
  const s = new JobStats().summary();
  assert.equal(s.processed, 0);
  assert.equal(s.percent, 0);
  assert.equal(s.eta, 0);
  assert.deepEqual(new JobStats().series(), []);
});

test('the chart series is a moving average: bursts of 0 and 4 come out steady', async () => {
  const { movingAverage } = await import('../../../web/js/stats.js');
  const saw = Array.from({ length: 20 }, (_, i) => ({ t: i + 1, speed: i % 2 ? 4 : 0 }));
  const smooth = movingAverage(saw, 4);
  assert.equal(smooth.length, 20);
  assert.equal(smooth[0].speed, 0);
  assert.equal(smooth[1].speed, 2);
  for (const p of smooth.slice(4)) assert.equal(p.speed, 2);
  assert.deepEqual(smooth.map((p) => p.t), saw.map((p) => p.t));
});

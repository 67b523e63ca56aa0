// The page's own jobs (web/js/own-jobs.js): a job stays this page's while it waits or runs, an
// estado taken before the job was registered does not drop it, and others' jobs are counted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OwnJobs } from '../../../web/js/own-jobs.js';

test('a fresh job survives an estado that does not list it yet, and ends with its finalizado', () => {
  const own = new OwnJobs();
  own.starting = true;
  assert.equal(own.busy, true, 'busy while the Start is unanswered');
  own.starting = false;
  own.add('a');
  const t0 = own.since.get('a');
  assert.equal(own.reconcile([], [], t0 + 100), 0);
  assert.equal(own.busy, true, 'not dropped by an early estado');
  assert.equal(own.reconcile(['b'], ['c', 'a'], t0 + 200), 2, 'two jobs are someone else\'s');
  own.ended('a');
  assert.equal(own.busy, false);
});

test('a job missing from estado for long is taken as ended; one of ours found running is followed', () => {
  const own = new OwnJobs();
  own.add('a');
  own.reconcile([], [], own.since.get('a') + 60000);
  assert.equal(own.busy, false);
  own.reconcile(['a'], [], Date.now());
  assert.equal(own.busy, true, 'listed again (e.g. resumed after a restart): ours again');
  assert.equal(own.has('a'), true);
  assert.equal(own.has('z'), false);
});

// The workers page's model (src/main/webapp/assets/workers-model.js).
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {byNode, runs} from '../../main/webapp/assets/workers-model.js';

const T0 = Date.parse('2026-12-04T10:00:00Z');
const worker = (id, place, sinceSeconds, extra = {}) => ({id, runId: 'r1', flowKey: 'main', groupKey: 'g01-all',
  scenarioKey: 'pay', attempt: 1, batch: null, phase: 'Running', place,
  since: sinceSeconds === null ? null : new Date(T0 + sinceSeconds * 1000).toISOString(), ...extra});

test('workers are grouped by node, the busiest first, each node\'s oldest worker first', () => {
  const nodes = byNode([worker('a', 'node-2', 5), worker('b', 'node-1', 1), worker('c', 'node-1', 3),
    worker('d', null, null, {phase: 'Pending'})], T0 + 10_000);

  assert.deepEqual(nodes.map(n => [n.node, n.count]), [['node-1', 2], ['node-2', 1], ['not scheduled yet', 1]]);
  assert.deepEqual(nodes[0].workers.map(w => [w.id, w.ageMillis]), [['b', 9000], ['c', 7000]]);
  assert.equal(nodes[2].workers[0].ageMillis, null);
});

test('a worker runs a scenario\'s attempt or a batch', () => {
  assert.equal(runs(worker('a', 'n', 0)), 'pay, attempt 1');
  assert.equal(runs(worker('b', 'n', 0, {scenarioKey: null, attempt: 0, batch: 'r0-b2'})), 'batch r0-b2 of g01-all');
});

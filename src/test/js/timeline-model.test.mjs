// The run timeline's model (src/main/webapp/assets/timeline-model.js), run by `node --test` from mvn verify.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {clock, tickStep, timeline} from '../../main/webapp/assets/timeline-model.js';

const T0 = Date.parse('2026-12-04T10:00:00Z');
const at = seconds => new Date(T0 + seconds * 1000).toISOString();

function attempt(number, status, start, end, extra = {}) {
  return {number, status, startedAt: at(start), endedAt: end === null ? null : at(end), ...extra};
}

function run(groups, extra = {}) {
  return {createdAt: at(0), endedAt: null, status: 'RUNNING',
    flows: [{key: 'checkout', name: 'Checkout', groups}], ...extra};
}

test('workers that ran at the same time get lanes of their own, a later one reuses a freed lane', () => {
  const group = {key: 'g01-login', name: 'Login', scenarios: [
    {key: 'a', name: 'A', attempts: [attempt(1, 'PASSED', 1, 5, {workerId: 'w1'})]},
    {key: 'b', name: 'B', attempts: [attempt(1, 'FAILED', 2, 4, {workerId: 'w2'})]},
    {key: 'c', name: 'C', attempts: [attempt(1, 'PASSED', 6, 9, {workerId: 'w3'})]}]};

  const t = timeline(run([group]), T0 + 20_000);

  assert.deepEqual(t.lanes.map(l => l.label), ['Checkout › Login · slot 1', 'Checkout › Login · slot 2']);
  assert.deepEqual(t.bars.map(b => [b.scenarioKey, b.lane, b.start, b.end]), [
    ['a', 'checkout/g01-login/1', 1000, 5000], ['b', 'checkout/g01-login/2', 2000, 4000],
    ['c', 'checkout/g01-login/1', 6000, 9000]]);
  assert.deepEqual(t.groups, [{flowKey: 'checkout', groupKey: 'g01-login', name: 'Login', start: 1000, end: 9000}]);
});

test('a running attempt reaches now; a batch\'s members share their worker\'s lane; a retry is a bar of its own', () => {
  const batch = {id: 'r0-b1', size: 2, reason: 'auto'};
  const group = {key: 'g02-cart', name: 'Cart', scenarios: [
    {key: 'add', name: 'Add', attempts: [attempt(1, 'PASSED', 1, 2, {workerId: 'pod-b1', batch})]},
    {key: 'remove', name: '', attempts: [attempt(1, 'RUNNING', 2, null, {workerId: 'pod-b1', batch})]},
    {key: 'discount', name: 'Discount', attempts: [attempt(1, 'FAILED', 1, 3, {workerId: 'pod-x'}),
      attempt(2, 'FLAKY_PASSED', 4, 6, {workerId: 'pod-y'})]}]};

  const t = timeline(run([group]), T0 + 10_000);

  const lane = key => t.bars.filter(b => b.scenarioKey === key).map(b => b.lane);
  assert.deepEqual(lane('add'), lane('remove'));
  assert.equal(t.bars.find(b => b.scenarioKey === 'remove').end, 10_000);
  assert.equal(t.bars.find(b => b.scenarioKey === 'remove').scenarioName, 'remove', 'no name: its key');
  assert.deepEqual(t.bars.filter(b => b.scenarioKey === 'discount').map(b => [b.number, b.status]),
    [[1, 'FAILED'], [2, 'FLAKY_PASSED']]);
  assert.equal(t.end, 10_000);
});

test('a batch\'s runner start shows from its worker\'s launch to its first scenario, in its lane', () => {
  const batch = {id: 'r0-b1', size: 2, reason: 'auto', launchedAt: at(1)};
  const group = {key: 'g01-all', name: 'All', scenarios: [
    {key: 'one', name: 'One', attempts: [attempt(1, 'PASSED', 4, 5, {workerId: 'w1', batch})]},
    {key: 'two', name: 'Two', attempts: [attempt(1, 'PASSED', 5, 7, {workerId: 'w1', batch})]},
    {key: 'alone', name: 'Alone', attempts: [attempt(1, 'PASSED', 2, 3, {workerId: 'w2'})]}]};

  const t = timeline(run([group]), T0 + 10_000);

  const starting = t.bars.find(b => b.kind === 'starting');
  assert.deepEqual([starting.start, starting.end, starting.scenarioName], [1000, 4000, 'batch r0-b1']);
  assert.equal(starting.lane, t.bars.find(b => b.scenarioKey === 'one').lane);
  assert.notEqual(t.bars.find(b => b.scenarioKey === 'alone').lane, starting.lane, 'the batch\'s worker was busy');
});

test('the wait for a worker is a bar before its attempt, in the same lane; a queued attempt waits until now', () => {
  const group = {key: 'g01-all', name: 'All', scenarios: [
    {key: 'waited', name: 'Waited', attempts: [attempt(1, 'PASSED', 5, 8, {workerId: 'w1', queuedAt: at(1)})]},
    {key: 'waiting', name: 'Waiting', attempts: [attempt(1, 'QUEUED', 3, null)]}]};

  const t = timeline(run([group]), T0 + 12_000);

  assert.deepEqual(t.bars.map(b => [b.scenarioKey, b.kind, b.start, b.end, b.lane]), [
    ['waited', 'attempt', 5000, 8000, 'checkout/g01-all/1'], ['waited', 'queued', 1000, 5000, 'checkout/g01-all/1'],
    ['waiting', 'queued', 3000, 12_000, 'checkout/g01-all/2']]);
});

test('an ended run ends the time line at its end; groups never started have no lane', () => {
  const group = {key: 'g01-a', name: 'A', scenarios: [{key: 'x', name: 'X', attempts: [attempt(1, 'PASSED', 1, 2)]}]};
  const never = {key: 'g02-b', name: 'B', scenarios: [{key: 'y', name: 'Y', attempts: []}]};

  const t = timeline(run([group, never], {status: 'PASSED', endedAt: at(3)}), T0 + 99_000);

  assert.equal(t.end, 3000);
  assert.deepEqual(t.lanes.map(l => l.groupKey), ['g01-a']);
});

test('the time axis ticks at whole seconds, then minutes, about ten at most', () => {
  assert.equal(tickStep(3_000), 1000);
  assert.equal(tickStep(11_300), 2000);
  assert.equal(tickStep(95_000), 10_000);
  assert.equal(tickStep(40 * 60_000), 300_000);
});

test('clock shows minutes and seconds, hours when there are any', () => {
  assert.equal(clock(0), '0:00');
  assert.equal(clock(65_400), '1:05');
  assert.equal(clock(3_726_000), '1:02:06');
});

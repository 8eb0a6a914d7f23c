// A scenario page's model (src/main/webapp/assets/scenario-model.js).
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {expectedSeconds, flakinessWhy, outcomesOldestFirst} from '../../main/webapp/assets/scenario-model.js';

const history = {runs: 3, flakiness: 0.5, flaky: true, passedOnRetry: 1, flips: 2, expectedMillis: 2150, outcomes: [
  {runId: 'r3', status: 'FLAKY_PASSED', busyMillis: 4100, attempts: 2},
  {runId: 'r2', status: 'SKIPPED', busyMillis: 10, attempts: 1},
  {runId: 'r1', status: 'FAILED', busyMillis: 2040, attempts: 1}]};

test('outcomes read oldest first, in seconds, a skipped one without a duration', () => {
  assert.deepEqual(outcomesOldestFirst(history).map(o => [o.runId, o.seconds]), [['r1', 2], ['r2', null], ['r3', 4.1]]);
  assert.equal(expectedSeconds(history), 2.2);
  assert.equal(expectedSeconds({...history, expectedMillis: null}), null);
});

test('the flakiness is explained by retries and flips', () => {
  assert.equal(flakinessWhy(history), 'Flaky (50%): it passed only on a retry 1 time(s) and flipped between passed '
    + 'and failed 2 time(s), over 3 run(s) since its definition last changed.');
  assert.equal(flakinessWhy({...history, flaky: false, flakiness: 0, passedOnRetry: 0, flips: 0}),
    'Not flaky (0%): no retry was needed and it never flipped, over 3 run(s) since its definition last changed.');
  assert.equal(flakinessWhy({...history, runs: 0}), 'No run of its current definition has ended yet.');
});

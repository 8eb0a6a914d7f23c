// The run board's model (src/main/webapp/assets/board-model.js): tile names and the board's filter.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {scenarioLabel, tileMatches} from '../../main/webapp/assets/board-model.js';

const named = {key: 'pay-card', name: 'Paying by card', feature: 'features/payment.feature', line: 3, status: 'FAILED',
  flaky: false, history: null};
const unnamed = {key: 'checkout-12', name: '', feature: 'features/checkout.feature', line: 12, status: 'RUNNING',
  flaky: false, history: {flaky: true}};

test('a tile is named by its scenario\'s name, else by its key and feature:line', () => {
  assert.equal(scenarioLabel(named), 'Paying by card');
  assert.equal(scenarioLabel(unnamed), 'checkout-12 · features/checkout.feature:12');
  assert.equal(scenarioLabel({key: 'x', name: null, feature: null, line: null}), 'x');
});

test('the filter keeps scenarios by what their status means and by every word searched', () => {
  assert.ok(tileMatches(named, 'failed', ''));
  assert.ok(!tileMatches(named, 'active', ''));
  assert.ok(tileMatches(unnamed, 'active', ''));
  assert.ok(tileMatches(unnamed, 'flaky', ''), 'flaky by its history');
  assert.ok(tileMatches(named, '', 'CARD pay'));
  assert.ok(tileMatches(unnamed, '', 'checkout.feature:12'));
  assert.ok(!tileMatches(named, '', 'card refund'));
  assert.ok(tileMatches({...named, status: 'NOT_RUN'}, 'not-run', ''));
});

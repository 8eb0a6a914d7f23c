// The board's live output model (src/main/webapp/assets/output-model.js).
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {applyOutput, emptyOutput, KEPT_CHARACTERS, outputQuery} from '../../main/webapp/assets/output-model.js';

const slice = (stream, offset, text, capped = false) => ({stream, offset, nextOffset: offset + text.length, text, capped});

test('each answer is appended to its stream and the next read starts where it ended', () => {
  const state = emptyOutput();
  assert.equal(outputQuery(state), '', 'the first read asks every stream from its start');

  applyOutput(state, {running: true, streams: [slice('stdout', 0, 'Given a cart\n'), slice('stderr', 0, '')]});
  applyOutput(state, {running: true, streams: [slice('stdout', 13, 'When I pay\n'), slice('stderr', 0, 'warn\n')]});

  assert.equal(state.streams.stdout, 'Given a cart\nWhen I pay\n');
  assert.equal(state.streams.stderr, 'warn\n');
  assert.equal(outputQuery(state), '?stdout=24&stderr=5');
});

test('a long output keeps its latest lines, cut at a line start, and says so', () => {
  const state = emptyOutput();
  const line = `${'x'.repeat(99)}\n`;
  applyOutput(state, {running: true, streams: [slice('log', 0, line.repeat(KEPT_CHARACTERS / 100 + 5))]});

  assert.ok(state.streams.log.length <= KEPT_CHARACTERS);
  assert.ok(state.streams.log.startsWith('x') && state.streams.log.endsWith('\n'));
  assert.equal(state.trimmed, true);
});

test('the end of the attempt, a cap and a reason for showing nothing are kept', () => {
  const state = emptyOutput();
  applyOutput(state, {running: true, streams: [slice('stdout', 0, 'a\n', true)]});
  assert.equal(state.capped, true);
  applyOutput(state, {running: false, streams: [], unavailable: null, batch: 'r0-b1'});
  assert.equal(state.running, false);
  assert.equal(state.batch, 'r0-b1');
  assert.equal(state.streams.stdout, 'a\n', 'what was read stays');
});

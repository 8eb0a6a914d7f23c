// A scenario's page, as data: its outcomes oldest first (the strip and the duration chart read left to right), and
// why it is or is not flaky, in words. Pure: scenario.js draws what it answers.

/** The history's outcomes, oldest first, each with its duration in seconds (null for a skipped one: no duration). */
export function outcomesOldestFirst(history) {
  return [...history.outcomes].reverse().map(o => ({...o,
    seconds: o.status === 'SKIPPED' ? null : Math.round(o.busyMillis / 100) / 10}));
}

/** The median the dispatcher orders by, in seconds; null without one. */
export function expectedSeconds(history) {
  return history.expectedMillis === null || history.expectedMillis === undefined ? null
    : Math.round(history.expectedMillis / 100) / 10;
}

/** Why the scenario is (or is not) flagged flaky, from the numbers its history gives. */
export function flakinessWhy(history) {
  const percent = `${Math.round(history.flakiness * 100)}%`;
  const counted = `${history.runs} run(s) since its definition last changed`;
  if (history.runs === 0) return 'No run of its current definition has ended yet.';
  const reasons = [];
  if (history.passedOnRetry > 0) reasons.push(`passed only on a retry ${history.passedOnRetry} time(s)`);
  if (history.flips > 0) reasons.push(`flipped between passed and failed ${history.flips} time(s)`);
  const verdict = history.flaky ? `Flaky (${percent})` : `Not flaky (${percent})`;
  return reasons.length === 0 ? `${verdict}: no retry was needed and it never flipped, over ${counted}.`
    : `${verdict}: it ${reasons.join(' and ')}, over ${counted}.`;
}

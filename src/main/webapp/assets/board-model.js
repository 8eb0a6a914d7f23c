// The run tree kept current from the live channel: a snapshot replaces it, each change updates the part it names.
// Derived statuses follow the server's rules (RunTrees): a group passes when all its scenarios pass (or were skipped
// by Cucumber), is pending or
// not run while none has started, runs while any is unfinished, and has failed (or stopped) otherwise.

const PASSES_GROUP = new Set(['PASSED', 'FLAKY_PASSED', 'SKIPPED']);
const UNFINISHED = new Set(['PENDING', 'RUNNING', 'QUEUED']);
const FLOW_ENDED = new Set(['PASSED', 'FAILED', 'STOPPED']);
const RUN_ENDED = new Set(['PASSED', 'FAILED', 'STOPPED']);

export function applyChange(run, change) {
  if (change.type === 'attempt') {
    const flow = run.flows.find(f => f.key === change.flowKey);
    const group = flow && flow.groups.find(g => g.key === change.groupKey);
    const scenario = group && group.scenarios.find(s => s.key === change.scenarioKey);
    if (!scenario) return null;
    const index = scenario.attempts.findIndex(a => a.number === change.attempt.number);
    if (index >= 0) scenario.attempts[index] = change.attempt;
    else scenario.attempts.push(change.attempt);
    scenario.attempts.sort((a, b) => a.number - b.number);
    const last = scenario.attempts[scenario.attempts.length - 1];
    scenario.status = last.status;
    scenario.flaky = last.status === 'FLAKY_PASSED';
    settle(run, flow);
    return {flow, group, scenario};
  }
  if (change.type === 'flow') {
    const flow = run.flows.find(f => f.key === change.flowKey);
    if (!flow) return null;
    Object.assign(flow, {status: change.status, haltedAt: change.haltedAt, reason: change.reason});
    settle(run, flow);
    return {flow};
  }
  if (change.type === 'run') {
    Object.assign(run, {status: change.status, round: change.round, endedAt: change.endedAt ?? null,
      problem: change.problem ?? null});
    run.flows.forEach(flow => settle(run, flow));
    return {run};
  }
  return null;
}

function settle(run, flow) {
  const ended = FLOW_ENDED.has(flow.status) || RUN_ENDED.has(run.status);
  for (const group of flow.groups) {
    for (const scenario of group.scenarios) {
      if (scenario.attempts.length === 0) scenario.status = ended ? 'NOT_RUN' : 'PENDING';
    }
    group.status = groupStatus(group.scenarios, ended);
  }
  run.counts = counts(run);
}

function groupStatus(scenarios, ended) {
  if (scenarios.every(s => PASSES_GROUP.has(s.status))) return 'PASSED';
  if (scenarios.every(s => s.attempts.length === 0)) return ended ? 'NOT_RUN' : 'PENDING';
  if (scenarios.some(s => UNFINISHED.has(s.status))) return 'RUNNING';
  return scenarios.some(s => s.status === 'CANCELLED') ? 'STOPPED' : 'FAILED';
}

export function counts(run) {
  const statuses = run.flows.flatMap(f => f.groups.flatMap(g => g.scenarios.map(s => s.status)));
  const count = status => statuses.filter(s => s === status).length;
  const passed = count('PASSED');
  const flaky = count('FLAKY_PASSED');
  const skipped = count('SKIPPED');
  const running = count('RUNNING');
  const queued = count('QUEUED');
  const pending = count('PENDING') + count('NOT_RUN');
  return {scenarios: statuses.length, passed, flaky, skipped, running, queued, pending,
    failed: statuses.length - passed - flaky - skipped - running - queued - pending};
}

export function isEnded(run) {
  return RUN_ENDED.has(run.status);
}

// What the board's "Show" filter keeps of each scenario, by its status now.
const SHOWN_BY = {
  failed: new Set(['FAILED', 'TIMED_OUT', 'INTERRUPTED']),
  active: new Set(['RUNNING', 'QUEUED']),
  passed: new Set(['PASSED', 'FLAKY_PASSED', 'SKIPPED']),
  'not-run': new Set(['PENDING', 'NOT_RUN', 'CANCELLED']),
};

/** The words a tile is found by: its name, key and feature:line. */
export function scenarioLabel(scenario) {
  const location = scenario.feature ? `${scenario.feature}${scenario.line ? `:${scenario.line}` : ''}` : '';
  return scenario.name ? scenario.name : [scenario.key, location].filter(Boolean).join(' · ');
}

/**
 * @param show  '' (all), 'failed', 'active', 'passed', 'flaky' or 'not-run'
 * @param words what the search box holds: every word must be in the scenario's name, key or location
 */
export function tileMatches(scenario, show, words) {
  const byStatus = !show || (show === 'flaky' ? scenario.flaky || Boolean(scenario.history && scenario.history.flaky)
    : SHOWN_BY[show].has(scenario.status));
  const text = `${scenario.name || ''} ${scenario.key} ${scenario.feature || ''}:${scenario.line || ''}`.toLowerCase();
  return byStatus && words.toLowerCase().split(/\s+/).filter(Boolean).every(word => text.includes(word));
}

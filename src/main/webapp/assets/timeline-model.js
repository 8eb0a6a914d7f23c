// Where a run's time went, as bars on lanes: one lane per worker slot of each group (workers that ran at the same
// time get lanes of their own; a worker that started after another ended reuses its lane), each attempt a bar from
// its start to its end (now, while it runs), the time it waited for a worker before it, and a batch's runner start
// (from its worker's launch to its first scenario) as bars of their own.
// Pure: the board feeds it the run tree it keeps current, the chart draws what it answers.

const ENDED_RUN = new Set(['PASSED', 'FAILED', 'STOPPED']);

/**
 * @param run the run tree (GET /api/runs/{id}, kept current by the live channel)
 * @param now the time running bars reach, in epoch milliseconds
 * @return {lanes: [{id, label, flowKey, groupKey}], bars: [{lane, start, end, kind (attempt, queued, starting),
 *   status, flowKey, groupKey,
 *   scenarioKey, scenarioName, number, workerId}], groups: [{flowKey, groupKey, name, start, end}], origin, end}
 *   with times in milliseconds since the run was created
 */
export function timeline(run, now) {
  const origin = Date.parse(run.createdAt);
  const runEnd = run.endedAt && ENDED_RUN.has(run.status) ? Date.parse(run.endedAt) : now;
  const lanes = [];
  const bars = [];
  const groups = [];
  for (const flow of run.flows) {
    for (const group of flow.groups) {
      const workers = workersOf(flow, group, runEnd);
      if (workers.length === 0) continue;
      const slots = [];
      for (const worker of workers) {
        let slot = slots.findIndex(end => end <= worker.start);
        if (slot < 0) slot = slots.push(0) - 1;
        slots[slot] = worker.end;
        const lane = `${flow.key}/${group.key}/${slot + 1}`;
        worker.attempts.forEach(a => bars.push({...a, lane, start: a.start - origin, end: a.end - origin}));
        worker.waits.forEach(w => bars.push({...w, lane, start: w.start - origin, end: w.end - origin}));
        const firstScenario = Math.min(...worker.attempts.map(a => a.start));
        if (worker.launchedAt !== null && worker.attempts.length > 0 && firstScenario > worker.launchedAt) {
          bars.push({kind: 'starting', status: 'STARTING', flowKey: flow.key, groupKey: group.key, lane,
            scenarioKey: null, scenarioName: `batch ${worker.batchId}`, number: null, workerId: worker.id,
            start: worker.launchedAt - origin, end: firstScenario - origin});
        }
      }
      slots.forEach((_, i) => lanes.push({id: `${flow.key}/${group.key}/${i + 1}`, flowKey: flow.key,
        groupKey: group.key, label: `${flow.name} › ${group.name} · slot ${i + 1}`}));
      groups.push({flowKey: flow.key, groupKey: group.key, name: group.name,
        start: Math.min(...workers.map(w => w.start)) - origin, end: Math.max(...workers.map(w => w.end)) - origin});
    }
  }
  return {lanes, bars, groups, origin, end: runEnd - origin};
}

/**
 * The group's workers, by start: a batch's members share one; an attempt not started yet is its own. A worker holds
 * its group's slot from the moment its attempts joined the queue for a worker (the global limit) to its end.
 */
function workersOf(flow, group, runEnd) {
  const workers = new Map();
  for (const scenario of group.scenarios) {
    for (const attempt of scenario.attempts) {
      if (!attempt.startedAt) continue;
      const queued = attempt.status === 'QUEUED';
      const began = Date.parse(attempt.startedAt);
      const end = attempt.endedAt ? Date.parse(attempt.endedAt) : runEnd;
      const waitedSince = queued ? began : (attempt.queuedAt ? Date.parse(attempt.queuedAt) : null);
      const id = attempt.workerId || (attempt.batch ? `batch ${attempt.batch.id}` : `${scenario.key}#${attempt.number}`);
      const worker = workers.get(id) || {id, start: Infinity, end: -Infinity, attempts: [], waits: [],
        launchedAt: null, batchId: attempt.batch ? attempt.batch.id : null};
      const launched = attempt.batch && attempt.batch.launchedAt ? Date.parse(attempt.batch.launchedAt) : null;
      if (launched !== null && !queued) worker.launchedAt = Math.min(worker.launchedAt ?? launched, launched);
      const base = {flowKey: flow.key, groupKey: group.key, scenarioKey: scenario.key,
        scenarioName: scenario.name || scenario.key, number: attempt.number, workerId: attempt.workerId || null};
      if (waitedSince !== null) {
        worker.waits.push({...base, kind: 'queued', status: 'QUEUED', start: waitedSince, end: queued ? end : began});
      }
      if (!queued) worker.attempts.push({...base, kind: 'attempt', status: attempt.status, start: began, end});
      worker.start = Math.min(worker.start, waitedSince ?? began, worker.launchedAt ?? Infinity);
      worker.end = Math.max(worker.end, end);
      workers.set(id, worker);
    }
  }
  return [...workers.values()].sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
}

const STEPS_SECONDS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400];

/** A whole number of seconds (then minutes, hours) between the time axis's ticks: at most about ten of them. */
export function tickStep(endMillis) {
  const step = STEPS_SECONDS.find(seconds => endMillis / (seconds * 1000) <= 10) ?? STEPS_SECONDS.at(-1);
  return step * 1000;
}

/** "m:ss" (or "h:mm:ss") of milliseconds since the run began. */
export function clock(millis) {
  const seconds = Math.max(0, Math.round(millis / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

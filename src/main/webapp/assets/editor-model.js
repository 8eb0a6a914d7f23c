// The execution being edited, as the API's ExecutionRequest: flows › groups › scenarios, each list in run order.

export function emptyExecution() {
  return {name: '', retries: 0, scenarioTimeoutSeconds: 600, singleThreaded: false, testData: {}, flows: [newFlow(1)]};
}

export function newFlow(n) {
  return {key: null, name: `Flow ${n}`, groups: [newGroup(1)]};
}

export function newGroup(n) {
  return {name: `Group ${n}`, parallelism: 4, continueOnFailure: false, order: 'HISTORY', scenarios: []};
}

/** The request body for an execution read from the API (its groups' keys are derived again from their names). */
export function fromExecution(execution) {
  return {
    name: execution.name,
    retries: execution.policy.retries,
    scenarioTimeoutSeconds: execution.policy.scenarioTimeoutSeconds,
    runTimeoutSeconds: execution.policy.runTimeoutSeconds ?? null,
    singleThreaded: Boolean(execution.policy.singleThreaded),
    testData: execution.testData || {},
    flows: execution.flows.map(f => ({key: f.key, name: f.name, groups: f.groups.map(g => ({
      name: g.name, parallelism: g.parallelism, continueOnFailure: g.continueOnFailure,
      timeoutSeconds: g.timeoutSeconds ?? null, order: g.order ?? 'HISTORY', batchSize: g.batchSize ?? null,
      scenarios: g.scenarios.map(s => ({key: s.key, feature: s.feature, line: s.line, name: s.name,
        tags: s.tags || []}))}))})),
  };
}

/**
 * A group's batch size as typed: empty for the default (automatic when the project's command takes {locations}),
 * "auto", or a number of scenarios per worker; anything else goes to the server as typed, which says what is wrong.
 */
export function parseBatchSize(text) {
  const value = text.trim();
  if (value === '') return null;
  return /^[0-9]+$/.test(value) ? Number(value) : value;
}

export function move(list, index, by) {
  const target = index + by;
  if (target < 0 || target >= list.length) return false;
  [list[index], list[target]] = [list[target], list[index]];
  return true;
}

/** "KEY=value" lines, the way people paste environment variables. */
export function parseTestData(text) {
  const data = {};
  for (const line of text.split('\n').map(l => l.trim()).filter(Boolean)) {
    const at = line.indexOf('=');
    if (at > 0) data[line.slice(0, at).trim()] = line.slice(at + 1);
  }
  return data;
}

export function formatTestData(data) {
  return Object.entries(data || {}).map(([k, v]) => `${k}=${v}`).join('\n');
}

/** A key free in the execution, from a scenario's name. */
export function uniqueKey(execution, wanted) {
  const used = new Set(execution.flows.flatMap(f => f.groups.flatMap(g => g.scenarios.map(s => s.key))));
  const base = (wanted || 'scenario').toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '') || 'scenario';
  let key = base;
  for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
  return key;
}

// The workers page, as data: the live workers grouped by the node (or host) they run on, busiest node first.

/**
 * @param workers GET /api/workers
 * @param now     epoch milliseconds, for each worker's age
 * @return [{node, workers: [{...worker, ageMillis}], count}] with workers oldest first
 */
export function byNode(workers, now) {
  const nodes = new Map();
  for (const worker of workers) {
    const node = worker.place || 'not scheduled yet';
    if (!nodes.has(node)) nodes.set(node, []);
    nodes.get(node).push({...worker, ageMillis: worker.since ? Math.max(0, now - Date.parse(worker.since)) : null});
  }
  return [...nodes.entries()]
    .map(([node, list]) => ({node, count: list.length,
      workers: list.sort((a, b) => (b.ageMillis ?? -1) - (a.ageMillis ?? -1) || a.id.localeCompare(b.id))}))
    .sort((a, b) => b.count - a.count || a.node.localeCompare(b.node));
}

/** What a worker runs: its scenario and attempt, or the batch it runs. */
export function runs(worker) {
  return worker.batch ? `batch ${worker.batch} of ${worker.groupKey}` : `${worker.scenarioKey}, attempt ${worker.attempt}`;
}

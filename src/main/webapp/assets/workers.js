// The workers page: every live worker (pod or local process) grouped by the node it runs on, with the run,
// scenario and attempt (or batch) it runs, its phase and age; how many run per node; the global limit and its
// queue. Read every two seconds while the page is shown.
import {api, clearError, duration, el, showError, showSignedInUser} from './api.js';
import {byNode, runs} from './workers-model.js';

const EVERY_MILLIS = 2000;

function renderCapacity(capacity, total) {
  document.getElementById('capacity').textContent = `${total} worker(s) running`
    + (capacity.limit > 0 ? ` of at most ${capacity.limit}` : ' (no global limit)')
    + `; ${capacity.queued} attempt(s) waiting for a worker.`;
}

function renderNodes(workers) {
  const nodes = byNode(workers, Date.now());
  document.getElementById('nodes').replaceChildren(...(nodes.length === 0
    ? [el('p', {class: 'muted'}, 'No worker runs now.')]
    : nodes.map(n => el('section', {class: 'node', 'data-node': n.node, 'aria-label': `node ${n.node}`},
      el('h2', {}, `${n.node} · ${n.count} worker(s)`),
      el('table', {}, el('thead', {}, el('tr', {}, ['Worker', 'Run', 'Runs', 'Phase', 'Age']
        .map(h => el('th', {scope: 'col'}, h)))),
        el('tbody', {}, n.workers.map(w => el('tr', {'data-worker': w.id},
          el('td', {}, w.id),
          el('td', {}, el('a', {href: `run.html?id=${encodeURIComponent(w.runId)}`
            + (w.scenarioKey ? `&scenario=${encodeURIComponent(w.scenarioKey)}` : '')}, w.runId)),
          el('td', {}, `${w.flowKey} › ${runs(w)}`), el('td', {}, w.phase),
          el('td', {}, w.ageMillis === null ? '' : duration(w.ageMillis))))))))));
}

async function refresh() {
  try {
    const [workers, capacity] = await Promise.all([api('GET', '/workers'), api('GET', '/workers/capacity')]);
    clearError();
    renderCapacity(capacity, workers.length);
    renderNodes(workers);
    document.getElementById('live').textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    showError(error);
  } finally {
    setTimeout(refresh, EVERY_MILLIS);
  }
}

refresh();
showSignedInUser().catch(showError);

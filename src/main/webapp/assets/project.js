// A project: its executions (with a Run button each) and its run history, kept current over /ws/projects/{id}.
import {api, clearError, duration, el, param, showError, showSignedInUser, statusBadge} from './api.js';
import {follow} from './live.js';
import {drawTrend} from './project-trend.js';
import {askAndStart} from './run-dialog.js';

const projectId = param('id');
const runs = new Map();
let project = null;

/** Asks for this run's own test data (the Run dialog), then shows the run's board. */
async function start(execution) {
  clearError();
  const inherited = {};
  Object.entries(project.testData || {}).forEach(([name, value]) => { inherited[name] = [value, 'project']; });
  Object.entries(execution.testData || {}).forEach(([name, value]) => { inherited[name] = [value, 'execution']; });
  const run = await askAndStart(execution, inherited);
  if (run) location.href = `run.html?id=${encodeURIComponent(run.id)}`;
}

async function loadExecutions() {
  project = await api('GET', `/projects/${encodeURIComponent(projectId)}`);
  document.getElementById('title').textContent = project.name;
  document.title = `${project.name} · Flowrunner`;
  const executions = await api('GET', `/projects/${encodeURIComponent(projectId)}/executions`);
  document.getElementById('executions').replaceChildren(...executions.map(x => el('tr', {'data-execution': x.id},
    el('td', {}, el('a', {href: `execution.html?project=${encodeURIComponent(projectId)}&id=${encodeURIComponent(x.id)}`},
      x.name)),
    el('td', {}, `${x.flows.length} flow(s), ${x.flows.reduce((n, f) => n + f.groups.reduce((m, g) => m + g.scenarios.length, 0), 0)} scenarios`
      + (x.policy.singleThreaded ? ', single-threaded' : '')),
    el('td', {}, el('button', {type: 'button', class: 'primary', 'data-needs': 'runner', 'aria-label': `run ${x.name}`,
      'aria-haspopup': 'dialog', onclick: () => start(x).catch(showError)}, 'Run…')))));
  const filter = document.getElementById('filter-execution');
  filter.replaceChildren(el('option', {value: ''}, 'all executions'),
    ...executions.map(x => el('option', {value: x.id}, x.name)));
}

async function loadFlaky() {
  const flaky = await api('GET', `/projects/${encodeURIComponent(projectId)}/scenarios/flaky`);
  const rows = flaky.map(s => el('tr', {'data-flaky': s.scenarioKey},
    el('td', {}, el('a', {href: `scenario.html?project=${encodeURIComponent(projectId)}`
      + `&key=${encodeURIComponent(s.scenarioKey)}`}, s.scenarioKey)),
    el('td', {}, `${Math.round(s.flakiness * 100)}%`), el('td', {}, String(s.runs)),
    el('td', {}, String(s.passedOnRetry)), el('td', {}, String(s.flips)),
    el('td', {}, s.outcomes.filter(o => o.comparable).slice(0, 10).flatMap(o => [statusBadge(o.status), ' ']))));
  document.getElementById('flaky').replaceChildren(...(rows.length ? rows
    : [el('tr', {}, el('td', {colspan: '6', class: 'muted'}, 'none so far'))]));
}

let trend = [];

async function loadTrend() {
  trend = await api('GET', `/projects/${encodeURIComponent(projectId)}/runs/trend?size=30`);
  drawTrend(document.getElementById('trend'), trend, runs);
}

async function loadSlowest() {
  const slowest = await api('GET', `/projects/${encodeURIComponent(projectId)}/scenarios/slowest?size=10`);
  const rows = slowest.map(s => el('tr', {'data-slow': s.scenarioKey},
    el('td', {}, el('a', {href: `scenario.html?project=${encodeURIComponent(projectId)}`
      + `&key=${encodeURIComponent(s.scenarioKey)}`}, s.scenarioKey)),
    el('td', {}, duration(s.expectedMillis)), el('td', {}, String(s.runs)), el('td', {}, s.flaky ? 'yes' : 'no')));
  document.getElementById('slowest').replaceChildren(...(rows.length ? rows
    : [el('tr', {}, el('td', {colspan: '4', class: 'muted'}, 'none so far'))]));
}

function renderRuns() {
  const status = document.getElementById('filter-status').value;
  const execution = document.getElementById('filter-execution').value;
  const rows = [...runs.values()]
    .filter(r => (!status || r.status === status) && (!execution || r.executionId === execution))
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
    .map(r => el('tr', {'data-run': r.id},
      el('td', {}, el('a', {href: `run.html?id=${encodeURIComponent(r.id)}`}, r.id)),
      el('td', {}, r.executionName), el('td', {}, statusBadge(r.status)), el('td', {}, r.trigger),
      el('td', {}, new Date(r.createdAt).toLocaleString()), el('td', {}, duration(r.durationMillis))));
  document.getElementById('runs').replaceChildren(...rows);
}

document.getElementById('filter-status').addEventListener('change', renderRuns);
document.getElementById('filter-execution').addEventListener('change', renderRuns);
document.getElementById('settings-link').href = `settings.html?id=${encodeURIComponent(projectId)}`;
document.getElementById('new-execution').href = `execution.html?project=${encodeURIComponent(projectId)}`;
loadExecutions().catch(showError);
loadFlaky().catch(showError);
loadTrend().catch(showError);
loadSlowest().catch(showError);
follow(`/ws/projects/${encodeURIComponent(projectId)}`, message => {
  if (message.type === 'runs') {
    runs.clear();
    message.runs.forEach(r => runs.set(r.id, r));
    drawTrend(document.getElementById('trend'), trend, runs);
  } else if (message.type === 'run') {
    runs.set(message.run.id, message.run);
    if (!['RUNNING', 'STOPPING'].includes(message.run.status)) {
      // The run's report records its scenarios' outcomes shortly after it ends.
      setTimeout(() => Promise.all([loadFlaky(), loadTrend(), loadSlowest()]).catch(showError), 5000);
    }
  }
  renderRuns();
}, state => { document.getElementById('live').textContent = state === 'live' ? 'live' : `${state}…`; });
showSignedInUser().catch(showError);

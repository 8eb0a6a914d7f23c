// A scenario's page (scenario.html?project=…&key=…): its outcome strip, duration chart with the dispatcher's
// median, why it is (not) flaky, its last failure, and its runs — from GET /api/projects/{id}/scenarios/{key}.
import {api, duration, el, param, showError, showSignedInUser, statusBadge} from './api.js';
import {expectedSeconds, flakinessWhy, outcomesOldestFirst} from './scenario-model.js';
import {STATUS_COLORS} from './status-colors.js';

const projectId = param('project');
const key = param('key');

const runLink = (runId, text, scenarioKey = key) =>
  el('a', {href: `run.html?id=${encodeURIComponent(runId)}&scenario=${encodeURIComponent(scenarioKey)}`}, text);

function renderStrip(outcomes) {
  document.getElementById('strip').replaceChildren(...outcomes.map(o => el('li', {},
    el('a', {class: `cell status-${o.status.toLowerCase()}`, href: `run.html?id=${encodeURIComponent(o.runId)}`
      + `&scenario=${encodeURIComponent(key)}`, title: `${o.runId}: ${o.status.replace('_', ' ')}`,
      'aria-label': `run ${o.runId}: ${o.status.replace('_', ' ').toLowerCase()}, ${o.attempts} attempt(s)`}))));
  document.querySelectorAll('#strip .cell').forEach(cell => {
    cell.style.background = STATUS_COLORS[cell.className.replace('cell status-', '').toUpperCase()] || '#555';
  });
}

function renderChart(outcomes, median) {
  const labels = outcomes.map(o => o.endedAt ? new Date(o.endedAt).toLocaleString([], {month: 'short', day: 'numeric',
    hour: '2-digit', minute: '2-digit'}) : o.runId);
  const timed = outcomes.map(o => o.seconds);
  const datasets = [{label: 'held a worker (s)', data: timed, showLine: true, spanGaps: true, borderColor: '#555',
    pointRadius: 5, pointBackgroundColor: outcomes.map(o => STATUS_COLORS[o.status] || '#555')}];
  if (median !== null) {
    datasets.push({label: `median the dispatcher uses (${median} s)`, data: outcomes.map(() => median),
      borderColor: '#0b57d0', borderDash: [6, 4], pointRadius: 0});
  }
  const canvas = document.getElementById('durations');
  new window.Chart(canvas, {
    type: 'line', data: {labels, datasets},
    options: {animation: false, maintainAspectRatio: false,
      scales: {y: {beginAtZero: true, title: {display: true, text: 'seconds'}}},
      plugins: {tooltip: {callbacks: {afterLabel: context => context.datasetIndex === 0
        ? `${outcomes[context.dataIndex].runId}: ${outcomes[context.dataIndex].status}` : ''}}},
      onClick: (event, elements) => {
        const hit = elements.find(e => e.datasetIndex === 0);
        if (hit) location.href = `run.html?id=${encodeURIComponent(outcomes[hit.index].runId)}`
          + `&scenario=${encodeURIComponent(key)}`;
      }},
  });
  const timedOnes = outcomes.filter(o => o.seconds !== null);
  canvas.setAttribute('aria-label', `Durations of the ${timedOnes.length} latest timed runs, from `
    + `${Math.min(...timedOnes.map(o => o.seconds))} s to ${Math.max(...timedOnes.map(o => o.seconds))} s`
    + (median !== null ? `; the median the dispatcher uses is ${median} s` : '') + '; the table below lists them');
}

function renderFailure(failure) {
  const section = document.getElementById('failure');
  section.hidden = !failure;
  if (!failure) return;
  document.getElementById('failure-where').replaceChildren(
    `${failure.status.replace('_', ' ')} on attempt ${failure.attempt}`,
    failure.endedAt ? `, ${new Date(failure.endedAt).toLocaleString()}` : '', ', in run ',
    runLink(failure.runId, failure.runId), failure.round > 0 ? ` (re-run ${failure.round})` : '');
  document.getElementById('failure-step').textContent = failure.failingStep ? `Step: ${failure.failingStep}` : '';
  document.getElementById('failure-error').textContent = failure.errorMessage || '(no message)';
}

async function load() {
  const [project, page] = await Promise.all([
    api('GET', `/projects/${encodeURIComponent(projectId)}`),
    api('GET', `/projects/${encodeURIComponent(projectId)}/scenarios/${encodeURIComponent(key)}`)]);
  const link = document.getElementById('project-link');
  link.textContent = project.name;
  link.href = `project.html?id=${encodeURIComponent(projectId)}`;
  const name = page.name || page.key;
  document.title = `${name} · Flowrunner`;
  document.getElementById('title').textContent = name;
  document.getElementById('place').textContent = [page.key,
    page.feature ? `${page.feature}${page.line ? `:${page.line}` : ''}` : null,
    page.flowKey ? `${page.flowKey} › ${page.groupKey}` : null].filter(Boolean).join(' · ');
  const outcomes = outcomesOldestFirst(page.history);
  renderStrip(outcomes);
  document.getElementById('flakiness').textContent = flakinessWhy(page.history);
  renderChart(outcomes, expectedSeconds(page.history));
  renderFailure(page.lastFailure);
  document.getElementById('outcomes').replaceChildren(...page.history.outcomes.map(o => el('tr', {},
    el('td', {}, runLink(o.runId, o.runId)), el('td', {}, statusBadge(o.status)), el('td', {}, String(o.attempts)),
    el('td', {}, o.status === 'SKIPPED' ? '' : duration(o.busyMillis)),
    el('td', {}, o.endedAt ? new Date(o.endedAt).toLocaleString() : ''), el('td', {}, o.comparable ? 'yes' : 'no'))));
}

load().catch(showError);
showSignedInUser().catch(showError);

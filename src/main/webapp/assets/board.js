// The live run board: flows × ordered groups of scenario tiles, kept current over /ws/runs/{id}.
import {api, clearError, duration, el, param, showError, showSignedInUser, statusBadge} from './api.js';
import {follow} from './live.js';
import {applyChange, isEnded, scenarioLabel, tileMatches} from './board-model.js';
import {createLiveOutput} from './live-output.js';
import {createTimeline} from './timeline.js';

const runId = param('id');
let run = null;
// The scenario whose details show: a link to a run's board may name one (a scenario page's outcome, say).
let selected = param('scenario');
// The attempt a timeline bar opened: marked in the details panel, which re-renders as files and attempts change.
let chosenAttempt = null;
const tiles = new Map();
const liveOutput = createLiveOutput(runId);

// The stored files of the scenario the details panel shows, fetched when the panel opens and again when its
// attempts change: empty logs are not stored and a scenario may have attachments, so the board lists what is there.
let shownFiles = {folder: null, stamp: null, paths: null};
let lookedAgainFor = null;

function fileHref(path) {
  return `/api/runs/${encodeURIComponent(runId)}/files/${path.split('/').map(encodeURIComponent).join('/')}`;
}

function fileLink(path, scenarioFolder) {
  const name = path.slice(scenarioFolder.length + 1).replace(/^attempt-\d+\//, '');
  return el('a', {href: fileHref(path), target: '_blank', rel: 'noopener'}, name);
}

// A screenshot is what a reader of a failed browser test looks for first: shown, not only linked. SVG stays a link:
// it is a document that may carry scripts, and it is the tested application's, not ours.
const PICTURE = /\.(png|jpe?g|gif|webp)$/i;

function screenshot(path, scenarioFolder) {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return el('a', {href: fileHref(path), target: '_blank', rel: 'noopener', class: 'screenshot'},
    el('img', {src: fileHref(path), alt: `attachment ${name} of ${path.slice(scenarioFolder.length + 1, path.indexOf('/attachments/'))}`,
      loading: 'lazy'}));
}

function attemptsStamp(scenario) {
  return scenario.attempts.map(a => `${a.number}:${a.status}`).join(',');
}

async function loadFiles(folder, scenario, force = false) {
  const stamp = attemptsStamp(scenario);
  if (!force && shownFiles.folder === folder && shownFiles.stamp === stamp) return;
  shownFiles = {folder, stamp, paths: shownFiles.folder === folder ? shownFiles.paths : null};
  try {
    const paths = await api('GET', `/runs/${encodeURIComponent(runId)}/files?under=${encodeURIComponent(folder)}`);
    if (shownFiles.folder !== folder || shownFiles.stamp !== stamp) return;
    shownFiles.paths = paths;
    renderDetails();
    // A local attempt's files are stored just after it ends: an ended attempt without any is looked at once more.
    const missing = scenario.attempts.some(a => a.workerId && a.endedAt
      && !paths.some(p => p.startsWith(`${folder}/attempt-${a.number}/`)));
    if (missing && lookedAgainFor !== `${folder} ${stamp}`) {
      lookedAgainFor = `${folder} ${stamp}`;
      setTimeout(() => {
        if (shownFiles.folder === folder && shownFiles.stamp === stamp) loadFiles(folder, scenario, true);
      }, 2000);
    }
  } catch (error) {
    showError(error);
  }
}

function attemptFiles(folder, attempt) {
  if (!attempt.workerId) return '';
  if (shownFiles.folder !== folder || shownFiles.paths === null) return '…';
  const own = `${folder}/attempt-${attempt.number}/`;
  const files = shownFiles.paths.filter(p => p.startsWith(own));
  const links = files.flatMap(p => [fileLink(p, folder), ' ']);
  const shared = attempt.batch && attempt.endedAt ? batchLogs(folder, attempt.batch) : [];
  const pictures = files.filter(p => PICTURE.test(p) && p.includes('/attachments/')).map(p => screenshot(p, folder));
  return links.length || shared.length ? [...links, ...shared, ...pictures] : (attempt.endedAt ? 'none stored' : '');
}

// A batch's runner wrote one stdout and one stderr for all its scenarios: stored once, in the group's batch folder.
function batchLogs(scenarioFolder, batch) {
  const groupFolder = scenarioFolder.slice(0, scenarioFolder.lastIndexOf('/'));
  return ['stdout.log', 'stderr.log'].flatMap(log => {
    const path = `${groupFolder}/batches/${batch.id}/${log}`;
    return [el('a', {href: fileHref(path), target: '_blank', rel: 'noopener', title: `shared by batch ${batch.id}`},
      `batch ${log}`), ' '];
  });
}

function batchNote(attempt) {
  return attempt.batch ? el('div', {class: 'muted', 'data-batch': attempt.batch.id, title: attempt.batch.reason},
    `batch ${attempt.batch.id} of ${attempt.batch.size}: ${attempt.batch.reason}`) : null;
}

function renderHeader() {
  const c = run.counts;
  document.title = `${run.executionName} · ${run.status} · Flowrunner`;
  document.getElementById('title').replaceChildren(`${run.executionName} `, statusBadge(run.status));
  document.getElementById('summary').replaceChildren(
    `Run ${run.id} · started ${new Date(run.createdAt).toLocaleString()} by ${run.trigger}`,
    run.round > 0 ? ` · re-run ${run.round}` : '',
    run.singleThreaded ? ' · single-threaded: one scenario at a time, flows in order' : '',
    run.endedAt ? ` · took ${duration(run.durationMillis ?? (Date.parse(run.endedAt) - Date.parse(run.createdAt)))}` : '');
  document.getElementById('counts').textContent = `${c.scenarios} scenarios: ${c.passed} passed, ${c.flaky} flaky, `
    + `${c.skipped} skipped, ${c.failed} failed, ${c.running} running, ${c.queued} queued, ${c.pending} not run`;
  const problem = document.getElementById('run-problem');
  problem.hidden = !run.problem;
  problem.textContent = run.problem || '';
  document.getElementById('stop').disabled = isEnded(run);
  document.getElementById('rerun').disabled = !isEnded(run) || c.failed === 0;
}

function tile(flow, group, scenario) {
  const last = scenario.attempts[scenario.attempts.length - 1];
  const label = scenarioLabel(scenario);
  const location = `${scenario.feature || ''}${scenario.line ? `:${scenario.line}` : ''}`;
  const item = el('li', {class: `tile status-${scenario.status.toLowerCase()}`, 'data-scenario': scenario.key,
      'data-status': scenario.status, hidden: !tileMatches(scenario, filter.show, filter.words)},
    // A long name is cut to three lines on the tile; the whole of it, with the scenario's place, is on hover.
    el('button', {class: 'name', type: 'button', 'aria-expanded': String(selected === scenario.key),
      title: `${label}${scenario.name ? ` (${scenario.key} · ${location})` : ''}`,
      onclick: () => { selected = scenario.key; chosenAttempt = null; renderDetails(); }}, label),
    el('div', {class: 'meta'}, statusBadge(scenario.status),
      scenario.flaky ? [' ', el('span', {class: 'flaky'}, 'flaky')] : null,
      scenario.history && scenario.history.flaky ? [' ', el('span', {class: 'flaky', 'data-history': 'flaky',
        title: `flakiness ${Math.round(scenario.history.score * 100)}% over ${scenario.history.runs} run(s)`},
        'flaky history')] : null,
      scenario.attempts.length > 1 ? ` ×${scenario.attempts.length}` : '',
      last && last.durationMillis != null ? ` · ${duration(last.durationMillis)}` : '',
      last && last.workerId ? ` · ${last.workerId}` : '',
      last && last.workerNode ? ` on ${last.workerNode}` : '',
      last && last.batch ? ` · batch ${last.batch.id}` : ''));
  tiles.set(`${flow.key}/${group.key}/${scenario.key}`, item);
  return item;
}

function groupColumn(flow, group) {
  return el('section', {class: 'group', 'data-group': group.key, 'aria-label': `group ${group.name}`},
    el('h3', {}, group.name, ' ', statusBadge(group.status)),
    el('div', {class: 'meta muted'}, group.parallelism === 1 ? 'one at a time' : `${group.parallelism} at a time`,
      group.order === 'DECLARED' ? ' · in declared order' : ' · longest first',
      group.batchSize && group.batchSize !== '1' ? ` · batches of ${group.batchSize}` : '',
      group.continueOnFailure ? ' · continues on failure' : ''),
    el('ul', {class: 'tiles'}, group.scenarios.map(s => tile(flow, group, s))));
}

// The board's filter: which scenarios' tiles show (by status, by the words searched), and how many that is.
const filter = {show: '', words: ''};

function applyFilter() {
  if (!run) return;
  let shown = 0;
  let all = 0;
  for (const flow of run.flows) {
    for (const group of flow.groups) {
      for (const scenario of group.scenarios) {
        all += 1;
        const visible = tileMatches(scenario, filter.show, filter.words);
        if (visible) shown += 1;
        const item = tiles.get(`${flow.key}/${group.key}/${scenario.key}`);
        if (item) item.hidden = !visible;
      }
    }
  }
  document.getElementById('tiles-shown').textContent = filter.show || filter.words ? `${shown} of ${all} shown` : '';
}

function renderBoard() {
  tiles.clear();
  document.getElementById('board').replaceChildren(...run.flows.map(flow =>
    el('section', {class: 'flow', 'data-flow': flow.key},
      el('h2', {}, flow.name, ' ', statusBadge(flow.status)),
      flow.haltedAt ? el('p', {class: 'muted'}, `halted at group ${flow.haltedAt}`,
        flow.reason ? `: ${flow.reason}` : '') : null,
      el('div', {class: 'groups'}, flow.groups.map(g => groupColumn(flow, g))))));
  renderHeader();
  renderDetails();
}

// The timeline follows every change, at most a few times a second, and grows on its own while the run goes on.
let timelineView = null;
let timelinePending = false;

function refreshTimeline() {
  if (!run || timelinePending) return;
  timelinePending = true;
  setTimeout(() => {
    timelinePending = false;
    if (!timelineView) {
      timelineView = createTimeline(document.getElementById('timeline'), openAttempt);
    }
    timelineView.update(run);
  }, 200);
}

function openAttempt(bar) {
  selected = bar.scenarioKey;
  chosenAttempt = bar.number;
  if (filter.show || filter.words) {
    filter.show = '';
    filter.words = '';
    document.getElementById('tile-show').value = '';
    document.getElementById('tile-search').value = '';
    applyFilter();
  }
  renderDetails();
  const panel = document.getElementById('details');
  panel.scrollIntoView({block: 'nearest'});
  panel.querySelector('h2').focus();
}

function renderDetails() {
  const panel = document.getElementById('details');
  const found = run && run.flows.flatMap(f => f.groups.flatMap(g => g.scenarios.map(s => ({f, g, s}))))
    .find(x => x.s.key === selected);
  if (!found) { panel.hidden = true; liveOutput.sectionFor(null, null); return; }
  const {f, g, s} = found;
  const folder = `${f.key}/${g.key}/${s.key}`;
  // The output of the scenario's attempt running now, once its worker is known; it stays shown after its end.
  const last = s.attempts[s.attempts.length - 1];
  const followed = last && last.workerId && (last.status === 'RUNNING' || liveOutput.following(s.key, last)) ? last : null;
  panel.hidden = false;
  panel.replaceChildren(
    el('h2', {tabindex: '-1'}, scenarioLabel(s)),
    el('p', {class: 'muted'}, `${s.feature}${s.line ? `:${s.line}` : ''} · flow ${f.name} › ${g.name} · `,
      el('a', {href: `scenario.html?project=${encodeURIComponent(run.projectId)}&key=${encodeURIComponent(s.key)}`},
        'its history')),
    el('table', {}, el('thead', {}, el('tr', {}, ['Attempt', 'Status', 'Worker', 'Duration', 'Error', 'Files']
        .map(h => el('th', {scope: 'col'}, h)))),
      el('tbody', {}, s.attempts.map(a => el('tr', {'data-attempt': String(a.number),
          class: a.number === chosenAttempt ? 'chosen' : null},
        el('td', {}, String(a.number), a.round > 0 ? ` (re-run ${a.round})` : ''),
        el('td', {}, statusBadge(a.status), a.exitCode != null ? ` exit code ${a.exitCode}` : ''),
        el('td', {}, a.workerId || '', a.workerPhase ? ` · ${a.workerPhase}` : '', a.workerNode ? ` on ${a.workerNode}` : '',
          batchNote(a)),
        el('td', {}, duration(a.durationMillis)),
        el('td', {}, a.failingStep ? el('div', {}, `step: ${a.failingStep}`) : null, a.errorMessage || ''),
        el('td', {}, attemptFiles(folder, a)))))),
    liveOutput.sectionFor(s.key, followed));
  loadFiles(folder, s);
}

function onMessage(message) {
  if (message.type === 'snapshot') {
    run = message.run;
    renderBoard();
    applyFilter();
    refreshTimeline();
    return;
  }
  if (!run) return;
  const changed = applyChange(run, message);
  if (!changed) return;
  if (changed.scenario) {
    const key = `${changed.flow.key}/${changed.group.key}/${changed.scenario.key}`;
    const old = tiles.get(key);
    if (old) old.replaceWith(tile(changed.flow, changed.group, changed.scenario));
    const column = document.querySelector(`[data-flow="${CSS.escape(changed.flow.key)}"] [data-group="${CSS.escape(changed.group.key)}"] h3`);
    if (column) column.replaceChildren(changed.group.name, ' ', statusBadge(changed.group.status));
    if (selected === changed.scenario.key) renderDetails();
    renderHeader();
    applyFilter();
  } else {
    renderBoard();
    applyFilter();
  }
  refreshTimeline();
}

async function act(path) {
  clearError();
  try {
    await api('POST', `/runs/${encodeURIComponent(runId)}/${path}`);
  } catch (error) {
    showError(error);
  }
}

document.getElementById('tile-show').addEventListener('change', event => {
  filter.show = event.target.value;
  applyFilter();
});
document.getElementById('tile-search').addEventListener('input', event => {
  filter.words = event.target.value;
  applyFilter();
});
setInterval(() => { if (run && !isEnded(run)) refreshTimeline(); }, 1000);
document.getElementById('stop').addEventListener('click', () => act('stop'));
document.getElementById('rerun').addEventListener('click', () => act('rerun-failed'));
document.getElementById('report').href = `/api/runs/${encodeURIComponent(runId)}/files/report/index.html`;
document.getElementById('cucumber').href = `/api/runs/${encodeURIComponent(runId)}/files/report/cucumber.html`;
follow(`/ws/runs/${encodeURIComponent(runId)}`, onMessage, state => {
  document.getElementById('live').textContent = state === 'live' ? 'live' : state === 'refused'
    ? 'no such run' : `${state}…`;
  document.getElementById('live').dataset.state = state;
});
showSignedInUser().catch(showError);

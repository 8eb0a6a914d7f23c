// The run board's timeline: the run as a Gantt chart (Chart.js floating bars) — one lane per worker slot of each
// group, a bar per attempt coloured by its status, the wait for a worker before it, each flow's groups one after
// the other on a lane of their own — kept current with the board and growing while the run goes on. A bar opens
// its attempt; the same bars are listed in a table for keyboard and screen-reader users.
import {duration, el} from './api.js';
import {STATUS_COLORS} from './status-colors.js';
import {clock, tickStep, timeline} from './timeline-model.js';

const GROUP_COLOR = '#dfe6ee';
const LEGEND = {QUEUED: 'waiting for a worker', STARTING: 'a batch\'s runner starting', GROUP: 'group'};

function color(bar) {
  if (!bar) return GROUP_COLOR;
  return bar.kind === 'group' ? GROUP_COLOR : STATUS_COLORS[bar.status] || '#555';
}

function describe(bar) {
  const span = `${clock(bar.start)}–${clock(bar.end)} (${duration(bar.end - bar.start)})`;
  if (bar.kind === 'group') return `group ${bar.name}: ${span}`;
  if (bar.kind === 'queued') return `${bar.scenarioName}, attempt ${bar.number}: waited for a worker ${span}`;
  if (bar.kind === 'starting') return `${bar.scenarioName}: its runner started ${span} on ${bar.workerId}`;
  return `${bar.scenarioName}, attempt ${bar.number}: ${bar.status.replace('_', ' ')} ${span}`
    + (bar.workerId ? ` on ${bar.workerId}` : '');
}

/** Each flow's groups on one lane before its slots: where one group ended and the next began. */
function withGroupLanes(model, run) {
  const lanes = [];
  const bars = [...model.bars];
  for (const flow of run.flows) {
    const flowLanes = model.lanes.filter(l => l.flowKey === flow.key);
    if (flowLanes.length === 0) continue;
    const id = `${flow.key}/groups`;
    lanes.push({id, label: `${flow.name} › groups`}, ...flowLanes);
    model.groups.filter(g => g.flowKey === flow.key)
      .forEach(g => bars.push({...g, kind: 'group', lane: id, status: 'GROUP'}));
  }
  return {lanes, bars};
}

/**
 * @param container where the chart, its legend and its table go
 * @param onOpen    called with a bar ({flowKey, groupKey, scenarioKey, number}) a user chose
 */
export function createTimeline(container, onOpen) {
  const canvas = el('canvas', {role: 'img', 'aria-label': 'Timeline of the run'});
  const frame = el('div', {class: 'timeline-frame'}, canvas);
  const rows = el('tbody');
  const table = el('details', {class: 'timeline-table'}, el('summary', {}, 'The timeline as a table'),
    el('table', {}, el('thead', {}, el('tr', {}, ['Lane', 'Scenario', 'Attempt', 'Status', 'From', 'To', '']
      .map(h => el('th', {scope: 'col'}, h)))), rows));
  const legend = el('ul', {class: 'timeline-legend', 'aria-label': 'colours of the timeline'},
    Object.entries({...STATUS_COLORS, GROUP: GROUP_COLOR}).map(([status, c]) => el('li', {},
      el('span', {class: 'swatch', 'data-color': c}), LEGEND[status] || status.replace('_', ' ').toLowerCase())));
  legend.querySelectorAll('.swatch').forEach(s => { s.style.background = s.dataset.color; });
  container.replaceChildren(frame, legend, table);
  let shown = {lanes: [], bars: []};
  let lastTable = '';

  const chart = new window.Chart(canvas, {
    type: 'bar',
    data: {datasets: [{data: [], grouped: false, borderSkipped: false, barPercentage: 0.85, categoryPercentage: 1,
      minBarLength: 2, backgroundColor: context => color(shown.bars[context.dataIndex])}]},
    options: {
      indexAxis: 'y', animation: false, maintainAspectRatio: false,
      scales: {
        x: {type: 'linear', min: 0, ticks: {callback: value => clock(value)},
          title: {display: true, text: 'since the run started'}},
        // Lanes are told apart by id; their labels (flow › group · slot) are what the axis shows.
        y: {type: 'category', ticks: {autoSkip: false, callback: (value, index) => shown.lanes[index]?.label}},
      },
      plugins: {legend: {display: false},
        tooltip: {callbacks: {title: () => '', label: context => describe(shown.bars[context.dataIndex])}}},
      onClick: (event, elements) => {
        const bar = elements.length ? shown.bars[elements[0].index] : null;
        if (bar && bar.scenarioKey) onOpen(bar);
      },
      onHover: (event, elements) => {
        const bar = elements.length ? shown.bars[elements[0].index] : null;
        canvas.style.cursor = bar && bar.scenarioKey ? 'pointer' : 'default';
      },
    },
  });

  function renderTable() {
    const labels = new Map(shown.lanes.map(l => [l.id, l.label]));
    const listed = shown.bars.filter(b => b.kind !== 'group').sort((a, b) => a.start - b.start);
    const signature = listed.map(b => `${b.lane}|${b.scenarioKey}|${b.number}|${b.kind}|${b.status}|${b.end}`).join(';');
    if (signature === lastTable || !table.open) return;
    lastTable = signature;
    rows.replaceChildren(...listed.map(b => el('tr', {},
      el('td', {}, labels.get(b.lane)), el('td', {}, b.scenarioName), el('td', {}, b.number === null ? '' : String(b.number)),
      el('td', {}, LEGEND[b.status] || b.status.replace('_', ' ')),
      el('td', {}, clock(b.start)), el('td', {}, clock(b.end)),
      el('td', {}, b.kind === 'attempt' ? el('button', {type: 'button', onclick: () => onOpen(b),
        'aria-label': `open ${b.scenarioName}, attempt ${b.number}`}, 'Open') : ''))));
  }

  table.addEventListener('toggle', () => { lastTable = ''; renderTable(); });

  return {
    update(run, now = Date.now()) {
      const model = timeline(run, now);
      shown = withGroupLanes(model, run);
      chart.data.labels = shown.lanes.map(l => l.id);
      // Each point carries its bar (scenario, attempt, kind) besides the x span and lane Chart.js reads.
      chart.data.datasets[0].data = shown.bars.map(b => ({...b, x: [b.start, Math.max(b.end, b.start)], y: b.lane}));
      chart.options.scales.x.max = Math.max(model.end, 1000);
      chart.options.scales.x.ticks.stepSize = tickStep(chart.options.scales.x.max);
      frame.style.height = `${Math.max(120, 40 + 26 * shown.lanes.length)}px`;
      container.hidden = shown.lanes.length === 0;
      chart.update('none');
      canvas.setAttribute('aria-label', `Timeline of the run: ${shown.bars.filter(b => b.kind !== 'group').length}`
        + ` bars on ${model.lanes.length} lanes over ${clock(model.end)}; the table below lists them`);
      renderTable();
    },
  };
}

// The project's trend chart: each recent run's pass rate (from its scenarios' histories) and how long it took (from
// the run list), oldest on the left; a point opens its run.
import {STATUS_COLORS} from './status-colors.js';

let chart = null;
let shown = [];

/**
 * @param points   GET /api/projects/{id}/runs/trend, oldest first
 * @param runsById the project's run summaries by id (their durations), as the page keeps them
 */
export function drawTrend(canvas, points, runsById) {
  shown = points;
  const labels = points.map(p => (p.endedAt ? new Date(p.endedAt) : null)?.toLocaleString([], {month: 'short',
    day: 'numeric', hour: '2-digit', minute: '2-digit'}) ?? p.runId);
  const rates = points.map(p => p.passRate === null || p.passRate === undefined ? null : Math.round(p.passRate * 1000) / 10);
  const minutes = points.map(p => {
    const run = runsById.get(p.runId);
    return run && run.durationMillis != null ? Math.round(run.durationMillis / 600) / 100 : null;
  });
  const data = {labels, datasets: [
    {label: 'pass rate (%)', data: rates, yAxisID: 'rate', borderColor: STATUS_COLORS.PASSED, spanGaps: true,
      pointBackgroundColor: points.map(p => (p.failed > 0 ? STATUS_COLORS.FAILED : STATUS_COLORS.PASSED))},
    {label: 'duration (min)', data: minutes, yAxisID: 'minutes', borderColor: '#555', borderDash: [5, 4],
      spanGaps: true}]};
  if (chart) {
    chart.data = data;
    chart.update('none');
  } else {
    chart = new window.Chart(canvas, {type: 'line', data,
      options: {animation: false, maintainAspectRatio: false,
        scales: {rate: {position: 'left', min: 0, max: 100, title: {display: true, text: 'pass rate (%)'}},
          minutes: {position: 'right', beginAtZero: true, grid: {drawOnChartArea: false},
            title: {display: true, text: 'duration (min)'}}},
        plugins: {tooltip: {callbacks: {afterBody: items => {
          const p = shown[items[0].dataIndex];
          return `${p.runId}${p.round ? ` (re-run ${p.round})` : ''}: ${p.passed} passed, ${p.flaky} flaky, `
            + `${p.failed} failed, ${p.skipped} skipped`;
        }}}},
        onClick: (event, elements) => {
          if (elements.length) location.href = `run.html?id=${encodeURIComponent(shown[elements[0].index].runId)}`;
        }}});
  }
  const rated = rates.filter(r => r !== null);
  canvas.setAttribute('aria-label', rated.length === 0 ? 'No ended run yet'
    : `Pass rate of the ${points.length} latest runs, from ${Math.min(...rated)}% to ${Math.max(...rated)}%, `
      + `the newest ${rated[rated.length - 1]}%; the runs table below lists them`);
}

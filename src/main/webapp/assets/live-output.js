// The details panel's live output: what a running attempt's runner has written so far, read every second from
// GET /api/runs/{id}/scenarios/{key}/attempts/{n}/output (whole lines, the run's secret values masked by the server)
// until the attempt ends, when its stored stdout and stderr take over. One section, kept across the panel's renders
// so that its text and scroll position survive them.
import {api, el} from './api.js';
import {applyOutput, emptyOutput, outputQuery, streamLabel} from './output-model.js';

const POLL_MILLIS = 1000;

export function createLiveOutput(runId) {
  let key = null;
  let state = null;
  let timer = null;
  // Not a landmark of its own: its heading gives it its place in the details panel.
  const section = el('div', {class: 'live-output'});

  function render(attempt) {
    const note = state.unavailable ? state.unavailable
      : state.running ? 'Live: whole lines as the runner writes them; secret values masked.'
        : 'The attempt has ended: its stored logs are linked above.';
    const streams = Object.entries(state.streams);
    section.replaceChildren(
      el('h3', {}, `Output of attempt ${attempt}`,
        state.batch ? ` (its batch ${state.batch}: every scenario of the batch writes here)` : ''),
      el('p', {class: 'muted', 'data-live-note': ''}, note,
        state.trimmed ? ' Only the latest lines are shown.' : '',
        state.capped ? ' The live view stops after 1 MiB; the stored log has it all.' : ''),
      ...streams.map(([stream]) => el('div', {class: 'output-stream'},
        el('h4', {}, streamLabel(stream)),
        // A log, named and focusable for scrolling by keyboard, read out only when asked: every line aloud would
        // drown the page.
        el('pre', {class: 'output', tabindex: '0', role: 'log', 'aria-live': 'off', 'data-stream': stream,
          'aria-label': `${streamLabel(stream)} of attempt ${attempt}`}))));
    for (const [stream, text] of streams) {
      const pre = section.querySelector(`pre[data-stream="${stream}"]`);
      pre.textContent = text || '(nothing yet)';
    }
  }

  async function poll(scenarioKey, attempt, forKey) {
    try {
      const answer = await api('GET', `/runs/${encodeURIComponent(runId)}/scenarios/${encodeURIComponent(scenarioKey)}`
        + `/attempts/${attempt}/output${outputQuery(state)}`);
      if (key !== forKey) return;
      const pres = [...section.querySelectorAll('pre')];
      const atEnd = pres.map(pre => pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4);
      applyOutput(state, answer);
      render(attempt);
      // Follow the end of the output, unless the reader scrolled up to read.
      section.querySelectorAll('pre').forEach((pre, i) => { if (atEnd[i] ?? true) pre.scrollTop = pre.scrollHeight; });
      if (!answer.running) return;
    } catch (error) {
      if (key !== forKey) return;
      section.querySelector('[data-live-note]')?.replaceChildren(`Cannot read the output now: ${error.message}`);
    }
    timer = setTimeout(() => poll(scenarioKey, attempt, forKey), POLL_MILLIS);
  }

  return {
    /** Whether this attempt's output is the one shown (it goes on being shown once the attempt has ended). */
    following(scenarioKey, attempt) {
      return key === `${scenarioKey}#${attempt.number}`;
    },

    /** The section for this attempt, started on its first call; null when the attempt is not one to follow. */
    sectionFor(scenarioKey, attempt) {
      const wanted = attempt ? `${scenarioKey}#${attempt.number}` : null;
      if (wanted !== key) {
        clearTimeout(timer);
        key = wanted;
        if (!wanted) return null;
        state = emptyOutput();
        render(attempt.number);
        poll(scenarioKey, attempt.number, wanted);
      }
      return section;
    },
  };
}

// A running attempt's output as the board has read it so far: each stream's text and the byte offset to read on from.

/** The most of each stream the page keeps: a long run's output is read to its end but shown by its latest lines. */
export const KEPT_CHARACTERS = 200_000;

export function emptyOutput() {
  return {offsets: {}, streams: {}, trimmed: false, capped: false, running: true, unavailable: null, batch: null};
}

/** Adds one answer of GET …/attempts/{n}/output to what was read before. */
export function applyOutput(state, answer) {
  state.running = answer.running;
  state.unavailable = answer.unavailable ?? null;
  state.batch = answer.batch ?? null;
  for (const slice of answer.streams || []) {
    state.offsets[slice.stream] = slice.nextOffset;
    const text = (state.streams[slice.stream] ?? '') + slice.text;
    if (text.length > KEPT_CHARACTERS) {
      // Cut at a line start, so the first line shown is whole.
      const from = text.indexOf('\n', text.length - KEPT_CHARACTERS) + 1;
      state.streams[slice.stream] = text.slice(from);
      state.trimmed = true;
    } else {
      state.streams[slice.stream] = text;
    }
    state.capped ||= slice.capped;
  }
  return state;
}

/** The query asking each stream from where the last answer ended. */
export function outputQuery(state) {
  const query = new URLSearchParams();
  Object.entries(state.offsets).forEach(([stream, offset]) => query.set(stream, String(offset)));
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** What each stream is, for its heading. */
export function streamLabel(stream) {
  return {stdout: 'standard output', stderr: 'standard error', log: 'pod log (standard output and error)'}[stream]
    ?? stream;
}

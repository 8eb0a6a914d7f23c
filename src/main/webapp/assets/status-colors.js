// The colour of each attempt status wherever a chart or strip shows one (the tiles' borders are app.css's).
export const STATUS_COLORS = {
  PASSED: '#198754', FLAKY_PASSED: '#5c9e31', SKIPPED: '#8a8a8a', FAILED: '#b02a37', TIMED_OUT: '#c2410c',
  INTERRUPTED: '#a16207', CANCELLED: '#6b7280', RUNNING: '#0b57d0', QUEUED: '#b6c3d6', STARTING: '#e8c872',
};

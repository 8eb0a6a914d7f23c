// Calls Flowrunner's REST API; a refusal becomes a ProblemError carrying the server's problem document.

export class ProblemError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  /** Every line a person should read: the detail, then each field's violation. */
  lines() {
    const violations = (this.problem.violations || []).map(v => `${v.field}: ${v.message}`);
    return [this.message, ...violations];
  }
}

export async function api(method, path, body) {
  const options = {method, headers: {Accept: 'application/json'}};
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  const response = await fetch(`/api${path}`, options);
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ProblemError(response.status, json || {title: response.statusText});
  }
  return json;
}

/**
 * Shows an error in an alert region (role="alert", read out by screen readers): the page's, or the one given. The
 * lines are a list inside the region, since a role on the list itself would hide that it is one.
 */
export function showError(error, region = document.getElementById('problems')) {
  const lines = error instanceof ProblemError ? error.lines() : [String(error.message || error)];
  // A problem whose detail repeats its one violation is said once.
  region.replaceChildren(el('ul', {}, [...new Set(lines)].map(line => el('li', {}, line))));
  region.hidden = false;
}

export function clearError() {
  const region = document.getElementById('problems');
  region.replaceChildren();
  region.hidden = true;
}

export function param(name) {
  return new URLSearchParams(location.search).get(name);
}

/** An element with attributes and children; text children are set as text, never parsed as HTML. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function duration(millis) {
  if (millis === null || millis === undefined) return '';
  const seconds = millis / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds % 60)} s`;
}

export function statusBadge(status) {
  return el('span', {class: `status ${String(status).toLowerCase()}`}, String(status).replace('_', ' '));
}

/**
 * Shows who is signed in and lets the page offer only what they may do: elements marked data-needs="runner" or
 * "admin" are hidden (app.css) unless the user holds that role. The server checks every call regardless.
 */
export async function showSignedInUser() {
  const me = await api('GET', '/me');
  document.body.dataset.roles = me.roles.join(' ');
  const header = document.querySelector('header.top');
  if (header) header.append(el('span', {class: 'user'}, `${me.user} · ${me.roles[me.roles.length - 1] || 'no role'}`));
  return me;
}

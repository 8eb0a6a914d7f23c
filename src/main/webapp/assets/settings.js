// A project's settings: runner command, working directory, test data, secrets (names only), worker pod options;
// saved as one PUT. Deleting the project is refused while it has executions, and the page says which.
import {api, clearError, el, param, showError, showSignedInUser} from './api.js';
import {confirmDanger} from './confirm-dialog.js';
import {formatTestData} from './editor-model.js';
import {podForm, projectRequest, secretRows} from './settings-model.js';

const projectId = param('id');
const form = document.getElementById('settings');
const podFields = ['image', 'cpu', 'memory', 'priorityClassName', 'imagePullSecrets', 'nodeSelector', 'tolerations',
  'secretEnvFrom'];
let rows = [];

function actionChoices(row) {
  const choices = row.stored ? [['keep', 'Keep'], ['value', 'Replace with a value'],
    ['secretRef', 'Take from a Kubernetes Secret'], ['remove', 'Remove']]
    : [['value', 'Set a value'], ['secretRef', 'Take from a Kubernetes Secret'], ['remove', 'Discard']];
  return el('select', {'aria-label': `on save, secret ${row.name}`, 'data-secret-action': row.name,
    onchange: e => { row.action = e.target.value; renderSecrets(); }},
  choices.map(([value, label]) => el('option', {value, selected: row.action === value}, label)));
}

function newValueInput(row) {
  if (row.action === 'value') {
    // Write-only: a password field, never filled by the browser from elsewhere.
    return el('input', {type: 'password', value: row.value, autocomplete: 'new-password', 'data-secret-value': row.name,
      'aria-label': `new value of secret ${row.name}`, oninput: e => { row.value = e.target.value; }});
  }
  if (row.action === 'secretRef') {
    return el('input', {type: 'text', value: row.secretRef, placeholder: 'secret-name/key', spellcheck: 'false',
      'aria-label': `Kubernetes Secret and key of ${row.name}`, oninput: e => { row.secretRef = e.target.value; }});
  }
  return el('span', {class: 'muted'}, row.action === 'keep' ? 'unchanged' : 'removed on save');
}

function renderSecrets() {
  document.getElementById('secrets').replaceChildren(...(rows.length ? rows.map(row => el('tr', {'data-secret': row.name},
    el('th', {scope: 'row'}, el('code', {}, row.name)), el('td', {}, row.stored ? row.from : 'new'),
    el('td', {}, actionChoices(row)), el('td', {}, newValueInput(row))))
    : [el('tr', {}, el('td', {colspan: '4', class: 'muted'}, 'No secret.'))]));
}

function show(project) {
  document.getElementById('title').textContent = `${project.name}: settings`;
  document.title = `${project.name} settings · Flowrunner`;
  form.name.value = project.name;
  form.command.value = project.command.join('\n');
  form.workingDirectory.value = project.workingDirectory || '';
  form.testData.value = formatTestData(project.testData);
  const pod = podForm(project.pod || {});
  podFields.forEach(name => { form[name].value = pod[name]; });
  form.writableRootFilesystem.checked = pod.writableRootFilesystem;
  rows = secretRows(project);
  renderSecrets();
}

async function save(event) {
  event.preventDefault();
  clearError();
  const pod = Object.fromEntries(podFields.map(name => [name, form[name].value]));
  pod.writableRootFilesystem = form.writableRootFilesystem.checked;
  const body = projectRequest(projectId, {name: form.name.value, command: form.command.value,
    workingDirectory: form.workingDirectory.value}, form.testData.value, rows, pod);
  try {
    show(await api('PUT', `/projects/${encodeURIComponent(projectId)}`, body));
    document.getElementById('saved').textContent = `Saved at ${new Date().toLocaleTimeString()}.`;
  } catch (error) {
    document.getElementById('saved').textContent = '';
    showError(error);
  }
}

/** A refused delete names the executions in the way, each linked to its editor, where it can be deleted. */
async function explainConflict(error) {
  showError(error);
  const executions = await api('GET', `/projects/${encodeURIComponent(projectId)}/executions`);
  document.getElementById('problems').append(el('p', {}, `${executions.length} execution(s) still belong to this `
    + 'project; open each and delete it, then delete the project:'), el('ul', {}, executions.map(x => el('li', {},
    el('a', {href: `execution.html?project=${encodeURIComponent(projectId)}&id=${encodeURIComponent(x.id)}`}, x.name)))));
}

async function remove() {
  clearError();
  if (!(await confirmDanger(`Delete project ${form.name.value}?`, 'Its settings, secrets and scenario history are '
    + 'deleted. This cannot be undone.', 'Delete project'))) return;
  try {
    await api('DELETE', `/projects/${encodeURIComponent(projectId)}`);
    location.href = 'index.html';
  } catch (error) {
    if (error.status === 409) await explainConflict(error);
    else showError(error);
  }
}

form.addEventListener('submit', save);
document.getElementById('add-secret').addEventListener('click', () => {
  const name = document.getElementById('new-secret-name');
  if (!name.value.trim()) return name.focus();
  rows.push({name: name.value.trim(), stored: false, action: 'value', value: '', secretRef: ''});
  name.value = '';
  renderSecrets();
  document.querySelector(`[data-secret="${CSS.escape(rows.at(-1).name)}"] input`).focus();
});
document.getElementById('delete').addEventListener('click', () => remove().catch(showError));
document.getElementById('project-link').href = `project.html?id=${encodeURIComponent(projectId)}`;
api('GET', `/projects/${encodeURIComponent(projectId)}`).then(show).catch(showError);
showSignedInUser().then(me => {
  // Others read the settings; the server refuses their changes anyway.
  const admin = me.roles.includes('admin');
  form.querySelectorAll('fieldset').forEach(fieldset => { fieldset.disabled = !admin; });
  document.querySelector('[data-viewer-only]').hidden = admin;
}).catch(showError);

// The execution editor: flows › groups › scenarios, reordered with buttons (keyboard first), scenarios picked from
// the project's feature files (parsed on the server with the official Gherkin parser) or added by hand.
import {api, clearError, el, param, showError, showSignedInUser} from './api.js';
import {confirmDanger} from './confirm-dialog.js';
import {showSchedules} from './schedules.js';
import {emptyExecution, formatTestData, fromExecution, move, newFlow, newGroup, parseBatchSize, parseTestData,
  uniqueKey} from './editor-model.js';

const projectId = param('project');
let executionId = param('id');
let execution = emptyExecution();

function numberInput(label, value, onchange, attributes = {}) {
  const id = `f-${Math.random().toString(36).slice(2)}`;
  return el('div', {}, el('label', {for: id}, label),
    el('input', {id, type: 'number', value, min: 0, ...attributes, oninput: e => onchange(Number(e.target.value))}));
}

function textInput(label, value, onchange, attributes = {}) {
  const id = `f-${Math.random().toString(36).slice(2)}`;
  return el('div', {}, el('label', {for: id}, label),
    el('input', {id, type: 'text', value: value ?? '', ...attributes, oninput: e => onchange(e.target.value)}));
}

function orderButtons(list, index, what) {
  return [
    el('button', {type: 'button', 'aria-label': `move ${what} up`, disabled: index === 0,
      onclick: () => { move(list, index, -1); render(); }}, '↑'),
    el('button', {type: 'button', 'aria-label': `move ${what} down`, disabled: index === list.length - 1,
      onclick: () => { move(list, index, 1); render(); }}, '↓'),
    el('button', {type: 'button', class: 'danger', 'aria-label': `remove ${what}`,
      onclick: () => { list.splice(index, 1); render(); }}, 'Remove'),
  ];
}

function scenarioRows(group) {
  return el('table', {class: 'scenarios'},
    el('thead', {}, el('tr', {}, ['Key', 'Feature', 'Name', ''].map(h => el('th', {scope: 'col'}, h)))),
    el('tbody', {}, group.scenarios.map((s, i) => el('tr', {'data-scenario': s.key},
      el('td', {}, s.key), el('td', {}, `${s.feature}${s.line ? `:${s.line}` : ''}`), el('td', {}, s.name),
      el('td', {}, orderButtons(group.scenarios, i, `scenario ${s.name}`))))));
}

function picker(group, groupName) {
  const box = el('div', {class: 'picker', hidden: true});
  const tags = el('input', {type: 'text', placeholder: '@smoke and not @slow', 'aria-label': `tag expression for ${groupName}`});
  const list = el('ul', {'aria-label': 'discovered scenarios'});
  const discover = async () => {
    clearError();
    try {
      const query = tags.value.trim() ? `?tags=${encodeURIComponent(tags.value.trim())}` : '';
      const found = await api('GET', `/projects/${encodeURIComponent(projectId)}/scenarios${query}`);
      list.replaceChildren(...found.scenarios.map(s => el('li', {},
        el('label', {class: 'plain'}, el('input', {type: 'checkbox', value: JSON.stringify(s)}),
          ` ${s.name} `, el('span', {class: 'muted'}, `${s.feature}:${s.line} ${s.tags.join(' ')}`)))),
        ...found.problems.map(p => el('li', {class: 'muted'}, `⚠ ${p}`)));
      if (found.count === 0) list.append(el('li', {class: 'muted'}, 'No scenario matches.'));
    } catch (error) {
      showError(error);
    }
  };
  const add = () => {
    for (const box of list.querySelectorAll('input:checked')) {
      const s = JSON.parse(box.value);
      group.scenarios.push({key: uniqueKey(execution, s.key), feature: s.feature, line: s.line, name: s.name,
        tags: s.tags});
    }
    render();
  };
  box.append(el('div', {class: 'row'}, el('div', {}, el('label', {}, 'Tags'), tags),
    el('button', {type: 'button', onclick: discover}, 'Find scenarios'),
    el('button', {type: 'button', class: 'primary', onclick: add}, 'Add selected')), list);
  return box;
}

function byHand(group) {
  const feature = el('input', {type: 'text', placeholder: 'features/login.feature', 'aria-label': 'feature file'});
  const line = el('input', {type: 'number', min: 1, placeholder: 'line', 'aria-label': 'line'});
  const name = el('input', {type: 'text', placeholder: 'scenario name', 'aria-label': 'scenario name'});
  return el('div', {class: 'row'}, feature, line, name, el('button', {type: 'button', onclick: () => {
    group.scenarios.push({key: uniqueKey(execution, name.value), feature: feature.value,
      line: line.value ? Number(line.value) : null, name: name.value, tags: []});
    render();
  }}, 'Add by hand'));
}

function groupFieldset(flow, group, index) {
  const pick = picker(group, group.name);
  return el('fieldset', {class: 'group-editor', 'data-group-index': index},
    el('legend', {}, `Group ${index + 1}: ${group.name}`),
    el('div', {class: 'row'},
      textInput('Group name', group.name, v => { group.name = v; }),
      numberInput('Parallelism', group.parallelism, v => { group.parallelism = v; },
        {min: 1, max: 256, disabled: execution.singleThreaded,
          title: execution.singleThreaded ? 'the execution is single-threaded: its runs give this group one worker'
            : null}),
      numberInput('Group timeout (s)', group.timeoutSeconds ?? '', v => { group.timeoutSeconds = v || null; },
        {min: 1, placeholder: 'none'}),
      textInput('Scenarios per worker', group.batchSize ?? '', v => { group.batchSize = parseBatchSize(v); },
        {placeholder: 'auto', 'data-field': 'batchSize', size: 5,
          title: 'a number, or auto (the default when the command takes {locations}): each worker runs a batch'}),
      el('div', {}, el('label', {}, el('input', {type: 'checkbox', checked: group.continueOnFailure,
        onchange: e => { group.continueOnFailure = e.target.checked; }}), ' Continue on failure')),
      el('div', {}, el('label', {}, 'Dispatch order ', el('select', {'data-field': 'order',
          onchange: e => { group.order = e.target.value; }},
        el('option', {value: 'HISTORY', selected: group.order !== 'DECLARED'}, 'longest expected first'),
        el('option', {value: 'DECLARED', selected: group.order === 'DECLARED'}, 'as listed')))),
      el('div', {}, orderButtons(flow.groups, index, `group ${group.name}`))),
    scenarioRows(group),
    el('div', {class: 'toolbar'}, el('button', {type: 'button', onclick: () => { pick.hidden = !pick.hidden; }},
      'Pick scenarios…')),
    pick, byHand(group));
}

function flowFieldset(flow, index) {
  return el('fieldset', {class: 'flow-editor'},
    el('legend', {}, `Flow ${index + 1}: ${flow.name}`),
    el('div', {class: 'row'}, textInput('Flow name', flow.name, v => { flow.name = v; }),
      el('div', {}, orderButtons(execution.flows, index, `flow ${flow.name}`))),
    flow.groups.map((g, i) => groupFieldset(flow, g, i)),
    el('button', {type: 'button', onclick: () => { flow.groups.push(newGroup(flow.groups.length + 1)); render(); }},
      'Add group'));
}

function render() {
  document.getElementById('name').value = execution.name;
  document.getElementById('retries').value = execution.retries;
  document.getElementById('timeout').value = execution.scenarioTimeoutSeconds;
  document.getElementById('run-timeout').value = execution.runTimeoutSeconds ?? '';
  document.getElementById('test-data').value = formatTestData(execution.testData);
  document.getElementById('single').checked = execution.singleThreaded;
  document.getElementById('flows').replaceChildren(...execution.flows.map(flowFieldset));
}

async function save() {
  clearError();
  try {
    const saved = executionId ? await api('PUT', `/executions/${encodeURIComponent(executionId)}`, execution)
      : await api('POST', `/projects/${encodeURIComponent(projectId)}/executions`, execution);
    executionId = saved.id;
    history.replaceState(null, '', `execution.html?project=${encodeURIComponent(projectId)}&id=${encodeURIComponent(saved.id)}`);
    execution = fromExecution(saved);
    render();
    showSchedules(saved.id);
    document.getElementById('delete').hidden = false;
    document.getElementById('saved').textContent = `Saved (version ${saved.version}).`;
    return true;
  } catch (error) {
    showError(error);
    return false;
  }
}

async function runNow() {
  if (!(await save())) return;
  try {
    const run = await api('POST', `/executions/${encodeURIComponent(executionId)}/runs`);
    location.href = `run.html?id=${encodeURIComponent(run.id)}`;
  } catch (error) {
    showError(error);
  }
}

/** Runs already started keep their frozen plan, reports and history; the execution's schedules go with it. */
async function remove() {
  clearError();
  if (!(await confirmDanger(`Delete execution ${execution.name}?`, 'Its schedules are deleted with it; its runs and '
    + 'their reports stay until retention removes them. This cannot be undone.', 'Delete execution'))) return;
  try {
    await api('DELETE', `/executions/${encodeURIComponent(executionId)}`);
    location.href = `project.html?id=${encodeURIComponent(projectId)}`;
  } catch (error) {
    showError(error);
  }
}

// The page's own fields write through to the model, so a re-render never loses what was typed.
document.getElementById('name').addEventListener('input', e => { execution.name = e.target.value; });
document.getElementById('retries').addEventListener('input', e => { execution.retries = Number(e.target.value); });
document.getElementById('timeout').addEventListener('input', e => {
  execution.scenarioTimeoutSeconds = Number(e.target.value);
});
document.getElementById('run-timeout').addEventListener('input', e => {
  execution.runTimeoutSeconds = e.target.value ? Number(e.target.value) : null;
});
document.getElementById('test-data').addEventListener('input', e => {
  execution.testData = parseTestData(e.target.value);
});
document.getElementById('save').addEventListener('click', save);
document.getElementById('run').addEventListener('click', runNow);
document.getElementById('delete').addEventListener('click', () => remove().catch(showError));
document.getElementById('add-flow').addEventListener('click', () => {
  execution.flows.push(newFlow(execution.flows.length + 1));
  render();
});
document.getElementById('single').addEventListener('change', e => {
  execution.singleThreaded = e.target.checked;
  render();
});
document.getElementById('project-link').href = `project.html?id=${encodeURIComponent(projectId)}`;
if (executionId) {
  api('GET', `/executions/${encodeURIComponent(executionId)}`).then(found => {
    execution = fromExecution(found);
    render();
    showSchedules(executionId);
    document.getElementById('delete').hidden = false;
  }).catch(showError);
} else {
  render();
}
showSignedInUser().catch(showError);

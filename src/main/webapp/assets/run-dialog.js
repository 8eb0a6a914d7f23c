// The Run dialog: starts an execution, with test data of this run's own over the project's and the execution's
// (POST /api/executions/{id}/runs {"testData": {...}}). A native <dialog>: modal, Escape closes it, focus returns.
import {api, el, showError} from './api.js';

function row(names, name = '', value = '') {
  const nameInput = el('input', {type: 'text', value: name, list: 'run-data-names', 'aria-label': 'name',
    autocomplete: 'off', spellcheck: 'false'});
  const valueInput = el('input', {type: 'text', value, 'aria-label': 'value', autocomplete: 'off'});
  const item = el('tr', {}, el('td', {}, nameInput), el('td', {}, valueInput),
    el('td', {}, el('button', {type: 'button', 'aria-label': 'remove this value', onclick: () => {
      item.remove();
      names.focus();
    }}, 'Remove')));
  return item;
}

/**
 * Opens the dialog for one execution; resolves with the started run, or null when the user cancelled.
 *
 * @param inherited the values the run gets anyway, by name ({name: [value, 'project' | 'execution']})
 */
export function askAndStart(execution, inherited) {
  const rows = el('tbody');
  const problems = el('div', {class: 'problems', role: 'alert', hidden: true});
  const add = el('button', {type: 'button'}, 'Add a value');
  const start = el('button', {type: 'submit', class: 'primary'}, 'Start run');
  const cancel = el('button', {type: 'button'}, 'Cancel');
  const known = Object.entries(inherited);
  const dialog = el('dialog', {class: 'run-dialog', 'aria-labelledby': 'run-dialog-title'},
    el('form', {method: 'dialog'},
      el('h2', {id: 'run-dialog-title'}, `Run ${execution.name}`),
      el('p', {class: 'muted'}, 'Test data for this run only: a value here replaces the project\'s or the '
        + 'execution\'s value of the same name for every scenario of the run.'),
      known.length ? el('details', {}, el('summary', {}, `${known.length} value(s) the run gets anyway`),
        el('ul', {}, known.map(([name, [value, from]]) => el('li', {}, el('code', {}, name), ` = ${value} (${from})`))))
        : null,
      el('datalist', {id: 'run-data-names'}, known.map(([name]) => el('option', {value: name}))),
      el('table', {}, el('caption', {class: 'muted'}, 'This run\'s values'),
        el('thead', {}, el('tr', {}, el('th', {scope: 'col'}, 'Name'), el('th', {scope: 'col'}, 'Value'),
          el('th', {scope: 'col'}, el('span', {class: 'visually-hidden'}, 'Remove')))), rows),
      add, problems,
      el('div', {class: 'toolbar'}, start, cancel)));
  add.addEventListener('click', () => {
    const added = row(add);
    rows.append(added);
    added.querySelector('input').focus();
  });
  document.body.append(dialog);

  return new Promise(resolve => {
    const close = result => {
      dialog.close();
      dialog.remove();
      resolve(result);
    };
    cancel.addEventListener('click', () => close(null));
    dialog.addEventListener('cancel', event => { event.preventDefault(); close(null); });
    dialog.querySelector('form').addEventListener('submit', async event => {
      event.preventDefault();
      const testData = {};
      for (const tr of rows.querySelectorAll('tr')) {
        const [name, value] = [...tr.querySelectorAll('input')].map(input => input.value);
        if (name.trim() || value) testData[name.trim()] = value;
      }
      start.disabled = true;
      try {
        const body = Object.keys(testData).length ? {testData} : undefined;
        close(await api('POST', `/executions/${encodeURIComponent(execution.id)}/runs`, body));
      } catch (error) {
        showError(error, problems);
        start.disabled = false;
      }
    });
    dialog.showModal();
    add.focus();
  });
}

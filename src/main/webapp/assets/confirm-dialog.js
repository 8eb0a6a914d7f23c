// Asks before something that cannot be undone: a native modal <dialog> (Escape cancels, focus returns), with the
// safe choice focused first so a stray Enter deletes nothing.
import {el} from './api.js';

/** Resolves true when the user confirmed. */
export function confirmDanger(title, text, action) {
  const confirm = el('button', {type: 'button', class: 'danger'}, action);
  const cancel = el('button', {type: 'button'}, 'Cancel');
  const dialog = el('dialog', {class: 'run-dialog', 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-text'},
    el('h2', {id: 'confirm-title'}, title), el('p', {id: 'confirm-text'}, text),
    el('div', {class: 'toolbar'}, confirm, cancel));
  document.body.append(dialog);
  return new Promise(resolve => {
    const close = answer => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    confirm.addEventListener('click', () => close(true));
    cancel.addEventListener('click', () => close(false));
    dialog.addEventListener('cancel', event => { event.preventDefault(); close(false); });
    dialog.showModal();
    cancel.focus();
  });
}

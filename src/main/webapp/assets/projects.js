// The projects list, and a form for a new one.
import {api, clearError, el, showError, showSignedInUser} from './api.js';

async function load() {
  const projects = await api('GET', '/projects');
  document.getElementById('projects').replaceChildren(...(projects.length ? projects.map(p => el('li', {},
    el('a', {href: `project.html?id=${encodeURIComponent(p.id)}`}, p.name), ' ', el('span', {class: 'muted'}, p.id)))
    : [el('li', {class: 'muted'}, 'No project yet.')]));
}

document.getElementById('new-project').addEventListener('submit', async event => {
  event.preventDefault();
  clearError();
  const form = event.target;
  const body = {
    id: form.id.value.trim() || null,
    name: form.name.value,
    command: form.command.value.split('\n').map(l => l.trim()).filter(Boolean),
    workingDirectory: form.workingDirectory.value.trim() || null,
  };
  try {
    const project = await api('POST', '/projects', body);
    location.href = `project.html?id=${encodeURIComponent(project.id)}`;
  } catch (error) {
    showError(error);
  }
});
load().catch(showError);
showSignedInUser().catch(showError);

// An execution's schedules in its editor: each with its next fires and latest outcomes; add, enable/disable, delete.
import {api, clearError, el, showError, statusBadge} from './api.js';

// Fire times read in the schedule's own zone, as its cron expression is.
const when = (instant, zone) => new Date(instant).toLocaleString(undefined, {timeZone: zone, timeZoneName: 'short'});

function fireText(fire, zone) {
  const run = fire.runId ? el('a', {href: `run.html?id=${encodeURIComponent(fire.runId)}`}, fire.runId) : null;
  return el('li', {}, `${when(fire.fireTime, zone)} `, statusBadge(fire.outcome), run ? [' ', run] : null,
    fire.detail ? el('span', {class: 'muted'}, ` ${fire.detail}`) : null);
}

async function change(schedule, enabled, reload) {
  clearError();
  try {
    await api('PUT', `/schedules/${encodeURIComponent(schedule.id)}`, {cron: schedule.cron,
      timeZone: schedule.timeZone, policy: schedule.policy,
      startingDeadlineSeconds: schedule.startingDeadlineSeconds, enabled});
    await reload();
  } catch (error) {
    showError(error);
  }
}

async function remove(schedule, reload) {
  clearError();
  try {
    await api('DELETE', `/schedules/${encodeURIComponent(schedule.id)}`);
    await reload();
  } catch (error) {
    showError(error);
  }
}

function scheduleRow(s, reload) {
  return el('tr', {'data-schedule': s.id},
    el('td', {}, el('code', {}, s.cron), el('div', {class: 'muted'}, s.timeZone)),
    el('td', {}, s.policy,
      s.startingDeadlineSeconds ? el('div', {class: 'muted'}, `deadline ${s.startingDeadlineSeconds} s`) : null),
    el('td', {}, s.enabled ? el('ul', {}, s.nextFires.map(t => el('li', {}, when(t, s.timeZone)))) : 'disabled'),
    el('td', {}, el('ul', {}, s.lastFires.map(f => fireText(f, s.timeZone)))),
    el('td', {},
      el('button', {type: 'button', 'data-needs': 'admin', onclick: () => change(s, !s.enabled, reload)}, s.enabled ? 'Disable' : 'Enable'),
      ' ',
      el('button', {type: 'button', class: 'danger', 'data-needs': 'admin', onclick: () => remove(s, reload)}, 'Delete')));
}

export async function showSchedules(executionId) {
  const section = document.getElementById('schedules');
  section.hidden = false;
  const reload = async () => {
    const schedules = await api('GET', `/executions/${encodeURIComponent(executionId)}/schedules`);
    document.getElementById('schedule-list').replaceChildren(...(schedules.length
      ? schedules.map(s => scheduleRow(s, reload))
      : [el('tr', {}, el('td', {colspan: 5, class: 'muted'}, 'Not scheduled.'))]));
  };
  document.getElementById('new-schedule').onsubmit = async event => {
    event.preventDefault();
    clearError();
    const form = event.target;
    try {
      await api('POST', `/executions/${encodeURIComponent(executionId)}/schedules`, {
        cron: form.cron.value, timeZone: form.timeZone.value || null, policy: form.policy.value,
        startingDeadlineSeconds: form.deadline.value ? Number(form.deadline.value) : null, enabled: true});
      form.cron.value = '';
      await reload();
    } catch (error) {
      showError(error);
    }
  };
  await reload().catch(showError);
}

// The project settings form as the API's ProjectRequest (PUT /api/projects/{id}). Secret values are write-only:
// the form starts every stored secret at "keep", and a value typed in is sent once and never read back.
import {formatTestData, parseTestData} from './editor-model.js';

/** What can become of a secret on save. */
export const SECRET_ACTIONS = ['keep', 'value', 'secretRef', 'remove'];

/** One row per secret the project has: kept as it is unless the user says otherwise. */
export function secretRows(project) {
  return Object.entries(project.secrets || {}).map(([name, secret]) => ({
    name, stored: true, from: secret.secretRef ? `Kubernetes Secret ${secret.secretRef}` : 'value stored sealed',
    action: 'keep', value: '', secretRef: secret.secretRef || '',
  }));
}

/** The request's secrets map: every row but the removed ones, each as exactly one of keep, value or secretRef. */
export function secretsRequest(rows) {
  const secrets = {};
  for (const row of rows) {
    const name = row.name.trim();
    if (row.action === 'remove' || !name) continue;
    if (row.action === 'keep') secrets[name] = {keep: true};
    else if (row.action === 'value') secrets[name] = {value: row.value};
    else secrets[name] = {secretRef: row.secretRef.trim()};
  }
  return secrets;
}

/** A comma- or line-separated list. */
export function parseList(text) {
  return String(text || '').split(/[,\n]/).map(item => item.trim()).filter(Boolean);
}

/** Pod options as the form's fields: lists one per line, node labels as KEY=value lines. */
export function podForm(pod = {}) {
  return {
    image: pod.image || '', cpu: pod.cpu || '', memory: pod.memory || '',
    priorityClassName: pod.priorityClassName || '',
    imagePullSecrets: (pod.imagePullSecrets || []).join('\n'),
    nodeSelector: formatTestData(pod.nodeSelector),
    tolerations: (pod.tolerations || []).join('\n'),
    secretEnvFrom: (pod.secretEnvFrom || []).join('\n'),
    writableRootFilesystem: Boolean(pod.writableRootFilesystem),
  };
}

export function podRequest(form) {
  const text = value => value.trim() || null;
  return {
    image: text(form.image), cpu: text(form.cpu), memory: text(form.memory),
    priorityClassName: text(form.priorityClassName),
    imagePullSecrets: parseList(form.imagePullSecrets),
    nodeSelector: parseTestData(form.nodeSelector),
    tolerations: parseList(form.tolerations),
    secretEnvFrom: parseList(form.secretEnvFrom),
    writableRootFilesystem: form.writableRootFilesystem,
  };
}

/** The whole PUT body; the command is one argument per line (as on the new-project form), so one may hold spaces. */
export function projectRequest(id, general, testDataText, rows, pod) {
  return {
    id, name: general.name,
    command: general.command.split('\n').map(line => line.trim()).filter(Boolean),
    workingDirectory: general.workingDirectory.trim() || null,
    testData: parseTestData(testDataText),
    secrets: secretsRequest(rows),
    pod: podRequest(pod),
  };
}

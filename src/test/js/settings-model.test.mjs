// The project settings page's model (src/main/webapp/assets/settings-model.js).
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {podForm, podRequest, projectRequest, secretRows, secretsRequest} from '../../main/webapp/assets/settings-model.js';

const project = {id: 'shop', name: 'Shop', command: ['npx', 'cucumber-js', '{locations}'], workingDirectory: '/srv/shop',
  testData: {BASE_URL: 'https://shop.test'},
  secrets: {API_TOKEN: {stored: true}, DB_PASSWORD: {stored: false, secretRef: 'shop-db/password'}},
  pod: {image: 'runner:1', cpu: '500m', memory: null, imagePullSecrets: ['regcred'], nodeSelector: {pool: 'qa'},
    tolerations: ['dedicated=qa:NoSchedule'], priorityClassName: null, secretEnvFrom: [], writableRootFilesystem: true}};

test('every stored secret starts as kept, and a kept secret is sent as keep, never with a value', () => {
  const rows = secretRows(project);
  assert.deepEqual(rows.map(r => [r.name, r.action, r.from]), [['API_TOKEN', 'keep', 'value stored sealed'],
    ['DB_PASSWORD', 'keep', 'Kubernetes Secret shop-db/password']]);
  assert.deepEqual(secretsRequest(rows), {API_TOKEN: {keep: true}, DB_PASSWORD: {keep: true}});
});

test('a secret is replaced by a value or a Secret reference, removed, or added', () => {
  const rows = secretRows(project);
  rows[0].action = 'value';
  rows[0].value = ' new token ';
  rows[1].action = 'remove';
  rows.push({name: ' SSH_KEY ', stored: false, action: 'secretRef', value: '', secretRef: ' ssh/key '});
  rows.push({name: 'DISCARDED', stored: false, action: 'remove', value: 'x', secretRef: ''});

  assert.deepEqual(secretsRequest(rows), {API_TOKEN: {value: ' new token '}, SSH_KEY: {secretRef: 'ssh/key'}},
    'a value is sent exactly as typed; names and references are trimmed');
});

test('pod options round-trip through the form, lists one per line or comma-separated', () => {
  const form = podForm(project.pod);
  assert.equal(form.nodeSelector, 'pool=qa');
  assert.deepEqual(podRequest(form), {...project.pod, memory: null});
  form.imagePullSecrets = 'regcred, mirror\n\n';
  form.cpu = '  ';
  const pod = podRequest(form);
  assert.deepEqual(pod.imagePullSecrets, ['regcred', 'mirror']);
  assert.equal(pod.cpu, null, 'a blank field is no option, not an empty quantity');
});

test('the whole request: command by lines, test data by KEY=value lines, a blank directory as none', () => {
  const body = projectRequest('shop', {name: 'Shop', command: 'npx\n cucumber-js \n\n{locations}\n',
    workingDirectory: ' '}, 'A=1\nB=two=2\n', [], podForm({}));
  assert.deepEqual(body.command, ['npx', 'cucumber-js', '{locations}']);
  assert.deepEqual(body.testData, {A: '1', B: 'two=2'});
  assert.equal(body.workingDirectory, null);
  assert.deepEqual(body.secrets, {});
  assert.equal(body.pod.writableRootFilesystem, false);
});

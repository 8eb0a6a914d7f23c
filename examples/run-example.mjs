// Loads the example project and execution into a running Flowrunner, starts a run, shows its progress and
// prints the final run tree. Used by bin/run-example; needs Node 18+ (global fetch).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const base = process.env.FLOWRUNNER_URL || 'http://localhost:9080';
const api = `${base}/api`;
// Flowrunner signs every caller in (HTTP basic); bin/run-example passes the admin it generated.
const user = process.env.FLOWRUNNER_USER;
const authorization = user
  ? { Authorization: `Basic ${Buffer.from(`${user}:${process.env.FLOWRUNNER_PASSWORD || ''}`).toString('base64')}` }
  : {};

async function call(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: { ...authorization, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  return { status: response.status, json, location: response.headers.get('location') };
}

async function expectOk(method, url, body) {
  const answer = await call(method, url, body);
  if (answer.status >= 400) {
    throw new Error(`${method} ${url} answered ${answer.status}: ${JSON.stringify(answer.json)}`);
  }
  return answer;
}

async function loadProject() {
  const template = await readFile(path.join(here, 'project.json'), 'utf8');
  const project = JSON.parse(template.replace('${EXAMPLE_DIR}', path.join(here, 'cucumber-js')));
  const created = await call('POST', `${api}/projects`, project);
  if (created.status === 409) await expectOk('PUT', `${api}/projects/${project.id}`, project);
  else if (created.status >= 400) throw new Error(`creating the project answered ${created.status}`);
  return project.id;
}

async function loadExecution(projectId) {
  const execution = JSON.parse(await readFile(path.join(here, 'execution.json'), 'utf8'));
  const existing = (await expectOk('GET', `${api}/projects/${projectId}/executions`)).json
    .find((e) => e.name === execution.name);
  if (existing) return (await expectOk('PUT', `${api}/executions/${existing.id}`, execution)).json.id;
  return (await expectOk('POST', `${api}/projects/${projectId}/executions`, execution)).json.id;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms) => (ms == null ? '' : `${(ms / 1000).toFixed(1)}s`);

async function follow(runUrl) {
  let run;
  let last = '';
  for (;;) {
    run = (await expectOk('GET', runUrl)).json;
    const c = run.counts;
    const line = `  ${run.status}: ${c.passed + c.flaky + c.failed}/${c.scenarios} scenarios done `
      + `(${c.running} running, ${c.failed} failed, ${c.flaky} flaky)`;
    if (line !== last) console.log(line);
    last = line;
    if (['PASSED', 'FAILED', 'STOPPED'].includes(run.status)) return run;
    await sleep(1000);
  }
}

function printTree(run) {
  console.log(`\nRun ${run.id} — ${run.executionName} — ${run.status} in ${seconds(run.durationMillis)}`);
  for (const flow of run.flows) {
    const halted = (flow.haltedAt ? ` (halted by ${flow.haltedAt})` : '') + (flow.reason ? ` — ${flow.reason}` : '');
    console.log(`├─ flow ${flow.key}: ${flow.status}${halted}`);
    for (const group of flow.groups) {
      console.log(`│  ├─ group ${group.key} (parallelism ${group.parallelism}): ${group.status}`);
      for (const scenario of group.scenarios) {
        const flaky = scenario.flaky ? ' [flaky]' : '';
        console.log(`│  │  ├─ ${scenario.key}: ${scenario.status}${flaky}`);
        for (const attempt of scenario.attempts) {
          const error = attempt.errorMessage ? ` — ${attempt.failingStep || ''}: ${attempt.errorMessage.split('\n')[0]}` : '';
          console.log(`│  │  │  └─ attempt ${attempt.number}: ${attempt.status} in ${seconds(attempt.durationMillis)} `
            + `on ${attempt.workerId}${error}`);
        }
      }
    }
  }
  const dirs = run.flows.flatMap((f) => f.groups).flatMap((g) => g.scenarios).flatMap((s) => s.attempts)
    .map((a) => a.logDirectory).filter(Boolean);
  if (dirs.length) {
    const runDir = dirs[0].slice(0, dirs[0].indexOf(`/${run.id}/`) + run.id.length + 1);
    console.log(`\nLogs and Cucumber messages of every attempt: ${runDir}`);
    console.log('  (…/<flow>/<group>/<scenario>/attempt-<n>/: stdout.log, stderr.log, messages.ndjson, exit)');
    const stored = runDir.replace(`/runs/${run.id}`, `/artifacts/runs/${run.id}`);
    console.log(`Artifact store copy (flowrunner.artifacts.store=file): ${stored}`);
  }
  console.log(`Run as JSON: ${base}/api/runs/${run.id}`);
}

const projectId = await loadProject();
const executionId = await loadExecution(projectId);
console.log(`Loaded project ${projectId}, execution ${executionId}; starting a run`);
const started = await expectOk('POST', `${api}/executions/${executionId}/runs`);
const run = await follow(started.location);
printTree(run);

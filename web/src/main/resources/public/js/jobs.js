// /jobs, /jobs/{job}, /jobs/{job}/{build}: the job engine's runs, a job's history and one build, as Prow's deck
// and Spyglass show them (metadata, build log, JUnit results). Abort and rerun send the API token.
import { ApiError, getJson, h, show } from './api.js';

const TOKEN_KEY = 'snoop-api-token';

function jobPath(job) {
  return `/jobs/${encodeURIComponent(job)}`;
}

function buildApi(job, build) {
  return `/api/jobs/${encodeURIComponent(job)}/${encodeURIComponent(build)}`;
}

function duration(seconds) {
  const s = Number(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function time(iso) {
  return iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : '';
}

function ordinal(n) {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] || 'th');
  return `${n}${suffix}`;
}

/** Where a triggered run waits: its place in its job's queue and what holds it. */
function queueText(run) {
  if (!run.queue) return '';
  const q = run.queue;
  const limit = q.max_concurrency > 0 ? ` of at most ${q.max_concurrency}` : '';
  return `${ordinal(q.position)} in queue (${q.running}${limit} running)`;
}

function stateBadge(run) {
  return h('span', { class: `badge state state-${run.state}`, 'data-state': run.state }, run.state);
}

function runsTable(runs, withJob) {
  return h('table', { class: 'runs', id: 'runs' },
    h('thead', {}, h('tr', {},
      h('th', {}, 'State'), withJob ? h('th', {}, 'Job') : null, h('th', {}, 'Build'), h('th', {}, 'Repository'),
      h('th', {}, 'Started'), h('th', {}, 'Duration'), h('th', {}, 'Queue'), h('th', {}, 'Description'))),
    h('tbody', {}, runs.map((r) => h('tr', { 'data-id': r.id, 'data-build': r.build_id, 'data-job': r.job, 'data-state': r.state },
      h('td', {}, stateBadge(r)),
      withJob ? h('td', {}, h('a', { href: jobPath(r.job), class: 'job' }, r.job)) : null,
      h('td', {}, h('a', { href: r.page, class: 'build' }, r.build_id)),
      h('td', {}, r.repo ? `${r.repo}${r.pull !== null ? ` #${r.pull}` : ` ${r.base_ref || ''}`}` : ''),
      h('td', {}, time(r.start_time)),
      h('td', { class: 'duration' }, duration(r.duration_seconds)),
      h('td', { class: 'queue' }, queueText(r)),
      h('td', {}, r.description || '')))));
}

export async function showJobs() {
  const main = document.getElementById('page');
  document.title = 'snoop: jobs';
  const runs = await getJson('/api/jobs');
  show(main,
    h('h1', {}, 'Jobs'),
    h('p', {}, 'Every run of the job engine, newest first. A triggered run waits for its job\'s max_concurrency; its place in the queue is first come, first served.'),
    runs.length === 0 ? h('p', { class: 'muted', id: 'no-runs' }, 'No runs yet.') : runsTable(runs, true));
}

export async function showJobHistory(job) {
  const main = document.getElementById('page');
  document.title = `snoop: ${job}`;
  const runs = await getJson(`/api/jobs/${encodeURIComponent(job)}`);
  show(main,
    h('p', {}, h('a', { href: '/jobs' }, 'Jobs')),
    h('h1', {}, job),
    h('p', { id: 'history-summary' }, `${runs.length} builds, newest first.`),
    runsTable(runs, false));
}

function metadata(title, object, id) {
  if (!object) return h('section', { class: 'card', id }, h('h2', {}, title), h('p', { class: 'muted' }, 'Not written yet.'));
  const rows = Object.entries(object).map(([k, v]) => [h('dt', {}, k), h('dd', {}, typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))]);
  return h('section', { class: 'card', id }, h('h2', {}, title), h('dl', { class: 'detail' }, rows));
}

function junitSection(files) {
  if (files.length === 0) return h('section', { class: 'card', id: 'junit' }, h('h2', {}, 'JUnit'), h('p', { class: 'muted' }, 'No artifacts/junit*.xml.'));
  const total = (k) => files.reduce((n, f) => n + f[k], 0);
  return h('section', { class: 'card', id: 'junit' },
    h('h2', {}, 'JUnit'),
    h('p', { id: 'junit-summary' },
      h('span', { 'data-count': 'tests' }, String(total('tests'))), ' tests: ',
      h('span', { class: 'yes', 'data-count': 'passed' }, String(total('passed'))), ' passed, ',
      h('span', { class: 'no', 'data-count': 'failed' }, String(total('failed'))), ' failed, ',
      h('span', { 'data-count': 'skipped' }, String(total('skipped'))), ' skipped'),
    files.map((f) => h('div', { class: 'junit-file', 'data-path': f.path },
      h('h3', {}, f.path),
      f.problem ? h('p', { class: 'error junit-problem' }, `Read up to a problem: ${f.problem}`) : null,
      f.failures.length
        ? h('ul', { class: 'failures' }, f.failures.map((t) => h('li', { class: 'failure' },
            h('strong', { class: 'test-name' }, t.name || '(no name)'), t.classname ? h('span', { class: 'muted' }, ` ${t.classname}`) : '',
            h('pre', { class: 'failure-message' }, t.message || ''))))
        : h('p', { class: 'muted' }, 'No failures.'))));
}

function actions(run, job, build) {
  const input = h('input', { type: 'password', id: 'api-token', placeholder: 'API token', 'aria-label': 'API token', autocomplete: 'off' });
  input.value = sessionStorage.getItem(TOKEN_KEY) || '';
  const message = h('p', { id: 'action-result', role: 'status' });
  const act = async (what) => {
    sessionStorage.setItem(TOKEN_KEY, input.value);
    const response = await fetch(`${buildApi(job, build)}/${what}`, {
      method: 'POST', headers: { Accept: 'application/json', Authorization: `Bearer ${input.value}` },
    });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      message.className = 'error';
      message.textContent = new ApiError(response.status, (body && body.error) || response.statusText).message;
      return;
    }
    if (what === 'rerun') {
      message.className = '';
      message.replaceChildren('Started again as ', h('a', { href: body.page, id: 'rerun-link' }, `build ${body.build_id}`), '.');
    } else {
      location.reload();
    }
  };
  return h('section', { class: 'card', id: 'actions' },
    h('h2', {}, 'Actions'),
    h('label', {}, 'API token ', input), ' ',
    run.complete ? null : h('button', { type: 'button', id: 'abort', onclick: () => act('abort') }, 'Abort'), ' ',
    h('button', { type: 'button', id: 'rerun', onclick: () => act('rerun') }, 'Rerun'),
    message);
}

export async function showBuild(job, build) {
  const main = document.getElementById('page');
  document.title = `snoop: ${job} ${build}`;
  const run = await getJson(buildApi(job, build));
  const log = run.build_log ? await fetch(`${buildApi(job, build)}/log`).then((r) => r.text()) : null;
  show(main,
    h('p', {}, h('a', { href: '/jobs' }, 'Jobs'), ' / ', h('a', { href: jobPath(job), id: 'history-link' }, job)),
    h('h1', {}, `${job} #${build}`),
    h('p', { id: 'run-state' }, stateBadge(run), ' ', run.description || '', run.queue ? ` (${queueText(run)})` : '',
      ` · ${duration(run.duration_seconds)}`),
    actions(run, job, build),
    metadata('started.json', run.started, 'started'),
    metadata('finished.json', run.finished, 'finished'),
    metadata('prowjob.json status', run.prowjob && run.prowjob.status, 'prowjob'),
    junitSection(run.junit),
    h('section', { class: 'card', id: 'build-log' }, h('h2', {}, 'build-log.txt'),
      log === null ? h('p', { class: 'muted' }, 'No build log yet.') : h('pre', { class: 'log' }, log)),
    h('section', { class: 'card', id: 'files' }, h('h2', {}, 'Files'),
      h('ul', {}, run.files.map((f) => h('li', {}, h('a', { href: `${buildApi(job, build)}/artifacts/${f.split('/').map(encodeURIComponent).join('/')}` }, f))))));
}

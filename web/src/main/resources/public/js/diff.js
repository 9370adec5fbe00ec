// /diff/{release}?base=..&head=..: coverage gained and lost between two runs (snoop diff);
// /sigs/{release}: coverage by SIG.
import { apiPath, endpointHref, getJson, h, show } from './api.js';

const KINDS = { TESTED: 'tested', CONFORMANCE_TESTED: 'conformance-tested', SUCCESS_TESTED: 'success-tested' };

export async function showDiff(release) {
  const main = document.getElementById('page');
  const params = new URLSearchParams(location.search);
  const base = params.get('base') || '';
  const head = params.get('head') || '';
  const baseRelease = params.get('baseRelease') || '';
  document.title = `snoop: diff ${release}`;
  const form = h('form', { id: 'diff-form', class: 'controls', onsubmit: (event) => {
    event.preventDefault();
    const data = new FormData(event.target);
    location.assign(apiPath(`/diff/${encodeURIComponent(release)}`,
      { base: data.get('base'), head: data.get('head'), baseRelease: data.get('baseRelease') }));
  } },
  h('label', {}, 'Base ', h('input', { name: 'base', value: base, placeholder: 'run, build or job' })),
  h('label', {}, ' Base release ', h('input', { name: 'baseRelease', value: baseRelease, placeholder: release })),
  h('label', {}, ' Head ', h('input', { name: 'head', value: head, placeholder: 'run, build or job' })),
  h('button', { type: 'submit' }, 'Compare'));
  if (!base || !head) {
    show(main, h('h1', {}, `Coverage diff: ${release}`), form,
      h('p', { class: 'muted' }, 'Give two runs: a run number, a Prow build id, or a source or Prow job (its newest build).'));
    return;
  }
  const diff = await getJson(apiPath(`/api/releases/${encodeURIComponent(release)}/diff`, { base, head, baseRelease }));
  show(main,
    h('h1', {}, `Coverage diff: ${release}`), form,
    h('p', { id: 'sides' }, `base: ${describe(diff.base)}; head: ${describe(diff.head)}`),
    h('table', { id: 'diff-summary' },
      h('thead', {}, h('tr', {}, ['', 'base', 'head', 'gained', 'lost'].map((c) => h('th', {}, c)))),
      h('tbody', {}, diff.kinds.map((k) => h('tr', { 'data-kind': KINDS[k.kind] },
        h('td', {}, KINDS[k.kind]), h('td', { class: 'num' }, k.baseCount), h('td', { class: 'num' }, k.headCount),
        h('td', { class: 'num' }, k.gained.length), h('td', { class: 'num' }, k.lost.length))))),
    diff.kinds.map((k) => [
      changes(`${KINDS[k.kind]}-gained`, `${KINDS[k.kind]} gained`, diff.head.release, k.gained),
      changes(`${KINDS[k.kind]}-lost`, `${KINDS[k.kind]} lost`, diff.base.release, k.lost)]));
}

function describe(run) {
  return `${run.name}${run.buildId ? ` build ${run.buildId}` : ''} (run ${run.id}, ${run.release})`;
}

function changes(id, title, release, rows) {
  return [h('h2', {}, `${title} (${rows.length})`),
    rows.length === 0 ? h('p', { class: 'muted' }, 'None.')
      : h('table', { id },
        h('thead', {}, h('tr', {}, h('th', {}, 'Endpoint'), h('th', {}, 'Tests'))),
        h('tbody', {}, rows.map((c) => h('tr', { 'data-endpoint': c.endpoint },
          h('td', {}, h('a', { href: endpointHref(release, c.endpoint) }, c.endpoint)),
          h('td', {}, c.tests.map((t) => h('div', {}, t || '(e2e.test outside a test)')))))))];
}

export async function showSigs(release) {
  const main = document.getElementById('page');
  const data = await getJson(`/api/releases/${encodeURIComponent(release)}/sigs`);
  document.title = `snoop: SIGs ${data.release}`;
  show(main,
    h('h1', {}, `Coverage by SIG: ${data.release}`),
    h('p', { class: 'muted' }, 'Endpoints each SIG\'s tests hit in the current runs (a test\'s SIG is its [sig-x] tag), and those no other SIG\'s tests reach.'),
    data.sigs.length === 0 ? h('p', { class: 'muted' }, 'No test with a [sig-x] tag hit an endpoint.')
      : h('table', { id: 'sigs' },
        h('thead', {}, h('tr', {}, ['SIG', 'Endpoints', 'Conformance-tested', 'Only this SIG', ''].map((c) => h('th', {}, c)))),
        h('tbody', {}, data.sigs.map((s) => h('tr', { 'data-sig': s.sig },
          h('td', {}, s.sig), h('td', { class: 'num' }, s.endpoints), h('td', { class: 'num' }, s.conformance_endpoints),
          h('td', { class: 'num' }, s.only_this_sig),
          h('td', {}, h('details', {}, h('summary', {}, 'endpoints only it reaches'),
            s.only_this_sig_endpoints.map((e) => h('div', {}, h('a', { href: endpointHref(data.release, e) }, e))))))))));
}

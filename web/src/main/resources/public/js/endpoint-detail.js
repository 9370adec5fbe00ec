// One endpoint's details, as the coverage page shows them at endpoint depth and the endpoint page shows them whole.
import { h } from './api.js';

function yesNo(value) {
  return h('span', { class: value ? 'yes' : 'no' }, value ? 'yes' : 'no');
}

function eligibility(e) {
  if (e.eligible) return h('span', { class: 'yes' }, 'eligible for conformance');
  const link = e.ineligible_link ? h('a', { href: e.ineligible_link, rel: 'noopener' }, e.ineligible_link) : null;
  if (e.pending) {
    return h('span', {}, 'pending: eligible, given a grace period before a conformance test is required',
      e.ineligible_reason ? ` (${e.ineligible_reason})` : '', link ? [' ', link] : null);
  }
  if (e.ineligible_reason) return h('span', {}, `ineligible: ${e.ineligible_reason}`, link ? [' ', link] : null);
  if (e.level !== 'stable') return h('span', {}, `ineligible: ${e.level} endpoints are not eligible for conformance`);
  return h('span', {}, 'ineligible');
}

/** A definition list of the endpoint; compact leaves out the tests and runs. */
export function endpointDetail(release, e, { compact = false } = {}) {
  const row = (name, value, stat) => [h('dt', {}, name), h('dd', stat ? { 'data-field': stat } : {}, value)];
  const list = h('dl', { class: 'detail', id: 'endpoint-detail', 'data-endpoint': e.endpoint },
    row('operationId', h('code', {}, e.endpoint), 'endpoint'),
    row('Path', h('code', {}, e.path), 'path'),
    row('Method', (e.method || '').toUpperCase(), 'method'),
    row('Group', e.group === '' ? 'core (the empty group)' : e.group, 'group'),
    row('Version', e.version, 'version'),
    row('Kind', e.kind, 'kind'),
    row('Action', e.action, 'action'),
    row('Level', e.level, 'level'),
    row('Category', e.category, 'category'),
    row('Eligibility', eligibility(e), 'eligibility'),
    row('First release', e.first_release ? h('a', { href: `/${encodeURIComponent(e.first_release)}` }, e.first_release) : 'unknown', 'first-release'),
    row('New in ' + release, yesNo(e.new), 'new'),
    row('Tested', yesNo(e.tested), 'tested'),
    row('Conformance tested', yesNo(e.conf_tested), 'conformance-tested'),
    row('Description', e.description || '', 'description'));
  if (compact) return list;
  return [list, testsTable(e.tests || []), runsTable(e.runs || [])];
}

function testsTable(tests) {
  if (tests.length === 0) return [h('h2', {}, 'Tests'), h('p', { class: 'muted' }, 'No test hit this endpoint.')];
  const sorted = tests.slice().sort((a, b) => b.conformance - a.conformance || a.test.localeCompare(b.test));
  return [h('h2', {}, `Tests (${tests.length})`),
    h('table', { id: 'tests' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Test'), h('th', {}, 'Conformance'), h('th', { class: 'num' }, 'Hits'))),
      h('tbody', {}, sorted.map((t) => h('tr', { 'data-conformance': String(t.conformance) },
        h('td', {}, t.test === '' ? h('span', { class: 'muted' }, '(e2e.test outside any test)') : t.test),
        h('td', {}, t.conformance ? h('span', { class: 'badge conformance' }, 'Conformance') : ''),
        h('td', { class: 'num' }, t.hits)))))];
}

function runsTable(runs) {
  if (runs.length === 0) return [h('h2', {}, 'Hits per audit run'), h('p', { class: 'muted' }, 'No audit run hit this endpoint.')];
  return [h('h2', {}, 'Hits per audit run'),
    h('table', { id: 'runs' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Run'), h('th', {}, 'Source'), h('th', {}, 'Job'), h('th', {}, 'Build'), h('th', {}, 'Date'), h('th', { class: 'num' }, 'Hits'))),
      h('tbody', {}, runs.map((r) => h('tr', {},
        h('td', {}, r.run_id), h('td', {}, r.source), h('td', {}, r.job || ''), h('td', {}, r.build || ''),
        h('td', {}, r.run_date || ''), h('td', { class: 'num' }, r.hits)))))];
}

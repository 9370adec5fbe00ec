// /gate/{release}: the conformance gate's report, as snoop gate prints it, rendered.
import { endpointHref, getJson, h, releaseSelect, releasesWithSpec, show } from './api.js';

/** A field of the report, by its snake_case or camelCase name. */
function field(object, snake) {
  if (object[snake] !== undefined) return object[snake];
  const camel = snake.replace(/_([a-z])/g, (m, c) => c.toUpperCase());
  return object[camel];
}

const VERDICTS = {
  pass: 'Pass: every new eligible endpoint is hit by a conformance test',
  fail: 'Fail: new eligible endpoints lack a conformance test',
  error: 'Cannot decide',
};

export async function showGate(release) {
  const main = document.getElementById('page');
  const [gate, releases] = await Promise.all([
    getJson(`/api/releases/${encodeURIComponent(release)}/gate`),
    releasesWithSpec(),
  ]);
  const name = gate.release;
  document.title = `snoop: gate ${name}`;
  const verdict = gate.verdict;
  const problems = gate.problems || [];
  const endpoints = gate.endpoints || [];
  const untested = endpoints.filter((e) => e.status === 'untested');
  const regressions = gate.regressions || [];
  show(main,
    h('h1', {}, `Conformance gate: ${name}`),
    h('div', { class: 'controls' }, releaseSelect(releases, name, (r) => location.assign(`/gate/${encodeURIComponent(r)}`))),
    h('p', {}, h('span', { id: 'verdict', class: `verdict verdict-${verdict}`, 'data-verdict': verdict }, VERDICTS[verdict] || verdict)),
    h('p', { id: 'headline' }, gate.headline || ''),
    h('p', { class: 'muted' }, `New endpoints are those not in ${field(gate, 'previous_release') || 'any earlier release'}; level rule ${field(gate, 'level_rule') || ''}; checked ${field(gate, 'checked_at') || ''}.`),
    problems.length ? [h('h2', {}, 'Why it cannot decide'), h('ul', { id: 'problems' }, problems.map((p) => h('li', {}, p)))] : null,
    h('h2', {}, `Untested new endpoints (${untested.length})`),
    untested.length === 0
      ? h('p', { class: 'muted' }, 'None.')
      : [h('p', {}, 'For each: write a conformance test that hits it, or add it to kubernetes\' ',
          h('code', {}, 'pending_eligible_endpoints.yaml'), ' (a grace period) or ', h('code', {}, 'ineligible_endpoints.yaml'),
          ' (with the reason) in test/conformance/testdata.'),
        endpointTable('untested', name, untested, (e) => (field(e, 'other_tests') || []).length
          ? `hit by e2e tests that are not conformance tests (${field(e, 'other_tests').join('; ')}): promote one`
          : 'no e2e test hits it: write one and promote it to conformance')],
    h('h2', {}, `All new eligible endpoints (${endpoints.length})`),
    endpoints.length === 0 ? h('p', { class: 'muted' }, 'None.') : endpointTable('new-endpoints', name, endpoints, (e) => e.status),
    h('h2', {}, `Regressions (${regressions.length})`),
    regressions.length === 0
      ? h('p', { class: 'muted' }, 'None: no endpoint lost the conformance tests it had in the release before.')
      : endpointTable('regressions', name, regressions, (e) => `conformance tests before: ${(field(e, 'previous_conformance_tests') || []).join('; ')}`),
    h('h2', {}, 'Sources'),
    sourcesTable(gate.sources || []));
}

function endpointTable(id, release, rows, note) {
  return h('table', { id },
    h('thead', {}, h('tr', {}, h('th', {}, 'Endpoint'), h('th', {}, 'Method and path'), h('th', {}, 'Group / version / kind'), h('th', {}, ''))),
    h('tbody', {}, rows.map((e) => h('tr', { 'data-endpoint': e.endpoint },
      h('td', {}, h('a', { href: endpointHref(release, e.endpoint) }, e.endpoint)),
      h('td', {}, `${(e.method || '').toUpperCase()} `, h('code', {}, e.path)),
      h('td', {}, `${e.group || 'core'} / ${e.version || ''} / ${e.kind || ''}`),
      h('td', {}, note(e))))));
}

function age(seconds) {
  if (seconds === null || seconds === undefined) return 'unknown';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} days`;
}

function sourcesTable(sources) {
  if (sources.length === 0) return h('p', { class: 'muted' }, 'No audit run is stored for this release.');
  return h('table', { id: 'sources' },
    h('thead', {}, h('tr', {}, ['Source', 'Job', 'Build', 'Events', 'Matched', 'Newest event', 'Age', 'Problem'].map((c) => h('th', {}, c)))),
    h('tbody', {}, sources.map((s) => h('tr', {},
      h('td', {}, s.name || s.source), h('td', {}, s.job || ''), h('td', {}, field(s, 'build_id') || ''),
      h('td', { class: 'num' }, s.events), h('td', { class: 'num' }, s.matched),
      h('td', {}, field(s, 'last_event') || ''), h('td', {}, age(field(s, 'age_seconds'))),
      h('td', { class: s.problem ? 'error' : '' }, s.problem || '')))));
}

// /endpoint/{release}/{operationId}: one endpoint on its own page.
import { getJson, h, show } from './api.js';
import { endpointDetail } from './endpoint-detail.js';

export async function showEndpointPage(release, operationId) {
  const main = document.getElementById('page');
  const base = `/api/releases/${encodeURIComponent(release)}/endpoints/${encodeURIComponent(operationId)}`;
  const [e, outcomes] = await Promise.all([getJson(base), getJson(`${base}/outcomes`)]);
  document.title = `snoop: ${operationId}`;
  const sunburst = `/${encodeURIComponent(release)}/${encodeURIComponent(e.level)}/${encodeURIComponent(e.category)}/${encodeURIComponent(e.endpoint)}`;
  show(main,
    h('h1', {}, h('code', {}, e.endpoint)),
    h('p', {}, `${(e.method || '').toUpperCase()} `, h('code', {}, e.path), ` in Kubernetes ${release} · `, h('a', { href: sunburst }, 'in the sunburst')),
    endpointDetail(release, e),
    outcomesTable(outcomes.tests),
    parametersTable(outcomes.parameters));
}

/** What the API server answered each test, by status class. */
function outcomesTable(tests) {
  if (tests.length === 0) return [];
  const classes = ['hits_1xx', 'hits_2xx', 'hits_3xx', 'hits_4xx', 'hits_5xx'];
  return [h('h2', {}, 'Answers by status class'),
    h('p', { class: 'muted' }, 'A success is a 2xx answer, or 101 for an upgraded exec, attach or port-forward connection.'),
    h('table', { id: 'outcomes' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Test'), h('th', {}, 'Conformance'),
        ...classes.map((c) => h('th', { class: 'num' }, c.slice(5))), h('th', {}, 'Outcome'))),
      h('tbody', {}, tests.map((t) => h('tr', { 'data-conformance': String(t.conformance), 'data-success': String(t.success) },
        h('td', {}, t.test === null ? h('span', { class: 'muted' }, '(other agents)')
          : t.test === '' ? h('span', { class: 'muted' }, '(e2e.test outside any test)') : t.test),
        h('td', {}, t.conformance ? h('span', { class: 'badge conformance' }, 'Conformance') : ''),
        ...classes.map((c) => h('td', { class: 'num' }, t[c])),
        h('td', {}, t.success ? 'success' : t.hits_4xx + t.hits_5xx > 0 ? h('strong', {}, 'errors only') : 'no status')))))];
}

/** The operation's query parameters, and whether conformance tests and other tests send them. */
function parametersTable(parameters) {
  if (parameters.length === 0) return [h('h2', {}, 'Query parameters'), h('p', { class: 'muted' }, 'The spec declares no query parameter for this endpoint.')];
  const used = parameters.filter((p) => p.conformance_used).length;
  return [h('h2', {}, `Query parameters (${used} of ${parameters.length} sent by conformance tests)`),
    h('table', { id: 'parameters' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Parameter'), h('th', {}, 'Conformance tests'), h('th', { class: 'num' }, 'Conformance hits'), h('th', {}, 'Any e2e test'))),
      h('tbody', {}, parameters.map((p) => h('tr', { 'data-parameter': p.parameter, 'data-used': String(p.conformance_used) },
        h('td', {}, h('code', {}, p.parameter), p.required ? ' (required)' : ''),
        h('td', {}, p.conformance_used ? 'used' : h('strong', {}, 'never used')),
        h('td', { class: 'num' }, p.conformance_hits),
        h('td', {}, p.tested_used ? 'used' : 'never used')))))];
}

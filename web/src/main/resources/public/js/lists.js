// The conformance-progress tables: /conformance-progress/endpoints/{release}?filter=..., ineligible-endpoints and
// pending-endpoints. Each has a text filter and a CSV download of the rows shown.
import { apiPath, csvLink, endpointHref, getJson, h, releaseSelect, show } from './api.js';

/** Compares releases such as 1.33.0 by their numbers; null (never) sorts last. */
export function compareReleases(a, b) {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] || 0) - (y[i] || 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The groups of APISnoop's list, by each eligible endpoint's promotion_release (the release it became stable in)
 * and tested_release (the release a conformance test first hit it in, null when none has).
 */
const GROUPS = [
  { filter: 'promoted-with-tests', label: 'Promoted with tests', test: (e, r) => e.promotion_release === r && e.tested_release === r },
  { filter: 'promoted-without-tests', label: 'Promoted without tests',
    test: (e, r) => e.promotion_release === r && (e.tested_release === null || compareReleases(e.tested_release, r) > 0) },
  { filter: 'old-covered-by-new', label: 'Old endpoint covered by a new test',
    test: (e, r) => compareReleases(e.promotion_release, r) < 0 && e.tested_release === r },
  { filter: 'tested', label: 'Tested before', test: (e, r) => compareReleases(e.promotion_release, r) < 0 && e.tested_release !== null && compareReleases(e.tested_release, r) < 0 },
  { filter: 'untested', label: 'Untested', test: (e, r) => compareReleases(e.promotion_release, r) < 0 && e.tested_release === null },
];

/** A table with a text filter over every column and a CSV download of the rows it shows. */
function filteredTable({ id, columns, rows, fileName, cell, extraFilter = () => true, controls = [] }) {
  const text = h('input', { type: 'search', id: `${id}-filter`, placeholder: 'Filter rows', 'aria-label': 'Filter rows' });
  const body = h('tbody');
  const count = h('span', { class: 'muted', id: `${id}-count` });
  const download = h('span');
  function update() {
    const words = text.value.trim().toLowerCase().split(/\s+/).filter((w) => w);
    const shown = rows.filter((r) => extraFilter(r) && words.every((w) => columns.some((c) => String(r[c] ?? '').toLowerCase().includes(w))));
    body.replaceChildren(...shown.map((r) => h('tr', { 'data-endpoint': r.endpoint }, columns.map((c) => h('td', {}, cell(r, c))))));
    count.textContent = `${shown.length} of ${rows.length}`;
    download.replaceChildren(csvLink(fileName, columns, shown));
  }
  text.addEventListener('input', update);
  update();
  return {
    update,
    element: [h('div', { class: 'controls' }, controls, text, count, download),
      h('table', { id }, h('thead', {}, h('tr', {}, columns.map((c) => h('th', {}, c)))), body)],
  };
}

export async function showConformanceEndpoints(releaseOrNull) {
  const main = document.getElementById('page');
  const [endpoints, progress] = await Promise.all([getJson('/apisnoop/conformance-endpoints.json'), getJson('/api/progress')]);
  const releases = progress.map((p) => p.release).sort(compareReleases).reverse();
  const release = releaseOrNull && releaseOrNull !== 'latest' ? releaseOrNull : releases[0];
  document.title = `snoop: conformance endpoints of ${release}`;
  const chosen = new URLSearchParams(location.search).get('filter');
  const active = new Set(GROUPS.filter((g) => !chosen || g.filter === chosen).map((g) => g.filter));
  const rows = endpoints
    .filter((e) => compareReleases(e.promotion_release, release) <= 0)
    .map((e) => {
      const group = GROUPS.find((g) => g.test(e, release));
      return {
        endpoint: e.endpoint,
        group: group ? group.filter : '',
        promotion_release: e.promotion_release,
        tested_release: e.tested_release,
        tests: (e.tests || []).filter((t) => t).map((t) => t.codename || t.testname).join('; '),
      };
    });
  const boxes = GROUPS.map((g) => {
    const box = h('input', { type: 'checkbox', name: g.filter, checked: active.has(g.filter) });
    box.addEventListener('change', () => {
      if (box.checked) active.add(g.filter);
      else active.delete(g.filter);
      table.update();
    });
    return h('label', {}, box, ' ', g.label);
  });
  const table = filteredTable({
    id: 'conformance-endpoints',
    columns: ['endpoint', 'group', 'promotion_release', 'tested_release', 'tests'],
    rows,
    fileName: `conformance-endpoints-${release}.csv`,
    extraFilter: (r) => active.has(r.group),
    controls: boxes,
    cell: (r, c) => (c === 'endpoint' ? h('a', { href: endpointHref(release, r.endpoint) }, r.endpoint) : r[c] ?? ''),
  });
  show(main,
    h('h1', {}, `Eligible endpoints of ${release}`),
    h('div', { class: 'controls' },
      releaseSelect(releases.map((r) => ({ release: r })), release,
        (r) => location.assign(`/conformance-progress/endpoints/${encodeURIComponent(r)}${location.search}`)),
      h('a', { href: '/conformance-progress' }, 'Conformance progress')),
    table.element);
}

export async function showIneligible() {
  await showEndpointTable({
    title: 'Ineligible endpoints',
    intro: 'Endpoints on kubernetes\' ineligible_endpoints.yaml: conformance tests need not hit them.',
    id: 'ineligible-endpoints',
    keep: (e) => !!e.ineligible_reason,
    columns: ['endpoint', 'level', 'ineligible_reason', 'ineligible_link'],
  });
}

export async function showPending() {
  await showEndpointTable({
    title: 'Pending endpoints',
    intro: 'Endpoints on kubernetes\' pending_eligible_endpoints.yaml: eligible, given a grace period before the gate asks for a conformance test.',
    id: 'pending-endpoints',
    keep: (e) => e.pending,
    columns: ['endpoint', 'level', 'path', 'tested', 'conf_tested'],
  });
}

async function showEndpointTable({ title, intro, id, keep, columns }) {
  const main = document.getElementById('page');
  const release = new URLSearchParams(location.search).get('release') || 'latest';
  const [coverage, all] = await Promise.all([
    getJson(`/api/releases/${encodeURIComponent(release)}/coverage`),
    getJson(apiPath(`/api/releases/${encodeURIComponent(release)}/endpoints`)),
  ]);
  document.title = `snoop: ${title.toLowerCase()}`;
  const rows = all.filter(keep);
  const table = filteredTable({
    id,
    columns,
    rows,
    fileName: `${id}-${coverage.release}.csv`,
    cell: (r, c) => {
      if (c === 'endpoint') return h('a', { href: endpointHref(coverage.release, r.endpoint) }, r.endpoint);
      if (c === 'ineligible_link' && r[c]) return h('a', { href: r[c], rel: 'noopener' }, r[c]);
      return r[c] === null || r[c] === undefined ? '' : String(r[c]);
    },
  });
  show(main, h('h1', {}, `${title} (${coverage.release})`), h('p', {}, intro), table.element);
}

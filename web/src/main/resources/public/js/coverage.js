// The coverage page: /{release}/{level}/{category}/{endpoint}, each part optional, the release may be "latest".
// A sunburst of the release's endpoints, the stats at the current depth, the endpoint at endpoint depth, and the
// new endpoints under the current depth. Clicking zooms and changes the URL; the URL alone restores the view.
import { apiPath, endpointHref, errorMessage, getJson, h, percent, releaseSelect, releasesWithSpec, show } from './api.js';
import { endpointDetail } from './endpoint-detail.js';
import { drawSunburst, hierarchy } from './sunburst.js';

/** APISnoop's toggles: each keeps only some endpoints. */
const FILTERS = [
  // the endpoints APISnoop's conformance-endpoints.json lists: the eligible ones
  { name: 'conformance-only', label: 'Conformance eligible only', keep: (e) => e.eligible },
  // stable endpoints, less those on the ineligible list (pending ones stay: they are eligible, with a grace period)
  { name: 'exclude-ineligible', label: 'Exclude ineligible', keep: (e) => e.level === 'stable' && !e.ineligible_reason },
  { name: 'exclude-pending', label: 'Exclude pending', keep: (e) => !e.pending },
];

/** The view a URL names. */
function viewOf(location) {
  const [release = 'latest', level = null, category = null, endpoint = null] = location.pathname
    .split('/').filter((p) => p !== '').map(decodeURIComponent);
  const query = new URLSearchParams(location.search);
  const filters = new Set(FILTERS.filter((f) => query.get(f.name) === 'true').map((f) => f.name));
  return { release, level, category, endpoint, filters };
}

function urlOf(view) {
  const parts = [view.release, view.level, view.category, view.endpoint].filter((p) => p);
  const query = new URLSearchParams();
  for (const f of FILTERS) if (view.filters.has(f.name)) query.set(f.name, 'true');
  const q = query.toString();
  return '/' + parts.map(encodeURIComponent).join('/') + (q ? `?${q}` : '');
}

export async function showCoverage() {
  const main = document.getElementById('page');
  let view = viewOf(location);
  // All at once: the API resolves "latest" (and "1.33") the same way for each.
  const [releases, coverage, all] = await Promise.all([
    releasesWithSpec(),
    getJson(`/api/releases/${encodeURIComponent(view.release)}/coverage`),
    getJson(apiPath(`/api/releases/${encodeURIComponent(view.release)}/endpoints`)),
  ]);
  const release = coverage.release;
  document.title = `snoop: ${release} coverage`;

  const breadcrumb = h('div', { id: 'breadcrumb', 'aria-live': 'polite' });
  const stats = h('div', { id: 'stats' });
  const detail = h('div', { id: 'detail' });
  const newEndpoints = h('div', { id: 'new-endpoints' });
  const chart = h('div', { id: 'sunburst' });
  const toggles = FILTERS.map((f) => {
    const box = h('input', { type: 'checkbox', id: `filter-${f.name}`, name: f.name, checked: view.filters.has(f.name) });
    box.addEventListener('change', () => {
      const filters = new Set(view.filters);
      if (box.checked) filters.add(f.name);
      else filters.delete(f.name);
      navigate({ ...view, filters }, false);
    });
    return h('label', {}, box, ' ', f.label);
  });
  show(main,
    h('h1', {}, `Kubernetes ${release}: endpoints hit by tests`),
    h('div', { class: 'controls' },
      releaseSelect(releases, release, (r) => location.assign(urlOf({ ...view, release: r, level: null, category: null, endpoint: null }))),
      toggles,
      h('a', { href: `/gate/${encodeURIComponent(release)}` }, 'Gate'),
      h('a', { href: `/conformance-progress` }, 'Conformance progress')),
    h('p', { class: 'muted' }, sourcesLine(coverage)),
    breadcrumb,
    h('div', { class: 'coverage' }, chart, h('div', { class: 'side' }, stats, detail, newEndpoints)));

  let drawn = null; // {filters, root, sunburst}

  function render(animate) {
    const filterKey = [...view.filters].sort().join(',');
    if (!drawn || drawn.filterKey !== filterKey) {
      const kept = all.filter((e) => FILTERS.every((f) => !view.filters.has(f.name) || f.keep(e)));
      const root = hierarchy(kept);
      const sunburst = drawSunburst(chart, root, {
        onHover: (node) => showBreadcrumb(node),
        onClick: (node) => navigate(viewAt(node), true),
        onCentre: () => navigate(up(), true),
      });
      drawn = { filterKey, root, sunburst };
      animate = false;
      performance.mark('snoop-sunburst-drawn');
    }
    const { focus, selected } = locate(drawn.root, view);
    showBreadcrumb(null);
    showStats(selected || focus);
    showDetail(selected);
    showNew(focus);
    return drawn.sunburst.zoom(focus, selected, animate).then(() => chart.firstChild.setAttribute('data-ready', 'true'));
  }

  /** The focus (root, level or category node) and the selected endpoint the view names, as far as they exist. */
  function locate(root, v) {
    let focus = root;
    const level = v.level && root.children?.find((n) => n.data.name === v.level);
    if (level) focus = level;
    const category = level && v.category && level.children?.find((n) => n.data.name === v.category);
    if (category) focus = category;
    const selected = (category && v.endpoint && category.children?.find((n) => n.data.name === v.endpoint)) || null;
    return { focus, selected };
  }

  function viewAt(node) {
    const names = node.ancestors().reverse().slice(1).map((n) => n.data.name);
    const [level = null, category = null, endpoint = null] = names;
    return { ...view, release, level, category, endpoint };
  }

  function up() {
    if (view.endpoint) return { ...view, release, endpoint: null };
    if (view.category) return { ...view, release, category: null };
    return { ...view, release, level: null };
  }

  function navigate(next, animate) {
    view = next;
    history.pushState(null, '', urlOf(view));
    chart.firstChild?.removeAttribute('data-ready');
    render(animate);
  }

  window.addEventListener('popstate', () => {
    view = { ...viewOf(location), release };
    for (const f of FILTERS) document.getElementById(`filter-${f.name}`).checked = view.filters.has(f.name);
    render(true);
  });

  function showBreadcrumb(node) {
    const shown = node || locate(drawn.root, view).selected || locate(drawn.root, view).focus;
    const names = shown.ancestors().reverse().slice(1).map((n) => n.data.name);
    breadcrumb.replaceChildren(...(names.length ? names : ['all endpoints']).map((n) => h('span', {}, n)));
  }

  function showStats(node) {
    const endpoints = node.leaves().filter((l) => l.data.endpoint).map((l) => l.data.endpoint);
    const total = endpoints.length;
    const tested = endpoints.filter((e) => e.tested).length;
    const conformance = endpoints.filter((e) => e.conf_tested).length;
    stats.replaceChildren(
      h('span', {}, 'Endpoints'), h('span', { class: 'value', 'data-stat': 'total' }, total), h('span', {}),
      h('span', {}, 'Tested'), h('span', { class: 'value', 'data-stat': 'tested' }, tested), h('span', { class: 'percent' }, percent(tested, total)),
      h('span', {}, 'Conformance tested'), h('span', { class: 'value', 'data-stat': 'conformance-tested' }, conformance),
      h('span', { class: 'percent' }, percent(conformance, total)));
  }

  async function showDetail(selected) {
    if (!selected) {
      detail.replaceChildren();
      return;
    }
    const operationId = selected.data.name;
    try {
      const endpoint = await getJson(`/api/releases/${encodeURIComponent(release)}/endpoints/${encodeURIComponent(operationId)}`);
      if (view.endpoint === operationId) {
        detail.replaceChildren(endpointDetail(release, endpoint, { compact: true }),
          h('p', {}, h('a', { href: endpointHref(release, operationId) }, 'The endpoint\'s page')));
      }
    } catch (e) {
      detail.replaceChildren(errorMessage(e));
    }
  }

  function showNew(focus) {
    const previous = coverage.previousRelease ?? coverage.previous_release;
    if (!previous) {
      newEndpoints.replaceChildren(h('h2', {}, 'New endpoints'),
        h('p', { class: 'muted' }, `No release before ${release} is loaded, so no endpoint can be told new; load the previous release's spec to see them.`));
      return;
    }
    const fresh = focus.leaves().filter((l) => l.data.endpoint && l.data.endpoint.new).map((l) => l.data.endpoint);
    if (fresh.length === 0) {
      newEndpoints.replaceChildren(h('h2', {}, 'New endpoints'), h('p', { class: 'muted' }, `None here is new in ${release}.`));
      return;
    }
    newEndpoints.replaceChildren(h('h2', {}, `New endpoints (${fresh.length})`), h('p', { class: 'muted' }, `Not in ${previous}'s spec.`),
      h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Endpoint'), h('th', {}, 'Level'), h('th', {}, 'Category'), h('th', {}, 'Tested'), h('th', {}, 'Conformance'))),
        h('tbody', {}, fresh.map((e) => h('tr', {},
          h('td', {}, h('a', { href: endpointHref(release, e.endpoint) }, e.endpoint)),
          h('td', {}, e.level), h('td', {}, e.category), h('td', {}, yesNo(e.tested)), h('td', {}, yesNo(e.conf_tested)))))));
  }

  await render(false);
}

function yesNo(value) {
  return h('span', { class: value ? 'yes' : 'no' }, value ? 'yes' : 'no');
}

function sourcesLine(coverage) {
  const sources = coverage.sources || [];
  if (sources.length === 0) return 'No audit run is stored for this release: every endpoint shows untested.';
  return `Audit runs: ${sources.map((s) => `${s.source} (${s.events} events)`).join(', ')}`;
}

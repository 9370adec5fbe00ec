// /live: the live test-writing view. The test writer names the user agent of their test run; the page shows the
// endpoints it hit, which of them are new to the release's coverage, and the projected change, polling while
// events arrive.
import { apiPath, endpointHref, errorMessage, getJson, h, releaseSelect, releasesWithSpec, show } from './api.js';

const POLL_MS = 2000;
const IDLE_POLL_MS = 15000; // after a minute without new events

function field(object, snake) {
  if (object[snake] !== undefined) return object[snake];
  return object[snake.replace(/_([a-z])/g, (m, c) => c.toUpperCase())];
}

export async function showLive() {
  const main = document.getElementById('page');
  document.title = 'snoop: live';
  const query = new URLSearchParams(location.search);
  const releases = await releasesWithSpec();
  let release = query.get('release') || (releases[0] && releases[0].release) || 'latest';
  const agent = h('input', { type: 'search', id: 'useragent', name: 'useragent', value: query.get('useragent') || '', size: 50,
    placeholder: 'the user agent of your test run, or part of it', 'aria-label': 'User agent' });
  const form = h('form', { id: 'live-form', class: 'controls' },
    h('label', {}, 'User agent ', agent),
    releaseSelect(releases, release, (r) => { release = r; restart(); }),
    h('button', { type: 'submit' }, 'Watch'));
  const status = h('p', { class: 'muted', id: 'live-status' });
  const result = h('div', { id: 'live-result' });
  show(main,
    h('h1', {}, 'Live test writing'),
    h('p', {}, 'Point kube-apiserver\'s audit webhook at this server (POST /audit/events), run your test, and watch the endpoints it hits.'),
    form, status, result);

  let timer = null;
  let lastSignature = '';
  let lastChange = Date.now();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    restart();
  });

  function restart() {
    const q = new URLSearchParams();
    if (agent.value.trim()) q.set('useragent', agent.value.trim());
    q.set('release', release);
    history.replaceState(null, '', `/live?${q}`);
    lastSignature = '';
    lastChange = Date.now();
    clearTimeout(timer);
    poll();
  }

  async function poll() {
    try {
      const live = await getJson(apiPath('/api/live', { useragent: agent.value.trim(), release }));
      const signature = JSON.stringify(live);
      if (signature !== lastSignature) {
        lastSignature = signature;
        lastChange = Date.now();
        result.replaceChildren(render(live, release));
      }
      const idle = Date.now() - lastChange > 60000;
      status.textContent = `Updated ${new Date().toLocaleTimeString()}; ${idle ? 'no new events for a minute: polling slowly' : 'polling'}.`;
      timer = setTimeout(poll, idle ? IDLE_POLL_MS : POLL_MS);
    } catch (e) {
      result.replaceChildren(errorMessage(e));
      timer = setTimeout(poll, IDLE_POLL_MS);
    }
  }
  restart();
}

function render(live, release) {
  const endpoints = live.endpoints || [];
  const fresh = endpoints.filter((e) => e.new_coverage ?? e.newly_tested ?? e.new ?? false);
  const projected = field(live, 'projected_change') || field(live, 'projected') || null;
  const facts = Object.entries(live).filter(([, v]) => v === null || typeof v !== 'object');
  return [
    h('dl', { class: 'detail', id: 'live-summary' },
      facts.map(([k, v]) => [h('dt', {}, k.replaceAll('_', ' ')), h('dd', {}, v === null ? '' : String(v))]),
      h('dt', {}, 'Endpoints hit'), h('dd', { 'data-stat': 'hit' }, endpoints.length),
      h('dt', {}, 'New to the release\'s coverage'), h('dd', { 'data-stat': 'new' }, fresh.length)),
    projected && typeof projected === 'object'
      ? [h('h2', {}, 'Projected change'), h('dl', { class: 'detail', id: 'live-projected' },
          Object.entries(projected).map(([k, v]) => [h('dt', {}, k.replaceAll('_', ' ')), h('dd', {}, typeof v === 'object' ? JSON.stringify(v) : String(v))]))]
      : null,
    h('h2', {}, `Endpoints hit (${endpoints.length})`),
    endpoints.length === 0
      ? h('p', { class: 'muted' }, 'None yet.')
      : h('table', { id: 'live-endpoints' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Endpoint'), h('th', { class: 'num' }, 'Hits'), h('th', {}, 'New to coverage'))),
          h('tbody', {}, endpoints.map((e) => {
            const isNew = e.new_coverage ?? e.newly_tested ?? e.new ?? false;
            return h('tr', { 'data-endpoint': e.endpoint, 'data-new': isNew },
              h('td', {}, h('a', { href: endpointHref(release, e.endpoint) }, e.endpoint)),
              h('td', { class: 'num' }, e.hits ?? ''),
              h('td', { class: isNew ? 'yes' : '' }, isNew ? 'new' : ''));
          }))),
  ];
}

// /live: the live test-writing view. The test writer picks the user agent of their test run (any agent the live
// audit sink has seen, or typed); the page shows the endpoints it hit, which of them add to the release's coverage,
// and the projected change, polling while events arrive.
import { ApiError, apiPath, endpointHref, errorMessage, getJson, h, percent, releaseSelect, releasesWithSpec, show } from './api.js';

const POLL_MS = 2000;
const IDLE_POLL_MS = 15000; // once no new event came for a minute
const IDLE_AFTER_MS = 60000;

export async function showLive() {
  const main = document.getElementById('page');
  document.title = 'snoop: live';
  const query = new URLSearchParams(location.search);
  const [releases, agents] = await Promise.all([releasesWithSpec(), getJson('/api/live/agents').catch(() => [])]);
  let release = query.get('release') || (releases[0] && releases[0].release) || 'latest';
  const agent = h('input', { type: 'search', id: 'useragent', name: 'useragent', value: query.get('useragent') || '', size: 60,
    list: 'agents', placeholder: 'the user agent of your test run', 'aria-label': 'User agent' });
  const known = h('datalist', { id: 'agents' },
    agents.map((a) => h('option', { value: a.useragent }, `${a.events} events, last ${a.last_seen}`)));
  const form = h('form', { id: 'live-form', class: 'controls' },
    h('label', {}, 'User agent ', agent), known,
    releaseSelect(releases, release, (r) => { release = r; restart(); }),
    h('button', { type: 'submit' }, 'Watch'));
  const status = h('p', { class: 'muted', id: 'live-status' });
  const result = h('div', { id: 'live-result' });
  show(main,
    h('h1', {}, 'Live test writing'),
    h('p', {}, 'Point kube-apiserver\'s audit webhook at this server (POST /audit/events), run your test, pick its user agent, ',
      'and watch the endpoints it hits and what it would add to the release\'s coverage.'),
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
    if (!agent.value.trim()) {
      status.textContent = agents.length ? 'Pick a user agent the sink has seen, or type yours.' : 'No live event yet: type the user agent your test will use.';
      result.replaceChildren();
      return;
    }
    poll();
  }

  async function poll() {
    let live = null;
    try {
      live = await getJson(apiPath('/api/live', { useragent: agent.value.trim(), release }));
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) {
        result.replaceChildren(errorMessage(e));
        timer = setTimeout(poll, IDLE_POLL_MS);
        return;
      }
    }
    const signature = JSON.stringify(live);
    if (signature !== lastSignature) {
      lastSignature = signature;
      lastChange = Date.now();
      result.replaceChildren(live ? render(live) : h('p', { class: 'muted', id: 'live-none' }, `No event of this agent in ${release} yet.`));
    }
    const idle = Date.now() - lastChange > IDLE_AFTER_MS;
    status.textContent = `Checked ${new Date().toLocaleTimeString()}; ${idle ? 'no new event for a minute: checking every 15 s' : 'checking every 2 s'}.`;
    timer = setTimeout(poll, idle ? IDLE_POLL_MS : POLL_MS);
  }
  restart();
}

function render(live) {
  const endpoints = live.endpoints || [];
  const adding = endpoints.filter((e) => e.adds_coverage);
  const change = live.projected_change || {};
  return [
    h('dl', { class: 'detail', id: 'live-summary' },
      h('dt', {}, 'Endpoints hit'), h('dd', { 'data-stat': 'hit' }, endpoints.length),
      h('dt', {}, 'Adding to the coverage of ' + live.release), h('dd', { 'data-stat': 'adds-coverage' }, adding.length),
      h('dt', {}, 'Tested now'), h('dd', {}, `${change.old_coverage} of ${change.total_endpoints} (${percent(change.old_coverage || 0, change.total_endpoints || 0)})`),
      h('dt', {}, 'With this test'), h('dd', { 'data-stat': 'new-coverage' },
        `${change.new_coverage} of ${change.total_endpoints} (${percent(change.new_coverage || 0, change.total_endpoints || 0)}), `,
        h('span', { class: change.change_in_number > 0 ? 'yes' : '' }, `+${change.change_in_number}`))),
    h('h2', {}, `Endpoints hit (${endpoints.length})`),
    h('table', { id: 'live-endpoints' },
      h('thead', {}, h('tr', {}, ['Endpoint', 'Level', 'Category', 'Kind', 'Hits', 'Last seen', 'Tested before', 'Adds coverage'].map((c) => h('th', {}, c)))),
      h('tbody', {}, endpoints.map((e) => h('tr', { 'data-endpoint': e.endpoint, 'data-adds-coverage': String(e.adds_coverage) },
        h('td', {}, h('a', { href: endpointHref(live.release, e.endpoint) }, e.endpoint)),
        h('td', {}, e.level || ''), h('td', {}, e.category || ''), h('td', {}, e.kind || ''),
        h('td', { class: 'num' }, e.hits), h('td', {}, e.last_seen || ''),
        h('td', {}, e.conf_tested ? 'conformance' : e.tested ? 'yes' : 'no'),
        h('td', { class: e.adds_coverage ? 'yes' : '' }, e.adds_coverage ? 'new' : ''))))),
  ];
}

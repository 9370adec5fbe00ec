// The search box in every page's header: finds an endpoint by operationId, path or kind (GET /api/search).
import { apiPath, endpointHref, getJson, h } from './api.js';

/** The release the current page shows, for the search to look in; the newest release when none. */
function currentRelease() {
  const select = document.getElementById('release');
  return select && select.value ? select.value : 'latest';
}

export function startSearch() {
  const form = document.getElementById('search');
  const input = document.getElementById('search-input');
  const list = document.getElementById('search-results');
  let timer = null;
  let asked = 0;

  async function search() {
    const q = input.value.trim();
    const ask = ++asked;
    if (q.length < 2) {
      list.hidden = true;
      return;
    }
    const release = currentRelease();
    let results;
    try {
      results = await getJson(apiPath('/api/search', { q, release }));
    } catch (e) {
      results = [];
      list.replaceChildren(h('li', { class: 'error' }, e.message));
      list.hidden = false;
      return;
    }
    if (ask !== asked) return; // a newer query is on its way
    list.replaceChildren(
      ...(results.length === 0
        ? [h('li', { class: 'muted' }, `No endpoint matches "${q}"`)]
        : results.map((e) =>
            h('li', {}, h('a', { href: endpointHref(e.release || release, e.endpoint), 'data-endpoint': e.endpoint },
              e.endpoint, ' ', h('span', { class: 'sub' }, `${(e.method || '').toUpperCase()} ${e.path || ''} ${e.kind || ''}`))))),
    );
    list.hidden = false;
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') list.hidden = true;
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const first = list.querySelector('a');
    if (first) location.assign(first.href);
    else search();
  });
  document.addEventListener('click', (event) => {
    if (!form.contains(event.target)) list.hidden = true;
  });
}

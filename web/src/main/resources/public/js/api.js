// Reading the JSON API, and the few DOM helpers every page uses.

/** A failed API call: the status and the server's {"error": ...} message. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** GETs a JSON document from this server; throws ApiError with the server's message on failure. */
export async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, (body && body.error) || `${response.status} ${response.statusText} for ${path}`);
  }
  return body;
}

/** An API path with its query parameters; empty values are left out. */
export function apiPath(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(name, value);
  }
  const q = query.toString();
  return q ? `${path}?${q}` : path;
}

/** Builds an element: h('a', {href: '/'}, 'text', child). Text is always set as text, never parsed as HTML. */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces what the page shows. */
export function show(main, ...children) {
  main.replaceChildren();
  append(main, children);
}

/** What a page shows when the API refused or failed. */
export function errorMessage(error) {
  return h('p', { class: 'error', role: 'alert' }, error.message || String(error));
}

/** A percentage with one decimal, as the coverage text prints it. */
export function percent(part, whole) {
  return whole === 0 ? '0.0%' : `${((100 * part) / whole).toFixed(1)}%`;
}

/** The link to an endpoint's own page. */
export function endpointHref(release, operationId) {
  return `/endpoint/${encodeURIComponent(release)}/${encodeURIComponent(operationId)}`;
}

/** A CSV file of the rows, offered as a download link. */
export function csvLink(fileName, columns, rows) {
  const cell = (v) => {
    const s = v === null || v === undefined ? '' : Array.isArray(v) ? v.join(' ') : String(v);
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines = [columns.map(cell).join(',')].concat(rows.map((r) => columns.map((c) => cell(r[c])).join(',')));
  const url = URL.createObjectURL(new Blob([lines.join('\n') + '\n'], { type: 'text/csv' }));
  return h('a', { href: url, download: fileName, class: 'csv' }, `Download CSV (${rows.length} rows)`);
}

/** The releases with a loaded spec, newest first, as GET /api/releases lists them. */
export async function releasesWithSpec() {
  const releases = await getJson('/api/releases');
  return releases.filter((r) => r.endpoints > 0);
}

/** A release selector; choosing one calls onChange with the release. */
export function releaseSelect(releases, current, onChange) {
  const select = h('select', { id: 'release', 'aria-label': 'Release' },
    releases.map((r) => h('option', { value: r.release, selected: r.release === current }, r.release + (r.working ? ' (working)' : ''))));
  select.addEventListener('change', () => onChange(select.value));
  return h('label', {}, 'Release ', select);
}

// /conformance-progress: per release, the eligible stable endpoints stacked by how they came to be tested, as
// APISnoop's chart stacks conformance-progress.json; a number / percent toggle; each bar part links to its list.
import { errorMessage, getJson, h, show } from './api.js';

const d3 = globalThis.d3;

/** The stacks, bottom to top, with the list filter each links to. */
export const SEGMENTS = [
  { key: 'previously-tested', label: 'Previously tested', filter: 'tested' },
  { key: 'old-covered-by-new', label: 'Old endpoints covered by new tests (paying off technical debt)', filter: 'old-covered-by-new' },
  { key: 'promoted-with-tests', label: 'New endpoints promoted with tests', filter: 'promoted-with-tests' },
  { key: 'still-untested', label: 'Still untested (technical debt)', filter: 'untested' },
  { key: 'promoted-without-tests', label: 'New endpoints promoted without tests (this should not happen)', filter: 'promoted-without-tests' },
];

const COLOURS = {
  'previously-tested': '#4c9a2a',
  'old-covered-by-new': '#96d35f',
  'promoted-with-tests': '#2f78c4',
  'still-untested': '#e0a030',
  'promoted-without-tests': '#d1342f',
};

/**
 * One release's stack from its conformance-progress row: tested counts all eligible endpoints tested by the release,
 * new_tested the new ones tested, old_tested the old ones first tested in it; what is left of the total is untested.
 */
export function stack(total) {
  const previouslyTested = total.tested - total.new_tested - total.old_tested;
  const promotedWithout = total.new - total.new_tested;
  return {
    'previously-tested': previouslyTested,
    'old-covered-by-new': total.old_tested,
    'promoted-with-tests': total.new_tested,
    'still-untested': total.endpoints - previouslyTested - total.old_tested - total.new_tested - promotedWithout,
    'promoted-without-tests': promotedWithout,
  };
}

export async function showProgress() {
  const main = document.getElementById('page');
  document.title = 'snoop: conformance progress';
  const rows = await getJson('/api/progress');
  const query = new URLSearchParams(location.search);
  let asPercent = query.get('view') === 'percent';
  const chart = h('div', { class: 'chart', id: 'progress-chart' });
  const toggle = h('button', { type: 'button', id: 'progress-toggle' });
  toggle.addEventListener('click', () => {
    asPercent = !asPercent;
    const q = new URLSearchParams(location.search);
    if (asPercent) q.set('view', 'percent');
    else q.delete('view');
    history.replaceState(null, '', location.pathname + (q.toString() ? `?${q}` : ''));
    draw();
  });
  show(main,
    h('h1', {}, 'Conformance progress'),
    h('p', {}, 'Stable endpoints eligible for conformance, per release, by how conformance tests came to cover them. ',
      h('a', { href: '/conformance-progress/ineligible-endpoints' }, 'Ineligible endpoints'), ' · ',
      h('a', { href: '/conformance-progress/pending-endpoints' }, 'Pending endpoints')),
    h('div', { class: 'controls' }, toggle),
    h('div', { class: 'legend' }, SEGMENTS.map((s) => h('span', { class: `swatch-${s.key}` }, s.label))),
    chart);

  function draw() {
    toggle.textContent = asPercent ? 'Show numbers' : 'Show percent';
    try {
      chart.replaceChildren(bars(rows, asPercent));
    } catch (e) {
      chart.replaceChildren(errorMessage(e));
    }
  }
  draw();
}

function bars(rows, asPercent) {
  if (rows.length === 0) return h('p', { class: 'muted' }, 'No release has conformance progress yet: load specs, conformance lists and audit logs.');
  const data = rows.map((r) => ({ release: r.release, total: r.total.endpoints, parts: stack(r.total) }));
  const margin = { top: 10, right: 20, bottom: 60, left: 60 };
  const width = Math.max(480, 46 * data.length) + margin.left + margin.right;
  const height = 420;
  const x = d3.scaleBand().domain(data.map((d) => d.release)).range([margin.left, width - margin.right]).padding(0.2);
  const max = asPercent ? 100 : d3.max(data, (d) => d.total) || 1;
  const y = d3.scaleLinear().domain([0, max]).nice().range([height - margin.bottom, margin.top]);
  const svg = d3.create('svg').attr('width', width).attr('height', height).attr('viewBox', [0, 0, width, height]);

  const bar = svg.append('g').selectAll('g').data(data).join('g')
    .attr('class', 'bar')
    .attr('data-release', (d) => d.release);
  bar.each(function (d) {
    let base = 0;
    for (const s of SEGMENTS) {
      const value = d.parts[s.key];
      const shown = asPercent ? (d.total ? (100 * value) / d.total : 0) : value;
      const link = d3.select(this).append('a')
        .attr('href', `/conformance-progress/endpoints/${encodeURIComponent(d.release)}?filter=${s.filter}`)
        .attr('data-segment', s.key);
      link.append('rect')
        .attr('x', x(d.release))
        .attr('width', x.bandwidth())
        .attr('y', y(base + shown))
        .attr('height', Math.max(0, y(base) - y(base + shown)))
        .attr('fill', COLOURS[s.key])
        .append('title').text(`${d.release}: ${s.label}: ${value}${asPercent ? ` (${shown.toFixed(1)}%)` : ''}`);
      base += shown;
    }
  });
  svg.append('g').attr('transform', `translate(0,${height - margin.bottom})`).call(d3.axisBottom(x))
    .selectAll('text').attr('transform', 'rotate(-40)').attr('text-anchor', 'end');
  svg.append('g').attr('class', 'y-axis').attr('transform', `translate(${margin.left},0)`).call(d3.axisLeft(y).ticks(8).tickFormat((v) => (asPercent ? `${v}%` : v)));
  return svg.node();
}

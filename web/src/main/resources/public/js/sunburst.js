// The zoomable sunburst: root → level → category → endpoint, one leaf per endpoint. It draws and zooms; the
// page (coverage.js) owns the state and the URL.
import { categoryColour, endpointColour, levelColours } from './colours.js';

const d3 = globalThis.d3;
const LEVEL_ORDER = ['stable', 'beta', 'alpha'];
const RINGS = 3; // level, category and endpoint rings around the centre
const SIZE = 640;

/** The hierarchy of the endpoints: levels in APISnoop's order, categories by name, untested endpoints first. */
export function hierarchy(endpoints) {
  const byLevel = d3.group(endpoints, (e) => e.level, (e) => e.category);
  const levels = [...byLevel.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const data = {
    name: 'all',
    children: levels.map((level) => ({
      name: level,
      level,
      children: [...byLevel.get(level).keys()].sort().map((category) => ({
        name: category,
        level,
        category,
        children: byLevel.get(level).get(category)
          .slice()
          .sort((a, b) => a.tested - b.tested || a.conf_tested - b.conf_tested || a.endpoint.localeCompare(b.endpoint))
          .map((e) => ({ name: e.endpoint, endpoint: e })),
      })),
    })),
  };
  return d3.hierarchy(data).count();
}

function rank(level) {
  const i = LEVEL_ORDER.indexOf(level);
  return i < 0 ? LEVEL_ORDER.length : i;
}

function colour(node) {
  if (node.depth === 1) return levelColours[node.data.level] || '#999';
  if (node.depth === 2) return categoryColour(node.data.category);
  return endpointColour(node.data.endpoint);
}

/**
 * Draws the sunburst into container. onHover(node|null) is called as the pointer moves over arcs; onClick(node)
 * when an arc is clicked, onCentre() when the centre is. Returns {zoom(focus, selected, animate)}.
 */
export function drawSunburst(container, root, { onHover, onClick, onCentre }) {
  const radius = SIZE / 2 / (RINGS + 1);
  d3.partition().size([2 * Math.PI, root.height + 1])(root);
  root.each((d) => (d.current = { x0: d.x0, x1: d.x1, y0: d.y0, y1: d.y1 }));

  const arc = d3.arc()
    .startAngle((d) => d.x0)
    .endAngle((d) => d.x1)
    .padAngle((d) => Math.min((d.x1 - d.x0) / 2, 0.002))
    .padRadius(radius * 1.5)
    .innerRadius((d) => d.y0 * radius)
    .outerRadius((d) => Math.max(d.y0 * radius, d.y1 * radius - 1));

  const svg = d3.create('svg')
    .attr('viewBox', [-SIZE / 2, -SIZE / 2, SIZE, SIZE])
    .attr('width', SIZE)
    .attr('height', SIZE)
    .attr('role', 'img')
    .attr('aria-label', 'Endpoints by level and category; colour shows whether tests hit them');

  const path = svg.append('g')
    .selectAll('path')
    .data(root.descendants().slice(1))
    .join('path')
    .attr('fill', colour)
    .attr('data-level', (d) => (d.depth <= 2 ? d.data.level : null))
    .attr('data-category', (d) => (d.depth === 2 ? d.data.category : null))
    .attr('data-endpoint', (d) => (d.depth === 3 ? d.data.endpoint.endpoint : null))
    .attr('d', (d) => (visible(d.current) ? arc(d.current) : null))
    .attr('fill-opacity', (d) => (visible(d.current) ? 1 : 0))
    .attr('pointer-events', (d) => (visible(d.current) ? 'auto' : 'none'))
    .on('mouseenter', (event, d) => onHover(d))
    .on('mouseleave', () => onHover(null))
    .on('click', (event, d) => onClick(d));
  path.append('title').text((d) => d.ancestors().reverse().slice(1).map((a) => a.data.name).join(' › '));

  const centre = svg.append('circle')
    .attr('class', 'center')
    .attr('r', radius)
    .on('click', () => onCentre());
  const label = svg.append('text')
    .attr('text-anchor', 'middle')
    .attr('dy', '0.35em')
    .attr('font-weight', 600);

  container.replaceChildren(svg.node());

  function visible(d) {
    return d.y1 <= RINGS + 1 && d.y0 >= 1 && d.x1 > d.x0;
  }

  function zoom(focus, selected, animate) {
    root.each((d) => {
      d.target = {
        x0: Math.max(0, Math.min(1, (d.x0 - focus.x0) / (focus.x1 - focus.x0))) * 2 * Math.PI,
        x1: Math.max(0, Math.min(1, (d.x1 - focus.x0) / (focus.x1 - focus.x0))) * 2 * Math.PI,
        y0: Math.max(0, d.y0 - focus.depth),
        y1: Math.max(0, d.y1 - focus.depth),
      };
    });
    path.classed('selected', (d) => d === selected);
    centre.attr('fill', focus.depth === 0 ? 'transparent' : colour(focus)).attr('fill-opacity', 0.15);
    label.text(focus.depth === 0 ? 'all' : focus.data.name);
    const transition = svg.transition().duration(animate ? 600 : 0);
    path.transition(transition)
      .tween('data', (d) => {
        const i = d3.interpolate(d.current, d.target);
        return (t) => (d.current = i(t));
      })
      .filter(function (d) {
        return +this.getAttribute('fill-opacity') || visible(d.target);
      })
      .attr('fill-opacity', (d) => (visible(d.target) ? 1 : 0))
      .attr('pointer-events', (d) => (visible(d.target) ? 'auto' : 'none'))
      .attrTween('d', (d) => () => arc(d.current));
    return transition.end().catch(() => {});
  }

  return { zoom };
}

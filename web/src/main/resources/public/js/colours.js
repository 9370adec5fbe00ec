// The sunburst's colours, APISnoop's rule: a level's colour on its ring; a category's own colour on its ring; an
// endpoint grey when untested, its category's colour at 0.75 alpha when tested, the full colour when
// conformance-tested.
const d3 = globalThis.d3;

export const levelColours = {
  alpha: 'rgb(230, 25, 75)',
  beta: 'rgb(0, 130, 200)',
  stable: 'rgb(60, 180, 75)',
};

export const untestedColour = 'rgb(244, 244, 244)';

// Enough distinct colours for Kubernetes' few dozen categories; a category keeps its colour in every release and
// level because it is picked from its name.
const palette = [...d3.schemeTableau10, ...d3.schemeDark2, ...d3.schemeSet1.slice(0, 8)];

export function categoryColour(category) {
  let hash = 0;
  for (const c of category) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return palette[hash % palette.length];
}

export function endpointColour(endpoint) {
  if (!endpoint.tested && !endpoint.conf_tested) return untestedColour;
  const colour = d3.color(categoryColour(endpoint.category));
  if (!endpoint.conf_tested) colour.opacity = 0.75;
  return colour.formatRgb();
}

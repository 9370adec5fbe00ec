// /endpoint/{release}/{operationId}: one endpoint on its own page.
import { getJson, h, show } from './api.js';
import { endpointDetail } from './endpoint-detail.js';

export async function showEndpointPage(release, operationId) {
  const main = document.getElementById('page');
  const e = await getJson(`/api/releases/${encodeURIComponent(release)}/endpoints/${encodeURIComponent(operationId)}`);
  document.title = `snoop: ${operationId}`;
  const sunburst = `/${encodeURIComponent(release)}/${encodeURIComponent(e.level)}/${encodeURIComponent(e.category)}/${encodeURIComponent(e.endpoint)}`;
  show(main,
    h('h1', {}, h('code', {}, e.endpoint)),
    h('p', {}, `${(e.method || '').toUpperCase()} `, h('code', {}, e.path), ` in Kubernetes ${release} · `, h('a', { href: sunburst }, 'in the sunburst')),
    endpointDetail(release, e));
}

// The one script of every page: it reads the path and shows the page for it (the server answers every page
// route with the same shell).
import { errorMessage, show } from './api.js';
import { startSearch } from './search.js';

const pages = [
  [/^\/endpoint\/([^/]+)\/([^/]+)\/?$/, (m) => import('./endpoint-page.js').then((p) => p.showEndpointPage(decode(m[1]), decode(m[2])))],
  [/^\/conformance-progress\/?$/, () => import('./progress.js').then((p) => p.showProgress())],
  [/^\/conformance-progress\/endpoints(?:\/([^/]+))?\/?$/, (m) => import('./lists.js').then((p) => p.showConformanceEndpoints(m[1] ? decode(m[1]) : null))],
  [/^\/conformance-progress\/ineligible-endpoints\/?$/, () => import('./lists.js').then((p) => p.showIneligible())],
  [/^\/conformance-progress\/pending-endpoints\/?$/, () => import('./lists.js').then((p) => p.showPending())],
  [/^\/gate(?:\/([^/]+))?\/?$/, (m) => import('./gate.js').then((p) => p.showGate(m[1] ? decode(m[1]) : 'latest'))],
  [/^\/diff\/([^/]+)\/?$/, (m) => import('./diff.js').then((p) => p.showDiff(decode(m[1])))],
  [/^\/sigs\/([^/]+)\/?$/, (m) => import('./diff.js').then((p) => p.showSigs(decode(m[1])))],
  [/^\/verifications\/?$/, () => import('./verifications.js').then((p) => p.showVerifications())],
  [/^\/live\/?$/, () => import('./live.js').then((p) => p.showLive())],
  [/^\/jobs\/?$/, () => import('./jobs.js').then((p) => p.showJobs())],
  [/^\/jobs\/([^/]+)\/?$/, (m) => import('./jobs.js').then((p) => p.showJobHistory(decode(m[1])))],
  [/^\/jobs\/([^/]+)\/([^/]+)\/?$/, (m) => import('./jobs.js').then((p) => p.showBuild(decode(m[1]), decode(m[2])))],
  [/^\/.*$/, () => import('./coverage.js').then((p) => p.showCoverage())],
];

function decode(part) {
  return decodeURIComponent(part);
}

async function route() {
  const main = document.getElementById('page');
  try {
    for (const [pattern, page] of pages) {
      const match = pattern.exec(location.pathname);
      if (match) {
        await page(match);
        return;
      }
    }
  } catch (e) {
    show(main, errorMessage(e));
  }
}

startSearch();
route();

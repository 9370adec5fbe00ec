// /verifications: each checked submission or pull request with its checks, labels and comment.
import { getJson, h, show } from './api.js';

function field(object, snake) {
  if (object[snake] !== undefined) return object[snake];
  return object[snake.replace(/_([a-z])/g, (m, c) => c.toUpperCase())];
}

export async function showVerifications() {
  const main = document.getElementById('page');
  document.title = 'snoop: verifications';
  const verifications = await getJson('/api/verifications');
  show(main,
    h('h1', {}, 'Verifications'),
    h('p', {}, 'Certification submissions and pull requests checked as the CNCF bot checks them (snoop verify-submission, verify-pr, bot).'),
    verifications.length === 0
      ? h('p', { class: 'muted', id: 'no-verifications' }, 'None stored yet: run snoop verify-submission --record, verify-pr --record or bot.')
      : verifications.map(card));
}

function card(v) {
  const title = field(v, 'title') || field(v, 'submission') || field(v, 'pr') || 'verification';
  const checks = v.checks || [];
  const labels = v.labels || [];
  const comment = v.comment || '';
  const known = new Set(['title', 'checks', 'labels', 'comment']);
  const facts = Object.entries(v).filter(([k, value]) => !known.has(k) && (value === null || typeof value !== 'object'));
  return h('section', { class: 'card verification', 'data-verdict': v.verdict || '' },
    h('h2', {}, String(title)),
    h('dl', { class: 'detail' }, facts.map(([k, value]) => [h('dt', {}, k.replaceAll('_', ' ')), h('dd', {}, value === null ? '' : String(value))])),
    labels.length ? h('p', {}, 'Labels: ', labels.map((l) => [h('span', { class: 'badge' }, typeof l === 'string' ? l : JSON.stringify(l)), ' '])) : null,
    checks.length
      ? h('table', { class: 'checks' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Check'), h('th', {}, 'Status'), h('th', {}, 'Findings'))),
          h('tbody', {}, checks.map((c) => h('tr', { 'data-status': c.status || '' },
            h('td', {}, c.name || c.id || '', c.origin ? h('span', { class: 'muted' }, ` (${c.origin})`) : ''),
            h('td', { class: c.status === 'pass' ? 'yes' : c.status === 'fail' ? 'no' : '' }, c.status || ''),
            h('td', {}, (c.findings || []).map((f) => h('div', {}, f.file ? h('code', {}, f.file) : '', f.file ? ': ' : '', f.message || '')))))))
      : null,
    comment ? [h('h3', {}, 'Comment'), h('pre', { class: 'comment' }, comment)] : null);
}

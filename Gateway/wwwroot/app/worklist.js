// The home page: the worklist from the index (GET /worklist), in triage order by default (applicable positive findings
// first, most probable first) or newest first, filtered by status, applicability, model decision, review and arrival
// date. It refreshes itself every few seconds, backing off exponentially while the server cannot answer. Each row
// carries the patient and study identity (with a marker when they are de-identification's pseudonyms), the status and
// the finding, a link to the study and one to the viewer.
import { getJson } from './api.js';
import { dateTime, el, number } from './format.js';
import { renderIdentityBanner } from './identity-banner.js';
import { showMessage } from './messages.js';
import { identityFromWorklistItem } from './worklist-identity.js';

const refreshMs = 5000;
const maxBackoffMs = 60000;
const pageSize = 50;

export function setUpWorklist() {
  const form = document.getElementById('worklist-filters');
  const rows = document.getElementById('worklist-rows');
  const empty = document.getElementById('worklist-empty');
  const message = document.getElementById('worklist-message');
  const more = document.getElementById('worklist-more');
  const updated = document.getElementById('worklist-updated');
  const items = new Map();
  let timer = 0;
  let delay = refreshMs;
  let openId = null;
  let generation = 0;

  function query() {
    const data = new FormData(form);
    const params = new URLSearchParams({ sort: data.get('sort') || 'priority', limit: String(pageSize) });
    for (const name of ['status', 'applicability', 'decision', 'review']) {
      if (data.get(name)) params.set(name, data.get(name));
    }
    // Dates are the reader's local days: from the start of "from" to the end of "to".
    if (data.get('from')) params.set('from', new Date(`${data.get('from')}T00:00`).toISOString());
    if (data.get('to')) {
      const end = new Date(`${data.get('to')}T00:00`);
      end.setDate(end.getDate() + 1);
      params.set('to', end.toISOString());
    }
    return params;
  }

  async function refresh() {
    clearTimeout(timer);
    const mine = ++generation;
    try {
      const { body } = await getJson(`/worklist?${query()}`);
      if (mine !== generation) return;
      items.clear();
      for (const item of body.items) items.set(item.id, item);
      rows.replaceChildren(...body.items.map((item) => row(item, item.id === openId)));
      rows.dataset.sort = query().get('sort');
      empty.hidden = body.items.length > 0;
      more.hidden = body.nextOffset === null || body.nextOffset === undefined;
      showMessage(message, null);
      updated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
      delay = refreshMs;
    } catch (error) {
      if (mine !== generation) return;
      showMessage(message, error, { prefix: 'The worklist could not be updated. ' });
      delay = Math.min(maxBackoffMs, delay * 2);
      if (error.status === 401) return;
    }
    timer = setTimeout(tick, delay);
  }

  // A hidden tab does not poll; it refreshes when shown again.
  function tick() {
    if (document.hidden) timer = setTimeout(tick, delay);
    else refresh();
  }

  function markOpen(id) {
    openId = id;
    for (const tr of rows.querySelectorAll('tr[data-id]')) {
      if (tr.dataset.id === id) tr.setAttribute('aria-current', 'true');
      else tr.removeAttribute('aria-current');
    }
  }

  form.addEventListener('change', refresh);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    refresh();
  });
  form.addEventListener('reset', () => setTimeout(refresh));
  document.getElementById('worklist-refresh').addEventListener('click', refresh);
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) refresh();
  });
  return { refresh, markOpen, item: (id) => items.get(id) ?? null };
}

function statusBadge(item) {
  const text = { queued: 'Queued', processing: 'Processing', completed: 'Completed', failed: 'Failed' }[item.status] ?? item.status;
  return el('span', { class: `badge status-${item.status}`, title: item.failureReason ?? null }, text);
}

function findingBadge(item) {
  if (item.applicability === 'not-applicable') {
    return el('span', { class: 'badge finding-not-applicable', title: 'The model does not apply to this study' }, 'Model not applicable');
  }
  if (item.probability === null || item.probability === undefined) return el('span', { class: 'muted' }, '—');
  const percent = `${number(item.probability * 100, 1)} %`;
  return item.positive
    ? el('span', { class: 'badge finding-positive', title: 'Model output above its threshold' }, `Suspected haemorrhage · ${percent}`)
    : el('span', { class: 'badge finding-negative', title: 'Model output below its threshold' }, `Below threshold · ${percent}`);
}

function row(item, open) {
  const identity = el('div', { class: 'worklist-identity' });
  renderIdentityBanner(identity, identityFromWorklistItem(item));
  const open_ = el('a', { href: `#/studies/${item.id}`, class: 'button worklist-open', 'data-id': item.id }, 'Open study');
  const viewer = item.studyInstanceUid
    ? el('a', { href: `/viewer.html?id=${encodeURIComponent(item.id)}&study=${encodeURIComponent(item.studyInstanceUid)}`, class: 'worklist-viewer' }, 'Open viewer')
    : null;
  const tr = el('tr', {
    'data-id': item.id, 'data-status': item.status, 'data-priority': item.priority ? 'true' : 'false',
    'data-deidentified': item.deidentified ? 'true' : 'false', 'aria-current': open ? 'true' : null,
  },
  el('td', { class: 'worklist-finding' }, findingBadge(item)),
  el('td', {}, identity),
  el('td', {}, statusBadge(item)),
  el('td', {}, item.reviewDecision
    ? el('span', { class: `badge review-${item.reviewDecision}` }, item.reviewDecision)
    : el('span', { class: 'muted' }, 'unreviewed')),
  el('td', { class: 'worklist-received' }, dateTime(item.receivedAt)),
  el('td', { class: 'worklist-actions' }, open_, viewer));
  // The whole row opens the study; the links inside keep their own targets.
  tr.addEventListener('click', (event) => {
    if (!event.target.closest('a, button')) location.hash = `#/studies/${item.id}`;
  });
  return tr;
}

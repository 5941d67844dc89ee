// The list of recent studies from the index (GET /worklist?sort=time&limit=20), newest first, each a link to its
// result view; a finding above the model's threshold is marked, so a suspicious study stands out while it waits.
import { getJson } from './api.js';
import { dateTime, el } from './format.js';

const refreshWhileBusyMs = 5000;

export function setUpStudyList() {
  const list = document.getElementById('recent-list');
  const message = document.getElementById('recent-message');
  let timer = 0;
  let openId = null;

  async function refresh() {
    clearTimeout(timer);
    try {
      const { body } = await getJson('/worklist?sort=time&limit=20');
      list.replaceChildren(...body.items.map((study) => item(study, study.id === openId)));
      message.textContent = body.items.length ? '' : 'No studies yet.';
      if (body.items.some((study) => study.status === 'queued' || study.status === 'processing')) {
        timer = setTimeout(refresh, refreshWhileBusyMs);
      }
    } catch (error) {
      message.textContent = `The list could not be loaded: ${error.message}`;
    }
  }

  function markOpen(id) {
    openId = id;
    for (const link of list.querySelectorAll('a[data-id]')) {
      if (link.dataset.id === id) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  }

  document.getElementById('recent-refresh').addEventListener('click', refresh);
  return { refresh, markOpen };
}

function item(study, open) {
  const status = study.status ?? 'unknown';
  return el('li', {},
    el('a', { href: `#/studies/${study.id}`, 'data-id': study.id, 'aria-current': open ? 'page' : null },
      el('span', { class: 'recent-when' }, dateTime(study.receivedAt)),
      el('span', { class: `badge status-${status}` }, status),
      study.positive ? el('span', { class: 'recent-finding', title: 'Model output above its threshold' }, 'finding') : null,
      el('span', { class: 'recent-meta' }, `${study.fileCount} file${study.fileCount === 1 ? '' : 's'} · ${study.id.slice(0, 8)}…`)));
}

// The list of recent studies (GET /results?limit=20), newest first, each a link to its result view.
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
      const { body } = await getJson('/results?limit=20');
      list.replaceChildren(...body.studies.map((study) => item(study, study.id === openId)));
      message.textContent = body.studies.length ? '' : 'No studies yet.';
      if (body.studies.some((study) => study.status === 'queued' || study.status === 'processing')) {
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
      el('span', { class: 'recent-when' }, dateTime(study.uploadedAt)),
      el('span', { class: `badge status-${status}` }, status),
      el('span', { class: 'recent-meta' }, `${study.fileCount} file${study.fileCount === 1 ? '' : 's'} · ${study.id.slice(0, 8)}…`)));
}

// One study: live status while it is processed, then the result view and the review, and deletion.
import { apiFetch, problemOf } from './api.js';
import { renderFinding } from './finding.js';
import { createProjections } from './projections.js';
import { createReview } from './review.js';
import { renderSeries } from './series.js';
import { createSliceViewer } from './slice-viewer.js';
import { pollResult } from './status-poller.js';
import { renderStatus } from './status-view.js';

export function createStudyView(onDeleted, onStatusChange) {
  const heading = document.getElementById('study-heading');
  const empty = document.getElementById('study-empty');
  const body = document.getElementById('study-body');
  const projections = createProjections(document.getElementById('projections'));
  const viewer = createSliceViewer(document.getElementById('slice-viewer'));
  const review = createReview(document.getElementById('review'), (doc, etag) => show(doc, etag));
  const dialog = document.getElementById('delete-dialog');
  let current = null;
  let stopPolling = () => {};

  function show(result, etag) {
    if (current?.id === result.id && current.status !== result.status) onStatusChange();
    current = result;
    body.hidden = false;
    empty.hidden = true;
    renderStatus(result);
    renderFinding(document.getElementById('finding'), result);
    renderSeries(document.getElementById('series'), result);
    projections.show(result);
    viewer.show(result);
    review.show(result, etag);
  }

  function close(message) {
    stopPolling();
    current = null;
    projections.clear();
    viewer.clear();
    body.hidden = true;
    empty.hidden = false;
    heading.textContent = 'No study open';
    empty.textContent = message ?? 'Upload a study or open one from the list of recent studies.';
  }

  function open(id) {
    stopPolling();
    if (current?.id !== id) {
      close('Loading…');
      heading.textContent = `Study ${id}`;
    }
    stopPolling = pollResult(id, show, (error) => {
      if (error.status === 404) close(`Study ${id} does not exist (it may have been deleted).`);
      else if (!current) empty.textContent = `The study could not be loaded: ${error.message}`;
    });
  }

  document.getElementById('delete-study').addEventListener('click', () => {
    if (!current) return;
    document.getElementById('delete-dialog-id').textContent = current.id;
    dialog.returnValue = '';
    dialog.showModal();
  });
  dialog.addEventListener('close', async () => {
    if (dialog.returnValue !== 'delete' || !current) return;
    const id = current.id;
    const response = await apiFetch(`/results/${id}`, { method: 'DELETE' });
    if (response.ok || response.status === 404) {
      close(`Study ${id} was deleted.`);
      onDeleted(id);
    } else {
      const problem = await problemOf(response);
      document.getElementById('status-text').textContent = `Not deleted: ${problem?.detail ?? response.status}`;
    }
  });

  return { open, close };
}

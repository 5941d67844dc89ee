// One study: live status while it is processed, then the result view and the review, and deletion.
import { apiFetch, problemOf } from './api.js';
import { renderFinding } from './finding.js';
import { renderIdentityBanner } from './identity-banner.js';
import { showMessage } from './messages.js';
import { createProjections } from './projections.js';
import { createReview } from './review.js';
import { renderSeries } from './series.js';
import { createSliceViewer } from './slice-viewer.js';
import { pollResult } from './status-poller.js';
import { renderStatus } from './status-view.js';
import { identityFromWorklistItem } from './worklist-identity.js';

/** itemOf(id): the study's worklist row when the worklist has it, for the identity banner. */
export function createStudyView(onDeleted, onStatusChange, itemOf = () => null) {
  const heading = document.getElementById('study-heading');
  const empty = document.getElementById('study-empty');
  const body = document.getElementById('study-body');
  const projections = createProjections(document.getElementById('projections'));
  const viewer = createSliceViewer(document.getElementById('slice-viewer'));
  const review = createReview(document.getElementById('review'), (doc, etag) => show(doc, etag));
  const dialog = document.getElementById('delete-dialog');
  const message = document.getElementById('study-message');
  const identity = document.getElementById('study-identity');
  let current = null;
  let stopPolling = () => {};

  function show(result, etag) {
    if (current?.id === result.id && current.status !== result.status) onStatusChange();
    current = result;
    body.hidden = false;
    empty.hidden = true;
    showMessage(message, null);
    showIdentity(result.id);
    renderStatus(result);
    renderFinding(document.getElementById('finding'), result);
    renderSeries(document.getElementById('series'), result);
    projections.show(result);
    viewer.show(result);
    review.show(result, etag);
  }

  function showIdentity(id) {
    const item = itemOf(id);
    if (item) renderIdentityBanner(identity, identityFromWorklistItem(item));
    else identity.replaceChildren();
  }

  function close(text) {
    stopPolling();
    current = null;
    identity.replaceChildren();
    showMessage(message, null);
    projections.clear();
    viewer.clear();
    body.hidden = true;
    empty.hidden = false;
    heading.textContent = 'No study open';
    empty.textContent = text ?? 'Upload a study or open one from the worklist.';
  }

  function open(id) {
    stopPolling();
    if (current?.id !== id) {
      close('Loading…');
      heading.textContent = `Study ${id}`;
    }
    stopPolling = pollResult(id, show, (error) => {
      if (error.status === 404) {
        close(`Study ${id} does not exist (it may have been deleted).`);
        return;
      }
      if (!current) empty.textContent = 'The study could not be loaded.';
      showMessage(message, error);
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
      showMessage(message, { status: response.status, problem: await problemOf(response) }, { prefix: 'The study was not deleted. ' });
    }
  });

  return { open, close };
}

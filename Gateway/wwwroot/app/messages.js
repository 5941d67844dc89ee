// Plain words for every failure a reader can meet, with the technical detail (status, problem details) one click away
// in a <details>. The server's own text is never the main message: it is written for developers and logs.
import { el } from './format.js';

const type = (problem) => (problem?.type ?? '').split('/').pop();

const byType = {
  'storage-unavailable': 'The image store is not reachable; uploads and images are paused. Try again in a minute.',
  'processor-unavailable': 'The analysis service is not reachable; results and images are paused. Try again in a minute.',
  'audit-unavailable': 'The audit trail cannot be written just now, so nothing can be shown. Try again in a minute.',
  'study-not-found': 'This study does not exist any more (it may have been deleted).',
  'not-dicom': 'None of the files is a DICOM image, so nothing was stored.',
  'payload-too-large': 'The upload is larger than the system accepts, so nothing was stored. Send fewer or smaller files.',
  'upload-timeout': 'The upload took too long and was stopped; nothing was stored. Try again on a faster connection.',
  'too-many-requests': 'Too many requests in a short time. Wait a minute and try again.',
  'idempotency-key-reused': 'This upload clashed with an earlier one. Choose the files again to start a new upload.',
  'precondition-failed': 'Someone else saved a review of this study in the meantime.',
  'not-completed': 'The study is not completed yet, so there are no images to show.',
  'attention-not-available': 'There is no attention map for this study.',
  'images-unavailable': 'The images of this study cannot be drawn.',
};

const byStatus = {
  0: 'The server cannot be reached. Check the network connection; the page keeps trying.',
  401: 'You are signed out. Sign in again with your API key or your organisation.',
  403: 'Your sign-in does not allow this. Ask an administrator for the reviewer role.',
  404: 'Not found: it may have been deleted.',
  408: 'The server gave up waiting. Try again.',
  413: 'The upload is larger than the system accepts, so nothing was stored.',
  429: 'Too many requests in a short time. Wait a minute and try again.',
  500: 'Something went wrong inside the system. Try again; if it keeps happening, tell your administrator.',
  502: 'A service behind the web server did not answer. Try again in a minute.',
  503: 'The system is partly unavailable just now. Try again in a minute.',
  504: 'A service behind the web server did not answer in time. Try again in a minute.',
};

/** The review refusal in words: why this study cannot take a decision, and what still can be saved. */
function reviewRefusal(problem) {
  if (problem.applicable === false) {
    return 'The model does not apply to this study, so there is no finding to agree or disagree with. You can still save a comment.';
  }
  if (problem.studyStatus === 'failed') {
    return 'This study failed, so there is no result to agree or disagree with. You can still save a comment.';
  }
  return 'The study is still being processed; a decision can be saved once it is completed. You can save a comment now.';
}

/** The main sentence for an ApiError-like value ({status, problem}). */
export function plainMessage(error) {
  const problem = error?.problem ?? null;
  const kind = type(problem);
  if (kind === 'review-not-allowed') return reviewRefusal(problem);
  if (kind === 'invalid-metadata') return 'The review was not saved: part of it is not accepted (see the detail).';
  if (kind === 'invalid-request') return 'The request was not accepted (see the detail).';
  if (byType[kind]) return byType[kind];
  const status = error?.status ?? 0;
  return byStatus[status] ?? (status >= 500 ? byStatus[500] : 'The request did not succeed.');
}

/** Why a study failed, in words; the processor's reason stays in the detail when it names an internal error. */
export function failureMessage(reason) {
  const text = reason ?? '';
  if (/storage was unavailable/i.test(text)) return byType['storage-unavailable'];
  if (!text || /Unexpected \w+\.|\(\w*Exception\)|\w+Exception/.test(text)) {
    return 'The study could not be processed because of an error inside the system. Upload it again; if it fails again, tell your administrator.';
  }
  return `The study could not be processed: ${text.replace(/^Attempt \d+ failed: /, '')}`;
}

/** The technical part: status and problem details, or any text, folded away. */
export function technicalDetail(error, extra) {
  const lines = [];
  if (error && 'status' in error) lines.push(`HTTP status: ${error.status || 'no answer'}`);
  if (error?.problem) lines.push(JSON.stringify(error.problem, null, 2));
  else if (error?.message) lines.push(error.message);
  if (extra) lines.push(extra);
  return el('details', { class: 'technical-detail' },
    el('summary', {}, 'Technical detail'),
    el('pre', {}, lines.join('\n')));
}

/** Fills a container with the plain message and its technical detail; clears it for null. */
export function showMessage(container, error, { prefix = '', tone = 'error' } = {}) {
  if (!error) {
    container.replaceChildren();
    container.hidden = true;
    return;
  }
  container.hidden = false;
  container.dataset.tone = tone;
  container.dataset.problem = type(error.problem) || String(error.status ?? '');
  container.replaceChildren(el('p', { class: 'message-text' }, prefix + plainMessage(error)), technicalDetail(error));
}

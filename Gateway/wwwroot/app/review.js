// The review form: comment and decision, saved with PUT /results/{id} guarded by If-Match. The reviewer is whoever
// the key or token belongs to (the server records it, GET /me names it here), not something typed here. A decision
// needs a completed study the model applies to: the server refuses it otherwise (409) and the form says so before
// anyone tries. A 412 (someone saved in between) shows both versions side by side and keeps what the user typed.
// Every saved change is listed in the history (who, when, decision, comment), kept by the server.
import { apiFetch, ApiError, getJson, problemOf } from './api.js';
import { dateTime, el } from './format.js';
import { plainMessage, showMessage } from './messages.js';

const decisions = [['agree', 'Agree'], ['disagree', 'Disagree'], ['uncertain', 'Uncertain'], ['', 'No decision']];

export function createReview(container, onSaved) {
  const comment = el('textarea', { id: 'review-comment', rows: '4', maxlength: '4000' });
  const radios = decisions.map(([value, text]) => {
    const input = el('input', { type: 'radio', name: 'review-decision', id: `review-decision-${value || 'none'}`, value });
    return { input, label: el('label', { class: 'inline' }, input, ` ${text}`) };
  });
  const save = el('button', { type: 'submit', id: 'review-save' }, 'Save review');
  const status = el('p', { id: 'review-status', role: 'status' });
  const refusal = el('div', { id: 'review-message', class: 'message', role: 'alert', hidden: true });
  const rule = el('p', { id: 'review-rule', class: 'review-rule', hidden: true });
  const signedAs = el('p', { id: 'review-as', class: 'muted' }, 'Saved under the name of your API key or sign-in.');
  const history = el('div', { id: 'review-history' });
  const conflict = el('div', { id: 'review-conflict', class: 'conflict', role: 'alert', hidden: true });
  const saved = el('div', { id: 'review-saved' });
  const form = el('form', { id: 'review-form', class: 'review-form' },
    el('div', { class: 'control' }, el('label', { for: 'review-comment' }, 'Comment'), comment),
    el('fieldset', { id: 'review-decisions' }, el('legend', {}, 'Decision on the model output'), rule, radios.map((r) => r.label)),
    signedAs,
    el('div', { class: 'buttons' }, save),
    status, refusal);
  container.replaceChildren(saved, form, conflict, history);

  let study = null;
  let etag = null;
  let dirty = false;

  const decision = () => radios.find((r) => r.input.checked)?.input.value ?? '';
  const fill = (metadata) => {
    comment.value = metadata?.comment ?? '';
    const value = metadata?.review?.decision ?? '';
    for (const r of radios) r.input.checked = r.input.value === value;
    dirty = false;
  };
  const body = () => ({
    comment: comment.value.trim() ? comment.value : null,
    review: decision() ? { decision: decision() } : null,
    tags: study.metadata?.tags ?? {},
  });

  form.addEventListener('input', () => { dirty = true; });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    put();
  });

  async function put() {
    save.disabled = true;
    status.textContent = 'Saving…';
    showMessage(refusal, null);
    try {
      const response = await apiFetch(`/results/${study.id}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', ...(etag ? { 'If-Match': etag } : {}) },
        body: JSON.stringify(body()),
      });
      if (response.ok) {
        const document = await response.json();
        conflict.hidden = true;
        dirty = false;
        onSaved(document, response.headers.get('ETag'));
        status.textContent = `Saved at ${new Date().toLocaleTimeString()}.`;
      } else if (response.status === 412) {
        await showConflict();
      } else {
        status.textContent = 'Not saved.';
        showMessage(refusal, new ApiError(response.status, await problemOf(response)));
      }
    } catch (error) {
      status.textContent = 'Not saved.';
      showMessage(refusal, error);
    } finally {
      save.disabled = false;
    }
  }

  async function showConflict() {
    const latest = await getJson(`/results/${study.id}`);
    study = latest.body;
    etag = latest.etag;
    renderSaved(study.metadata);
    const theirs = study.metadata ?? {};
    const yours = body();
    status.textContent = 'Not saved: someone else saved a review in the meantime.';
    conflict.replaceChildren(
      el('h4', {}, 'Conflict: this review was changed while you were writing'),
      el('div', { class: 'conflict-versions' },
        version('Their saved version', theirs.comment, theirs.review, 'review-conflict-theirs'),
        version('Your version (not saved yet)', yours.comment, yours.review, 'review-conflict-yours')),
      el('div', { class: 'buttons' },
        el('button', { type: 'button', id: 'review-keep-mine', onclick: put }, 'Save mine over theirs'),
        el('button', { type: 'button', id: 'review-take-theirs', onclick: () => { fill(theirs); conflict.hidden = true; status.textContent = 'Their version loaded.'; } }, 'Use theirs')));
    conflict.hidden = false;
  }

  function renderSaved(metadata) {
    const review = metadata?.review;
    saved.replaceChildren(metadata?.comment || review
      ? el('dl', { class: 'facts' },
        el('dt', {}, 'Saved comment'), el('dd', { id: 'saved-comment', class: 'saved-comment' }, metadata?.comment ?? '—'),
        el('dt', {}, 'Saved decision'), el('dd', { id: 'saved-decision' },
          review ? `${review.decision}${review.reviewer ? ` by ${review.reviewer}` : ''}, ${dateTime(review.reviewedAt)}` : '—'))
      : el('p', { class: 'muted' }, 'No review saved yet.'));
  }

  // The server's rule, mirrored: say why no decision can be given and keep the radios from offering one.
  function applyRule(document) {
    const why = decisionRefusal(document);
    rule.hidden = !why;
    rule.textContent = why ?? '';
    for (const r of radios) r.input.disabled = Boolean(why) && r.input.value !== '';
  }

  function renderHistory(entries) {
    history.replaceChildren(el('h4', {}, 'Review history'), entries.length
      ? el('table', { class: 'review-history' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'When'), el('th', { scope: 'col' }, 'Who'),
          el('th', { scope: 'col' }, 'Decision'), el('th', { scope: 'col' }, 'Comment'))),
        el('tbody', {}, [...entries].reverse().map((entry) => el('tr', { 'data-reviewer': entry.reviewer ?? '' },
          el('td', {}, dateTime(entry.savedAt)),
          el('td', { class: 'review-history-who' }, entry.reviewer ?? '—'),
          el('td', { class: 'review-history-decision' }, entry.decision ?? 'no decision'),
          el('td', { class: 'saved-comment' }, entry.comment ?? '')))))
      : el('p', { class: 'muted' }, 'Nothing saved yet.'));
  }

  async function showWho() {
    try {
      const { body: me } = await getJson('/me');
      signedAs.textContent = `Saved as ${me.name}: the name of your ${me.credential === 'organisation' ? 'organisation sign-in' : 'API key'}.`;
      signedAs.dataset.name = me.name;
    } catch {
      signedAs.textContent = 'Saved under the name of your API key or sign-in.';
    }
  }

  return {
    /** The document and ETag of the last GET or PUT; the form keeps unsaved typing. */
    show(document, documentEtag) {
      const other = study?.id !== document.id;
      study = document;
      etag = documentEtag;
      renderSaved(document.metadata);
      renderHistory(document.reviewHistory ?? []);
      applyRule(document);
      if (other) {
        showMessage(refusal, null);
        showWho();
      }
      if (other) {
        conflict.hidden = true;
        status.textContent = '';
      }
      if (other || !dirty) fill(document.metadata);
    },
  };
}

/** Why this study cannot take a decision (the server's 409 review-not-allowed, in words), or null. */
export function decisionRefusal(document) {
  if (document.status === 'failed' || document.applicability?.applicable === false) {
    return plainMessage(new ApiError(409, {
      type: 'https://headct.dev/problems/review-not-allowed',
      studyStatus: document.status,
      applicable: document.applicability?.applicable,
    }));
  }
  if (document.status !== 'completed') return plainMessage(new ApiError(409, { type: 'https://headct.dev/problems/review-not-allowed', studyStatus: document.status }));
  return null;
}

function version(title, comment, review, id) {
  return el('section', { id, class: 'conflict-version' },
    el('h5', {}, title),
    el('p', { class: 'saved-comment' }, comment || '(no comment)'),
    el('p', {}, review ? `Decision: ${review.decision}${review.reviewer ? ` by ${review.reviewer}` : ''}` : 'No decision'));
}

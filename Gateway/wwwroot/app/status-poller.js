// Polls GET /results/{id} until the study is completed or failed: every second at first, backing off while
// nothing changes, so a long queue does not cost a request a second per open tab.
import { getJson } from './api.js';

const firstDelayMs = 1000;
const maxDelayMs = 8000;
const backoff = 1.5;

export function isFinal(status) {
  return status === 'completed' || status === 'failed';
}

/** Calls onDocument(body, etag) for each new version; returns a function that stops polling. */
export function pollResult(id, onDocument, onError) {
  const abort = new AbortController();
  let delay = firstDelayMs;
  let lastEtag = null;
  let timer = 0;

  async function poll() {
    try {
      const { body, etag } = await getJson(`/results/${id}`, abort.signal);
      if (etag !== lastEtag) {
        lastEtag = etag;
        delay = firstDelayMs;
        onDocument(body, etag);
      } else {
        delay = Math.min(maxDelayMs, delay * backoff);
      }
      if (isFinal(body.status)) return;
    } catch (error) {
      if (abort.signal.aborted) return;
      onError(error);
      if (error.status === 404 || error.status === 401) return;
      delay = Math.min(maxDelayMs, delay * backoff);
    }
    if (!abort.signal.aborted) timer = setTimeout(poll, delay);
  }

  poll();
  return () => {
    abort.abort();
    clearTimeout(timer);
  };
}

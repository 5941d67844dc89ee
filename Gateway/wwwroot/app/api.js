// Every call to the gateway goes through here: it adds the credential (API key or organisation token), turns 401
// into the sign-in prompt and a network failure into an ApiError with status 0.
import { credentialHeaders, signInNeeded } from './auth.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || (status ? `The server answered ${status}.` : 'The server could not be reached.'));
    this.status = status;
    this.problem = problem;
  }
}

function withKey(headers) {
  const all = new Headers(headers);
  for (const [name, value] of Object.entries(credentialHeaders())) all.set(name, value);
  return all;
}

export async function apiFetch(path, init = {}) {
  let response;
  try {
    response = await fetch(path, { ...init, headers: withKey(init.headers) });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, null);
  }
  if (response.status === 401) signInNeeded();
  return response;
}

export async function problemOf(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** GET a JSON document: { body, etag }; throws ApiError with the problem details otherwise. */
export async function getJson(path, signal) {
  const response = await apiFetch(path, { signal, cache: 'no-store' });
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return { body: await response.json(), etag: response.headers.get('ETag') };
}

/**
 * An image as an object URL: an <img src> cannot send the API key. The caller revokes the URL when done.
 * 'default' cache mode lets the browser revalidate with the image's ETag (a 304 costs no pixels).
 */
export async function imageUrl(path, signal) {
  const response = await apiFetch(path, { signal, headers: { Accept: 'image/png' } });
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return URL.createObjectURL(await response.blob());
}

/** A random Idempotency-Key; crypto.randomUUID needs a secure context, a hospital intranet may not be one. */
function newIdempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * POST /upload as multipart/form-data with XMLHttpRequest, the one standard API that reports upload progress.
 * Resolves with the 202 body; rejects with ApiError.
 */
export function upload(files, onProgress, signal) {
  const form = new FormData();
  for (const { file, name } of files) form.append('files', file, name);
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/upload');
    request.responseType = 'json';
    for (const [name, value] of withKey({ 'Idempotency-Key': newIdempotencyKey() })) request.setRequestHeader(name, value);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    });
    request.addEventListener('load', () => {
      if (request.status === 202) {
        resolve(request.response);
        return;
      }
      if (request.status === 401) signInNeeded();
      reject(new ApiError(request.status, request.response));
    });
    request.addEventListener('error', () => reject(new ApiError(0, null)));
    request.addEventListener('abort', () => reject(new ApiError(0, { detail: 'The upload was cancelled.' })));
    signal?.addEventListener('abort', () => request.abort());
    request.send(form);
  });
}

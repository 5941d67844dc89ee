// Reads the study from our own DICOMweb (PS3.18): QIDO-RS for the identity and the series, WADO-RS metadata for
// the geometry, WADO-RS frames decoded to Explicit VR Little Endian for the pixels. Every call sends the tab's
// credential: the API key, or the organisation's access token.
import { credentialHeaders } from '../../Gateway/wwwroot/app/auth.js';

export class ViewerError extends Error {
  constructor(kind, status, detail) {
    super(detail);
    this.kind = kind;
    this.status = status;
  }
}

function kindOf(status) {
  if (status === 401 || status === 403) return 'permission';
  if (status === 404) return 'not-found';
  if (status === 503 || status === 502 || status === 504) return 'storage';
  return 'server';
}

export async function fetchOk(path, accept, signal) {
  const headers = new Headers({ Accept: accept, ...credentialHeaders() });
  let response;
  try {
    response = await fetch(path, { headers, signal, cache: 'no-store' });
  } catch (error) {
    throw new ViewerError('network', 0, `${path}: ${error.message}`);
  }
  if (!response.ok) {
    let detail = '';
    try {
      detail = await response.text();
    } catch {
      // the status says enough
    }
    throw new ViewerError(kindOf(response.status), response.status, `${path} answered ${response.status}. ${detail}`.trim());
  }
  return response;
}

export async function dicomJson(path, signal) {
  const response = await fetchOk(path, 'application/dicom+json', signal);
  if (response.status === 204) return [];
  return response.json();
}

export function value(item, tag, index = 0) {
  return item?.[tag]?.Value?.[index];
}

export function numbers(item, tag) {
  return (item?.[tag]?.Value ?? []).map(Number);
}

const frameAccept = 'multipart/related; type="application/octet-stream"; transfer-syntax=1.2.840.10008.1.2.1';

function find(bytes, pattern, from) {
  outer: for (let i = from; i <= bytes.length - pattern.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return i;
  }
  return -1;
}

/** The body of the first part of a multipart/related answer (RFC 2046 5.1.1). */
export function firstPart(buffer, contentType) {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1];
  const bytes = new Uint8Array(buffer);
  if (!boundary) return bytes;
  const encoder = new TextEncoder();
  const start = find(bytes, encoder.encode(`--${boundary}`), 0);
  const headersEnd = find(bytes, [13, 10, 13, 10], start) + 4;
  const end = find(bytes, encoder.encode(`\r\n--${boundary}`), headersEnd);
  return bytes.subarray(headersEnd, end < 0 ? bytes.length : end);
}

export async function frame(study, series, instance, signal) {
  const path = `/dicom-web/studies/${study}/series/${series}/instances/${instance}/frames/1`;
  const response = await fetchOk(path, frameAccept, signal);
  return firstPart(await response.arrayBuffer(), response.headers.get('Content-Type'));
}

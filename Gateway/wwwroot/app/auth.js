// Who the page speaks as: an API key (contracts §3; kept for this tab in sessionStorage, sent as X-Api-Key) or an
// organisation sign-in (an access token kept in this module's memory only, sent as a Bearer token; a reload signs in
// again, which the issuer's own session makes quick). Views register to reload what a 401 refused.
import { beginSignIn, finishSignIn, signInPending } from './oidc.js';

const storageKey = 'headct.apiKey';
const listeners = new Set();
let token = null; // { accessToken, name, expiresAt }
let expiryTimer = 0;

export function apiKey() {
  return sessionStorage.getItem(storageKey) ?? '';
}

/** The credential header of every call: the organisation token when signed in that way, else the key. */
export function credentialHeaders() {
  if (token && Date.now() < token.expiresAt) return { Authorization: `Bearer ${token.accessToken}` };
  const key = apiKey();
  return key ? { 'X-Api-Key': key } : {};
}

/** Calls back when the credential changes, so views reload what a 401 refused. */
export function onKeyChange(listener) {
  listeners.add(listener);
}

export function signInNeeded() {
  const banner = document.getElementById('sign-in-needed');
  if (!banner.hidden) return;
  banner.hidden = false;
  const organisation = document.getElementById('sign-in-organisation');
  (organisation.hidden ? document.getElementById('api-key') : organisation).focus();
}

function changed() {
  document.getElementById('sign-in-needed').hidden = true;
  showState();
  for (const listener of listeners) listener();
}

async function showState() {
  const state = document.getElementById('sign-in-state');
  if (token) state.textContent = `Signed in as ${token.name} (organisation).`;
  else state.textContent = apiKey() ? 'Key in use for this tab.' : 'No key set.';
}

function useToken(answer) {
  clearTimeout(expiryTimer);
  token = answer;
  if (token) {
    // A token past its lifetime is refused by the gateway; say so before the first 401.
    expiryTimer = setTimeout(() => {
      token = null;
      changed();
      signInNeeded();
    }, Math.max(0, token.expiresAt - Date.now()));
  }
}

/** Sets up both ways in; finishes an organisation sign-in when the page is the issuer's redirect back. */
export async function setUpSignIn(report) {
  const form = document.getElementById('sign-in');
  const input = document.getElementById('api-key');
  const organisation = document.getElementById('sign-in-organisation');
  const setKey = (key) => {
    useToken(null);
    if (key) sessionStorage.setItem(storageKey, key);
    else sessionStorage.removeItem(storageKey);
    input.value = '';
    changed();
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    setKey(input.value.trim());
  });
  document.getElementById('sign-out').addEventListener('click', () => setKey(''));
  showState();

  let config = null;
  try {
    const response = await fetch('/config/sign-in', { cache: 'no-store' });
    if (response.ok) config = (await response.json()).organisation;
  } catch {
    config = null;
  }
  if (config) {
    organisation.textContent = config.label;
    organisation.hidden = false;
    organisation.addEventListener('click', () => beginSignIn(config).catch(report));
  }
  if (signInPending()) {
    try {
      useToken(await finishSignIn(config));
      changed();
    } catch (error) {
      report(error);
    }
  }
}

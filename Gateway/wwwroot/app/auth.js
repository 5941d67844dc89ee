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
  if (!banner || !banner.hidden) return;
  banner.hidden = false;
  const organisation = document.getElementById('sign-in-organisation');
  (organisation.hidden ? document.getElementById('api-key') : organisation).focus();
}

function changed() {
  const banner = document.getElementById('sign-in-needed');
  if (banner) banner.hidden = true;
  showState();
  for (const listener of listeners) listener();
}

async function showState() {
  const state = document.getElementById('sign-in-state');
  if (!state) return;
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

  const config = await organisationConfig();
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

/** The organisation sign-in the gateway offers (GET /config/sign-in), or null. */
async function organisationConfig() {
  try {
    const response = await fetch('/config/sign-in', { cache: 'no-store' });
    return response.ok ? (await response.json()).organisation ?? null : null;
  } catch {
    return null;
  }
}

/**
 * For a page without the sign-in form (the viewer), opened by a link from the worklist: finishes the issuer's
 * redirect back; a tab with neither a key nor a token leaves for the organisation's sign-in, which comes back to
 * the same address. 'ready' when the page has a credential, 'leaving' when it is on its way to the issuer, 'none'.
 */
export async function signInForPage() {
  const config = await organisationConfig();
  if (signInPending()) {
    useToken(await finishSignIn(config));
    return 'ready';
  }
  if (apiKey() || token) return 'ready';
  if (!config) return 'none';
  await beginSignIn(config);
  return 'leaving';
}

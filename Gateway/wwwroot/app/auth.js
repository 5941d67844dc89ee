// The API key of contracts §3: kept for this browser tab only (sessionStorage), sent as X-Api-Key.
const storageKey = 'headct.apiKey';
const listeners = new Set();

export function apiKey() {
  return sessionStorage.getItem(storageKey) ?? '';
}

/** Calls back when the key changes, so views reload what a 401 refused. */
export function onKeyChange(listener) {
  listeners.add(listener);
}

export function signInNeeded() {
  const banner = document.getElementById('sign-in-needed');
  if (!banner.hidden) return;
  banner.hidden = false;
  document.getElementById('api-key').focus();
}

export function setUpSignIn() {
  const form = document.getElementById('sign-in');
  const input = document.getElementById('api-key');
  const state = document.getElementById('sign-in-state');
  const show = () => {
    state.textContent = apiKey() ? 'Key in use for this tab.' : 'No key set.';
  };
  const change = (key) => {
    if (key) sessionStorage.setItem(storageKey, key);
    else sessionStorage.removeItem(storageKey);
    input.value = '';
    document.getElementById('sign-in-needed').hidden = true;
    show();
    for (const listener of listeners) listener();
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    change(input.value.trim());
  });
  document.getElementById('sign-out').addEventListener('click', () => change(''));
  show();
}

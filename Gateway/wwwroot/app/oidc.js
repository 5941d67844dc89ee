// "Sign in with your organisation": OpenID Connect authorization code flow with PKCE (RFC 7636, S256) from the
// browser. The verifier, state and nonce wait in sessionStorage for the redirect back (they are worthless without
// the issuer's session); the tokens never touch storage. The code is exchanged through the gateway's relay
// (POST /config/sign-in/token) so the page keeps connect-src 'self'. The ID token comes straight from the issuer's
// token endpoint over the gateway's TLS connection, so its claims are read without checking its signature
// (OpenID Connect Core 1.0 §3.1.3.7, item 6); the access token is what the gateway validates, on every call.
const pendingKey = 'headct.oidc.pending';

export class SignInError extends Error {
  constructor(message, detail) {
    super(message);
    this.problem = detail ? { detail } : null;
    this.status = undefined;
  }
}

function base64Url(bytes) {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomText() {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

function redirectUri() {
  return `${location.origin}${location.pathname}`;
}

function claimsOf(jwt) {
  const payload = (jwt ?? '').split('.')[1] ?? '';
  const padded = payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

export function signInPending() {
  const query = new URLSearchParams(location.search);
  return query.has('state') && (query.has('code') || query.has('error'));
}

/** Leaves for the issuer's authorization endpoint; the page comes back to itself with ?code=&state=. */
export async function beginSignIn(config) {
  if (!crypto.subtle) {
    throw new SignInError('Signing in with your organisation needs the page to be opened over https.', 'crypto.subtle is only available in secure contexts.');
  }
  const verifier = randomText();
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  // The page's query and fragment come back with it (the viewer's ?id=…&study=…, the worklist's #/studies/…).
  const pending = { verifier, state: randomText(), nonce: randomText(), returnTo: `${location.search}${location.hash}` };
  sessionStorage.setItem(pendingKey, JSON.stringify(pending));
  const url = new URL(config.authorizationEndpoint);
  for (const [name, value] of Object.entries({
    response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri(), scope: config.scope,
    state: pending.state, nonce: pending.nonce, code_challenge: challenge, code_challenge_method: 'S256',
  })) url.searchParams.set(name, value);
  location.assign(url.toString());
}

/** Completes the redirect back: checks state, exchanges the code with the verifier, checks the nonce. */
export async function finishSignIn(config) {
  const query = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(pendingKey) ?? 'null');
  sessionStorage.removeItem(pendingKey);
  history.replaceState(null, '', `${location.pathname}${pending?.returnTo ?? ''}`);
  if (!pending || query.get('state') !== pending.state) {
    throw new SignInError('The sign-in answer does not belong to this tab. Sign in again.', 'state mismatch');
  }
  if (query.has('error')) {
    throw new SignInError('Your organisation did not sign you in. Try again, or use an API key.',
      `${query.get('error')}: ${query.get('error_description') ?? ''}`);
  }
  if (!config) throw new SignInError('Signing in with your organisation is not configured here.', 'GET /config/sign-in has no organisation');
  const response = await fetch('/config/sign-in/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: query.get('code'), codeVerifier: pending.verifier, redirectUri: redirectUri() }),
  });
  const answer = await response.json().catch(() => null);
  if (!response.ok || !answer?.access_token) {
    throw new SignInError('Your organisation did not sign you in. Try again, or use an API key.',
      `HTTP ${response.status}: ${JSON.stringify(answer)}`);
  }
  const claims = answer.id_token ? claimsOf(answer.id_token) : null;
  if (!claims || claims.nonce !== pending.nonce || claims.iss !== config.issuer ||
      !([].concat(claims.aud)).includes(config.clientId)) {
    throw new SignInError('The sign-in answer could not be verified. Sign in again.', 'ID token nonce, issuer or audience mismatch');
  }
  const lifetime = Number(answer.expires_in) > 0 ? Number(answer.expires_in) * 1000 : 5 * 60 * 1000;
  return {
    accessToken: answer.access_token,
    name: claims.name ?? claims.preferred_username ?? claims.sub,
    expiresAt: Date.now() + lifetime,
  };
}

// Plain words for what went wrong, the technical detail one click away.
const messages = {
  'not-found': 'This study was not found. It may have been deleted, or the link is wrong.',
  'not-processed': 'This study has not been processed yet. Try again in a minute.',
  storage: 'The image store is not answering right now. Try again shortly; if it persists, tell the system administrator.',
  permission: 'You are not allowed to see this study. Sign in on the worklist page with a key that may read studies.',
  network: 'The server could not be reached. Check the network connection.',
  'no-ct': 'This study holds no CT series the viewer can show.',
  webgl: 'This browser cannot draw the images (WebGL2 is not available).',
};

export function showFailure(container, error) {
  container.replaceChildren();
  container.hidden = false;
  const text = document.createElement('p');
  text.className = 'failure-message';
  text.textContent = messages[error?.kind] ?? 'Something went wrong while opening the study.';
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.textContent = 'Technical detail';
  const pre = document.createElement('pre');
  pre.textContent = `${error?.status ? `HTTP ${error.status}\n` : ''}${error?.message ?? String(error)}`;
  details.append(summary, pre);
  container.append(text, details);
}

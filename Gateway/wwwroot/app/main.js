// Wires the page: sign-in, upload, the worklist (the home page) and the study view; the open study lives in the URL
// (#/studies/{id}) so a reload or a shared link shows the same study, and #/ is the worklist.
import { onKeyChange, setUpSignIn } from './auth.js';
import { showMessage } from './messages.js';
import { createStudyView } from './study-view.js';
import { setUpUpload } from './upload.js';
import { setUpWorklist } from './worklist.js';

const studyRoute = /^#\/studies\/([0-9a-f]{32})$/;
const pageMessage = document.getElementById('page-message');

const worklist = setUpWorklist();
const view = createStudyView((id) => {
  document.getElementById('worklist-notice').textContent = `Study ${id} was deleted.`;
  location.hash = '#/';
  worklist.refresh();
}, () => worklist.refresh(), (id) => worklist.item(id));

function route() {
  const match = studyRoute.exec(location.hash);
  worklist.markOpen(match?.[1] ?? null);
  document.getElementById('worklist').hidden = Boolean(match);
  document.getElementById('study').hidden = !match;
  if (match) view.open(match[1]);
  else view.close();
}

setUpUpload((id) => {
  location.hash = `#/studies/${id}`;
  worklist.refresh();
});
onKeyChange(() => {
  showMessage(pageMessage, null);
  worklist.refresh();
  route();
});
window.addEventListener('hashchange', route);
setUpSignIn((error) => showMessage(pageMessage, error)).then(() => {
  route();
  worklist.refresh();
});

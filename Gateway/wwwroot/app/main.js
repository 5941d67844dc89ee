// Wires the page: sign-in, upload, recent studies and the study view; the open study lives in the URL
// (#/studies/{id}) so a reload or a shared link shows the same study.
import { onKeyChange, setUpSignIn } from './auth.js';
import { setUpStudyList } from './study-list.js';
import { createStudyView } from './study-view.js';
import { setUpUpload } from './upload.js';

const studyRoute = /^#\/studies\/([0-9a-f]{32})$/;

setUpSignIn();
const list = setUpStudyList();
const view = createStudyView(() => {
  history.replaceState(null, '', location.pathname);
  list.refresh();
}, () => list.refresh());

function route() {
  const match = studyRoute.exec(location.hash);
  list.markOpen(match?.[1] ?? null);
  if (match) view.open(match[1]);
  else view.close();
}

setUpUpload((id) => {
  location.hash = `#/studies/${id}`;
  list.refresh();
});
onKeyChange(() => {
  list.refresh();
  route();
});
window.addEventListener('hashchange', route);
route();
list.refresh();

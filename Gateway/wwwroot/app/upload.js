// The upload panel: drop zone and pickers, then a progress bar over the bytes sent.
import { upload } from './api.js';
import { droppedFiles, pickedFiles } from './dropped-files.js';
import { bytes } from './format.js';
import { showMessage } from './messages.js';

export function setUpUpload(onUploaded) {
  const zone = document.getElementById('drop-zone');
  const state = document.getElementById('upload-state');
  const progress = document.getElementById('upload-progress');
  const progressText = document.getElementById('upload-progress-text');
  const message = document.getElementById('upload-message');
  const failure = document.getElementById('upload-failure');
  let busy = false;

  async function send(files) {
    if (busy) return;
    if (files.length === 0) {
      state.hidden = false;
      message.textContent = 'Nothing to upload: no files were found.';
      return;
    }
    busy = true;
    zone.classList.add('busy');
    state.hidden = false;
    const total = files.reduce((sum, { file }) => sum + file.size, 0);
    progress.max = total || 1;
    progress.value = 0;
    progressText.textContent = `0 of ${bytes(total)} sent`;
    message.textContent = `Uploading ${files.length} file${files.length === 1 ? '' : 's'}…`;
    showMessage(failure, null);
    try {
      const accepted = await upload(files, (sent, size) => {
        // The multipart body is a little larger than the files; scale so the bar ends at the files' size.
        progress.value = Math.min(total, Math.round((sent / size) * total));
        progressText.textContent = `${bytes(progress.value)} of ${bytes(total)} sent`;
      });
      progress.value = progress.max;
      progressText.textContent = `${bytes(total)} of ${bytes(total)} sent`;
      const rejected = accepted.rejected?.length ?? 0;
      message.textContent = `Stored ${accepted.accepted.length} DICOM file${accepted.accepted.length === 1 ? '' : 's'}` +
        (rejected ? `; ${rejected} refused (${accepted.rejected.slice(0, 3).map((r) => `${r.file}: ${r.reason}`).join('; ')})` : '') + '.';
      onUploaded(accepted.id);
    } catch (error) {
      message.textContent = 'Upload failed.';
      showMessage(failure, error);
    } finally {
      busy = false;
      zone.classList.remove('busy');
    }
  }

  for (const id of ['file-input', 'folder-input']) {
    const input = document.getElementById(id);
    input.addEventListener('change', () => {
      const files = pickedFiles(input);
      input.value = '';
      send(files);
    });
  }
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', async (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    send(await droppedFiles(event.dataTransfer));
  });
  // A file dropped beside the zone would make the browser navigate away from the page.
  window.addEventListener('dragover', (event) => event.preventDefault());
  window.addEventListener('drop', (event) => event.preventDefault());
}

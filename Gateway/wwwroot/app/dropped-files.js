// Turns a drop into a flat list of files, walking dropped folders (FileSystemDirectoryEntry, the API behind
// webkitGetAsEntry that Chromium and Firefox both implement).

function fileOf(entry) {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

function readBatch(reader) {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

async function walk(entry, files) {
  if (entry.isFile) {
    files.push({ file: await fileOf(entry), name: entry.fullPath.replace(/^\//, '') });
    return;
  }
  const reader = entry.createReader();
  // readEntries answers in batches (about 100 in Chromium) until it returns an empty one.
  for (let batch = await readBatch(reader); batch.length > 0; batch = await readBatch(reader)) {
    for (const child of batch) await walk(child, files);
  }
}

/** The dropped files as [{ file, name }], name being the path inside any dropped folder. */
export async function droppedFiles(dataTransfer) {
  const entries = [];
  for (const item of dataTransfer.items ?? []) {
    const entry = item.kind === 'file' ? item.webkitGetAsEntry?.() : null;
    if (entry) entries.push(entry);
  }
  if (entries.length === 0) {
    return Array.from(dataTransfer.files, (file) => ({ file, name: file.name }));
  }
  const files = [];
  for (const entry of entries) await walk(entry, files);
  return files;
}

/** The files of an <input type=file>, with the folder path when a folder was chosen. */
export function pickedFiles(input) {
  return Array.from(input.files, (file) => ({ file, name: file.webkitRelativePath || file.name }));
}

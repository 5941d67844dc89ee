// Interoperability check run by DicomWebClientInteropTests: dicomweb-client (the DICOMweb client OHIF uses) against
// our /dicom-web. Stores one instance (STOW-RS), searches studies and series (QIDO-RS), retrieves the study's
// metadata and the first frame of every instance (WADO-RS, decoded: the client's default Accept), and prints one
// JSON line with what it saw: counts, and the SHA-256 of each frame's bytes keyed by SOP Instance UID.
// Usage: node check.mjs <service root> <api key> <study uid> <file to store>
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import XMLHttpRequest from 'xhr2';
import dicomweb from 'dicomweb-client';

globalThis.XMLHttpRequest = XMLHttpRequest;
const [url, apiKey, studyInstanceUID, fileToStore] = process.argv.slice(2);
const client = new dicomweb.api.DICOMwebClient({ url, headers: { 'X-Api-Key': apiKey } });

const file = readFileSync(fileToStore);
await client.storeInstances({ datasets: [file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength)] });

const studies = await client.searchForStudies({ queryParams: { StudyInstanceUID: studyInstanceUID } });
const series = await client.searchForSeries({ studyInstanceUID });
const seriesInstanceUID = series[0]['0020000E'].Value[0];
const metadata = await client.retrieveStudyMetadata({ studyInstanceUID });
const frames = {};
for (const instance of metadata) {
  const sopInstanceUID = instance['00080018'].Value[0];
  const [frame] = await client.retrieveInstanceFrames({ studyInstanceUID, seriesInstanceUID, sopInstanceUID, frameNumbers: [1] });
  frames[sopInstanceUID] = createHash('sha256').update(Buffer.from(frame)).digest('hex');
}

console.log(JSON.stringify({
  studies: studies.length,
  patientName: studies[0]?.['00100010']?.Value?.[0]?.Alphabetic ?? null,
  series: series.length,
  instances: metadata.length,
  pixelDataBulkDataUri: metadata.every((instance) => typeof instance['7FE00010']?.BulkDataURI === 'string'),
  frames,
}));

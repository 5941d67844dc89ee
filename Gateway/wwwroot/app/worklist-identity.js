// A worklist row's identity in the shape identity-banner.js renders: the row is rewritten as the QIDO-RS study it
// came from (PS3.18 JSON, the attributes the index keeps) and read by identityFromQido, so the worklist and the viewer
// format names, dates and ages the same way. The index knows when the name and id are de-identification's pseudonyms.
import { identityFromQido } from './identity-banner.js';

const value = (vr, ...values) => {
  const present = values.filter((v) => v !== null && v !== undefined && v !== '');
  return present.length ? { vr, Value: present } : { vr };
};

export function worklistItemAsQido(item) {
  return {
    '00080020': value('DA', item.studyDate),
    '00080030': value('TM', item.studyTime),
    '00080050': value('SH', item.accessionNumber),
    '00080061': value('CS', ...(item.modalities ?? [])),
    '00081030': value('LO', item.studyDescription),
    '00100010': item.patientName ? { vr: 'PN', Value: [{ Alphabetic: item.patientName }] } : { vr: 'PN' },
    '00100020': value('LO', item.patientId),
    '00100030': value('DA', item.patientBirthDate),
    '00100040': value('CS', item.patientSex),
    '00120062': value('CS', item.deidentified ? 'YES' : null),
    '0020000D': value('UI', item.studyInstanceUid),
  };
}

export function identityFromWorklistItem(item) {
  return { ...identityFromQido(worklistItemAsQido(item)), deidentified: Boolean(item.deidentified) };
}

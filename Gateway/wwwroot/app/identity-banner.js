// The patient and study identity shown above every image (issue #20): read from a QIDO-RS study (DICOM JSON,
// PS3.18 F.2) and written with textContent only, so a crafted name can never become markup.

const tags = {
  patientName: '00100010',
  patientId: '00100020',
  birthDate: '00100030',
  sex: '00100040',
  age: '00101010',
  identityRemoved: '00120062',
  studyDate: '00080020',
  studyTime: '00080030',
  accession: '00080050',
  modalities: '00080061',
  description: '00081030',
};

function values(study, tag) {
  const element = study?.[tag];
  return Array.isArray(element?.Value) ? element.Value : [];
}

function first(study, tag) {
  const value = values(study, tag)[0];
  return value === undefined || value === null ? '' : String(value).trim();
}

/** PS3.5 6.2 PN: family^given^middle^prefix^suffix; DICOM JSON gives the alphabetic group as { Alphabetic }. */
export function personName(value) {
  const alphabetic = typeof value === 'string' ? value : value?.Alphabetic ?? '';
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = alphabetic.split('^').map((part) => part.trim());
  const givenNames = [prefix, given, middle].filter(Boolean).join(' ');
  const name = [family, givenNames].filter(Boolean).join(', ');
  return suffix ? `${name} ${suffix}` : name;
}

/** DA is YYYYMMDD (the ACR-NEMA form YYYY.MM.DD still appears in old files). */
export function dicomDate(value) {
  const digits = String(value ?? '').replace(/\./g, '').trim();
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(digits);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : digits;
}

/** TM is HHMMSS.FFFFFF with every part after the hours optional. */
export function dicomTime(value) {
  const text = String(value ?? '').replace(/:/g, '').trim();
  const match = /^(\d{2})(\d{2})?(\d{2})?/.exec(text);
  if (!match) return text;
  return [match[1], match[2] ?? '00', match[3]].filter(Boolean).join(':');
}

const ageUnits = { D: 'days', W: 'weeks', M: 'months', Y: 'years' };

/** AS is nnnD/W/M/Y (PS3.5 6.2). */
function ageString(value) {
  const match = /^(\d{3})([DWMY])$/.exec(value);
  if (!match) return value;
  const count = Number(match[1]);
  return match[2] === 'Y' ? `${count} y` : `${count} ${ageUnits[match[2]]}`;
}

function ageFromDates(birthDate, studyDate) {
  const birth = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  const study = /^(\d{4})-(\d{2})-(\d{2})$/.exec(studyDate);
  if (!birth || !study) return '';
  const [, by, bm, bd] = birth.map(Number);
  const [, sy, sm, sd] = study.map(Number);
  let years = sy - by;
  if (sm < bm || (sm === bm && sd < bd)) years--;
  return years >= 0 ? `${years} y` : '';
}

const sexes = { M: 'Male', F: 'Female', O: 'Other' };

export function identityFromQido(studyJson) {
  const birthDate = dicomDate(first(studyJson, tags.birthDate));
  const studyDate = dicomDate(first(studyJson, tags.studyDate));
  const patientAge = first(studyJson, tags.age);
  const sex = first(studyJson, tags.sex).toUpperCase();
  return {
    patientName: personName(values(studyJson, tags.patientName)[0]),
    patientId: first(studyJson, tags.patientId),
    sex: sexes[sex] ?? sex,
    age: patientAge ? ageString(patientAge) : ageFromDates(birthDate, studyDate),
    birthDate,
    studyDate,
    studyTime: dicomTime(first(studyJson, tags.studyTime)),
    accession: first(studyJson, tags.accession),
    description: first(studyJson, tags.description),
    modalities: values(studyJson, tags.modalities).map(String).join(', '),
    deidentified: first(studyJson, tags.identityRemoved).toUpperCase() === 'YES',
  };
}

const fields = [
  ['patientName', 'Patient'],
  ['patientId', 'ID'],
  ['sex', 'Sex'],
  ['age', 'Age'],
  ['birthDate', 'Born'],
  ['studyDate', 'Study date'],
  ['studyTime', 'Time'],
  ['accession', 'Accession'],
  ['modalities', 'Modality'],
  ['description', 'Description'],
];

export function renderIdentityBanner(container, identity) {
  container.replaceChildren();
  container.classList.add('identity-banner');
  container.classList.toggle('identity-deidentified', Boolean(identity?.deidentified));
  const list = document.createElement('dl');
  list.className = 'identity-fields';
  for (const [key, label] of fields) {
    const item = document.createElement('div');
    item.className = `identity-field identity-${key}`;
    const term = document.createElement('dt');
    term.textContent = label;
    const value = document.createElement('dd');
    value.textContent = identity?.[key] || '—';
    item.append(term, value);
    list.append(item);
  }
  container.append(list);
  if (identity?.deidentified) {
    const marker = document.createElement('span');
    marker.className = 'identity-marker';
    marker.textContent = 'de-identified';
    marker.title = 'Patient Identity Removed (0012,0062) is YES: the names and identifiers shown are pseudonyms.';
    container.append(marker);
  }
}

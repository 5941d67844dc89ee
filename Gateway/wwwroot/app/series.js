// Which series was analysed and why, what the volume builder did, and the volume's geometry.
import { el, number, vector } from './format.js';

export function renderSeries(container, result) {
  const imaging = result.imaging;
  if (!imaging) {
    container.replaceChildren(el('p', { class: 'muted' }, 'Not known until the images are processed.'));
    return;
  }
  const decision = imaging.decision ?? {};
  const g = imaging.geometry;
  const report = imaging.report;
  container.replaceChildren(
    el('dl', { id: 'series-decision', class: 'facts' },
      el('dt', {}, 'Analysed series'), el('dd', {}, decision.seriesDescription || '(no description)'),
      el('dt', {}, 'Series UID'), el('dd', { class: 'mono' }, decision.seriesInstanceUid ?? '—'),
      el('dt', {}, 'Why this series'), el('dd', {}, decision.reason ?? '—'),
      decision.skipped?.length ? [el('dt', {}, 'Skipped'), el('dd', {}, el('ul', {}, decision.skipped.map((s) =>
        el('li', {}, `${s.seriesDescription || s.seriesInstanceUid} (${s.instanceCount} images): ${s.reason}`))))] : null,
      report ? [el('dt', {}, 'Volume'), el('dd', {}, volumeReport(report))] : null),
    g ? el('table', { id: 'geometry', class: 'geometry' },
      el('caption', {}, 'Volume geometry (LPS, mm)'),
      el('tbody', {},
        row('Size (x × y × z voxels)', `${g.sizeX} × ${g.sizeY} × ${g.sizeZ}`),
        row('Spacing (mm)', `${number(g.spacingX, 3)} × ${number(g.spacingY, 3)} × ${number(g.spacingZ, 3)}`),
        row('Origin (mm)', vector(g.origin, 1)),
        row('Row direction', vector(g.rowDirection)),
        row('Column direction', vector(g.columnDirection)),
        row('Slice direction', vector(g.sliceDirection)))) : null);
}

function row(label, value) {
  return el('tr', {}, el('th', { scope: 'row' }, label), el('td', {}, value));
}

function volumeReport(report) {
  const parts = [`${report.distinctSlices} slices from ${report.inputFrames} frames`];
  if (report.duplicates?.length) parts.push(`${report.duplicates.length} duplicates removed`);
  if (report.gaps?.length) parts.push(`${report.gaps.length} gaps`);
  if (report.irregularSpacing) parts.push('irregular spacing');
  if (report.tiltDegrees) parts.push(`gantry tilt ${number(report.tiltDegrees, 1)}°${report.tiltCorrected ? ' corrected' : ''}`);
  parts.push(report.resampled ? 'resampled' : 'used as acquired');
  return parts.join(', ');
}

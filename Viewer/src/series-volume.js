// The CT series as one volume in HU: instances sorted along the slice normal (PS3.3 C.7.6.2.1.1), pixels
// rescaled with RescaleSlope/Intercept into an Int16Array, which Cornerstone shows as a local volume.
import { volumeLoader } from '@cornerstonejs/core';
import { dicomJson, frame, numbers, value } from './dicomweb.js';

const tag = {
  modality: '00080060',
  seriesUid: '0020000E',
  instances: '00201209',
  sopUid: '00080018',
  position: '00200032',
  orientation: '00200037',
  pixelSpacing: '00280030',
  rows: '00280010',
  columns: '00280011',
  bitsAllocated: '00280100',
  pixelRepresentation: '00280103',
  slope: '00281053',
  intercept: '00281052',
  frameOfReference: '00200052',
};

/** The processor's choice when the result names it, else the CT series with the most instances. */
export async function chooseSeries(study, preferred, signal) {
  const series = await dicomJson(`/dicom-web/studies/${study}/series`, signal);
  if (preferred && series.some((s) => value(s, tag.seriesUid) === preferred)) return preferred;
  const ct = series.filter((s) => value(s, tag.modality) === 'CT');
  ct.sort((a, b) => Number(value(b, tag.instances) ?? 0) - Number(value(a, tag.instances) ?? 0));
  return ct.length ? value(ct[0], tag.seriesUid) : null;
}

const cross = (a, b) => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const dot = (a, b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

export async function seriesGeometry(study, series, signal) {
  const metadata = await dicomJson(`/dicom-web/studies/${study}/series/${series}/metadata`, signal);
  const slices = metadata.filter((m) => numbers(m, tag.position).length === 3 && value(m, tag.rows));
  if (slices.length < 2) throw new Error('The series has fewer than two slices with a position: no volume can be built.');
  const orientation = numbers(slices[0], tag.orientation);
  const row = orientation.slice(0, 3);
  const column = orientation.slice(3, 6);
  const normal = cross(row, column);
  slices.sort((a, b) => dot(numbers(a, tag.position), normal) - dot(numbers(b, tag.position), normal));
  const first = numbers(slices[0], tag.position);
  const last = numbers(slices[slices.length - 1], tag.position);
  const [rowSpacing, columnSpacing] = numbers(slices[0], tag.pixelSpacing);
  const sliceSpacing = (dot(last, normal) - dot(first, normal)) / (slices.length - 1) || 1;
  return {
    slices,
    rows: Number(value(slices[0], tag.rows)),
    columns: Number(value(slices[0], tag.columns)),
    origin: first,
    direction: [...row, ...column, ...normal],
    spacing: [columnSpacing, rowSpacing, sliceSpacing],
    frameOfReference: value(slices[0], tag.frameOfReference) ?? '',
  };
}

function toHu(bytes, slice, target) {
  const bits = Number(value(slice, tag.bitsAllocated) ?? 16);
  const signed = Number(value(slice, tag.pixelRepresentation) ?? 0) === 1;
  const slope = Number(value(slice, tag.slope) ?? 1);
  const intercept = Number(value(slice, tag.intercept) ?? 0);
  const copy = bytes.slice().buffer;
  const raw = bits === 8 ? new Uint8Array(copy) : signed ? new Int16Array(copy, 0, bytes.length >> 1) : new Uint16Array(copy, 0, bytes.length >> 1);
  const count = Math.min(raw.length, target.length);
  for (let i = 0; i < count; i++) {
    const hu = raw[i] * slope + intercept;
    target[i] = hu < -32768 ? -32768 : hu > 32767 ? 32767 : hu;
  }
}

/** Loads every slice (a few requests at a time, nearest the start slice first); calls onSlice after each. */
export async function loadVoxels(study, series, geometry, startSlice, onSlice, signal) {
  const sliceLength = geometry.rows * geometry.columns;
  const voxels = new Int16Array(sliceLength * geometry.slices.length);
  const order = geometry.slices.map((_, i) => i).sort((a, b) => Math.abs(a - startSlice) - Math.abs(b - startSlice));
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < order.length) {
      const index = order[next++];
      const slice = geometry.slices[index];
      const bytes = await frame(study, series, value(slice, tag.sopUid), signal);
      toHu(bytes, slice, voxels.subarray(index * sliceLength, (index + 1) * sliceLength));
      onSlice(++done, order.length);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return voxels;
}

/** Which slice of the volume lies nearest a patient position (mm, LPS). */
export function sliceNearest(geometry, point) {
  const normal = geometry.direction.slice(6, 9);
  const offset = dot(point, normal) - dot(geometry.origin, normal);
  return Math.max(0, Math.min(geometry.slices.length - 1, Math.round(offset / geometry.spacing[2])));
}

/** A Cornerstone local volume on the series' grid: the CT itself, or a labelmap drawn on it. */
export function createVolumeOnGrid(volumeId, scalarData, geometry, modality, extraMetadata = {}) {
  const bits = scalarData.BYTES_PER_ELEMENT * 8;
  return volumeLoader.createLocalVolume(volumeId, {
    scalarData,
    dimensions: [geometry.columns, geometry.rows, geometry.slices.length],
    spacing: geometry.spacing,
    origin: geometry.origin,
    direction: geometry.direction,
    metadata: {
      BitsAllocated: bits, BitsStored: bits, HighBit: bits - 1, PixelRepresentation: scalarData instanceof Int16Array ? 1 : 0,
      SamplesPerPixel: 1, PhotometricInterpretation: 'MONOCHROME2', Modality: modality, Rows: geometry.rows, Columns: geometry.columns,
      PixelSpacing: [geometry.spacing[1], geometry.spacing[0]], ImageOrientationPatient: geometry.direction.slice(0, 6),
      FrameOfReferenceUID: geometry.frameOfReference, ...extraMetadata,
    },
  });
}

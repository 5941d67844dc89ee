// The DICOM Segmentation the processor stores with the study's results (PS3.3 A.51: one binary segment, the
// attention at or above half its peak) shown as a Cornerstone labelmap, filled and outlined, in the three views.
// It is read from GET /results/{id}/dicom (the objects list) and the object's own link, as Part 10.
import { Enums as ToolEnums, segmentation } from '@cornerstonejs/tools';
import dcmjs from 'dcmjs';
import { fetchOk } from './dicomweb.js';
import { createVolumeOnGrid } from './series-volume.js';

export const segmentationId = 'headct-attention-seg';
const labelmapVolumeId = 'local:headct-attention-seg';
const first = (value) => (Array.isArray(value) ? value[0] : value);
const dot = (a, b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/** The segment's voxels on the CT grid: each frame lands on the CT slice its plane position lies on. */
export function labelmapFromSegmentation(seg, geometry) {
  const rows = Number(seg.Rows);
  const columns = Number(seg.Columns);
  if (rows !== geometry.rows || columns !== geometry.columns) {
    throw new Error(`The segmentation's frames are ${columns}×${rows}, the CT's slices ${geometry.columns}×${geometry.rows}.`);
  }
  const frames = [].concat(seg.PerFrameFunctionalGroupsSequence ?? []);
  const bits = new Uint8Array(first(seg.PixelData));
  const sliceLength = rows * columns;
  const labelmap = new Uint8Array(sliceLength * geometry.slices.length);
  const normal = geometry.direction.slice(6, 9);
  let placed = 0;
  frames.forEach((frame, index) => {
    const position = first(frame.PlanePositionSequence)?.ImagePositionPatient?.map(Number);
    if (position?.length !== 3) return;
    const offset = (dot(position, normal) - dot(geometry.origin, normal)) / geometry.spacing[2];
    const slice = Math.round(offset);
    if (slice < 0 || slice >= geometry.slices.length || Math.abs(offset - slice) > 0.25) return;
    // BitsAllocated 1: frames follow each other bit by bit, the lowest bit of each byte first (PS3.5 8.1.1).
    const start = index * sliceLength;
    const target = slice * sliceLength;
    for (let i = 0; i < sliceLength; i++) {
      const bit = start + i;
      if ((bits[bit >> 3] >> (bit & 7)) & 1) labelmap[target + i] = 1;
    }
    placed++;
  });
  return { labelmap, frames: frames.length, placed };
}

/** Loads the study's SEG when it has one and adds it to the viewports; returns what was placed, or null. */
export async function showSegmentation(id, geometry, viewportIds) {
  const list = await (await fetchOk(`/results/${encodeURIComponent(id)}/dicom`, 'application/json')).json();
  const object = (list.objects ?? []).find((entry) => entry.modality === 'SEG');
  if (!object) return null;
  const buffer = await (await fetchOk(object.link, 'application/dicom')).arrayBuffer();
  const { DicomMessage, DicomMetaDictionary } = dcmjs.data;
  const seg = DicomMetaDictionary.naturalizeDataset(DicomMessage.readFile(buffer).dict);
  const { labelmap, frames, placed } = labelmapFromSegmentation(seg, geometry);
  createVolumeOnGrid(labelmapVolumeId, labelmap, geometry, 'SEG');
  segmentation.addSegmentations([{
    segmentationId,
    representation: { type: ToolEnums.SegmentationRepresentations.Labelmap, data: { volumeId: labelmapVolumeId } },
  }]);
  // A light fill under a solid outline, so the attention's colours stay readable inside the segment.
  segmentation.segmentationStyle.setStyle({ type: ToolEnums.SegmentationRepresentations.Labelmap }, { fillAlpha: 0.15, fillAlphaInactive: 0.15 });
  for (const viewportId of viewportIds) {
    await segmentation.addLabelmapRepresentationToViewport(viewportId, [{ segmentationId }]);
    // Cyan, so the segment's outline stands apart from the attention's blue-to-red colours.
    segmentation.config.color.setSegmentIndexColor(viewportId, segmentationId, 1, [0, 220, 255, 255]);
  }
  const segment = first(seg.SegmentSequence);
  return { label: segment?.SegmentLabel ?? 'Segment 1', frames, placed };
}

export function setSegmentationVisible(viewportIds, visible) {
  for (const viewportId of viewportIds) {
    segmentation.config.visibility.setSegmentationRepresentationVisibility(viewportId, { segmentationId }, visible);
  }
}

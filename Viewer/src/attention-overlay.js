// The model's attention fused over the CT: a second local volume on the CT grid (GET /attention-maps/{id}/volume),
// drawn with the same colours as the processor's heat maps (transparent below the floor, then blue → yellow → red,
// more opaque as the attention grows), an opacity slider, "o" to hide it, and the peak ringed in every view.
import { volumeLoader } from '@cornerstonejs/core';
import { fetchOk } from './dicomweb.js';

export const attentionVolumeId = 'local:headct-attention';
const maxAlpha = 0.85;

/** Reads the length-prefixed JSON header and the voxels the processor wrote (Processor/Attention/AttentionVolumeFile.cs). */
export function parseAttentionVolume(buffer) {
  const headerLength = new DataView(buffer).getInt32(0, true);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, headerLength)));
  const voxels = new Uint8Array(buffer, 4 + headerLength);
  return { header, voxels };
}

/** The attention lies on the CT's grid, so it shares the CT's frame of reference (Cornerstone fuses only volumes that do). */
export async function loadAttentionVolume(id, frameOfReference) {
  const response = await fetchOk(`/attention-maps/${encodeURIComponent(id)}/volume`, 'application/octet-stream');
  const { header, voxels } = parseAttentionVolume(await response.arrayBuffer());
  // As 16-bit values, like the CT: Cornerstone's volume texture tells the shader its values are unscaled, which holds
  // for the float textures 16-bit data become, but an 8-bit volume arrived normalised to 0–1 and so always below the floor.
  volumeLoader.createLocalVolume(attentionVolumeId, {
    scalarData: Int16Array.from(voxels),
    dimensions: header.dimensions,
    spacing: header.spacing,
    origin: header.origin,
    direction: header.direction,
    metadata: {
      BitsAllocated: 16, BitsStored: 16, HighBit: 15, PixelRepresentation: 1, SamplesPerPixel: 1, PhotometricInterpretation: 'MONOCHROME2',
      Modality: 'OT', Rows: header.dimensions[1], Columns: header.dimensions[0], PixelSpacing: [header.spacing[1], header.spacing[0]],
      ImageOrientationPatient: header.direction.slice(0, 6), FrameOfReferenceUID: frameOfReference, voiLut: [{ windowCenter: 127.5, windowWidth: 255 }],
    },
  });
  return header;
}

/**
 * The processor's heat colour map as vtk transfer functions over 0–255, opacity scaled by the slider. vtk reads
 * opacity per unit of ray length; a viewport's ray crosses only its slab (a fraction of a millimetre), so the unit is
 * the slab: otherwise the attention is drawn at a few percent of the opacity asked for, invisible over bone.
 */
export function applyHeatColours(actor, floor, opacity, slabThicknessMm) {
  const property = actor.getProperty();
  property.setScalarOpacityUnitDistance(0, slabThicknessMm);
  const colours = property.getRGBTransferFunction(0);
  const alpha = property.getScalarOpacity(0);
  colours.removeAllPoints();
  alpha.removeAllPoints();
  const start = floor * 255;
  colours.addRGBPoint(0, 0, 0, 1);
  colours.addRGBPoint(start, 0, 0, 1);
  colours.addRGBPoint(start + (255 - start) / 2, 1, 1, 0);
  colours.addRGBPoint(255, 1, 0, 0);
  alpha.addPoint(0, 0);
  alpha.addPoint(Math.max(0, start - 0.5), 0);
  alpha.addPoint(start, maxAlpha * 0.35 * opacity);
  alpha.addPoint(255, maxAlpha * opacity);
  property.setInterpolationTypeToLinear?.();
}

const dot = (a, b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/** Places the peak ring on a viewport when the peak lies within one slice of its plane. */
export function placePeakMarker(marker, viewport, peak, thickness) {
  const camera = viewport.getCamera();
  const offset = [0, 1, 2].map((i) => peak[i] - camera.focalPoint[i]);
  const near = Math.abs(dot(offset, camera.viewPlaneNormal)) <= thickness;
  marker.hidden = !near;
  if (!near) return;
  const [x, y] = viewport.worldToCanvas(peak);
  marker.style.left = `${x.toFixed(1)}px`;
  marker.style.top = `${y.toFixed(1)}px`;
}

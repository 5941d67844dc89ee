// The viewer page (issue #20): identity banner first, then the CT series as one volume in three orthographic
// viewports (axial, coronal, sagittal reformats computed here in the browser) with linked crosshairs,
// window/level by drag and presets, zoom, pan, stack scroll, cine, orientation letters, a scale bar and the
// slice position; opened on the attention peak of an applicable positive study, else at the volume's centre.
import { Enums, RenderingEngine, cache, eventTarget, imageLoader, init as coreInit, setVolumesForViewports, utilities as coreUtilities } from '@cornerstonejs/core';
import * as tools from '@cornerstonejs/tools';
import { signInForPage } from '../../Gateway/wwwroot/app/auth.js';
import { identityFromQido, renderIdentityBanner } from '../../Gateway/wwwroot/app/identity-banner.js';
import { viewportAnnotations, windowText } from './annotations.js';
import { applyHeatColours, attentionVolumeId, loadAttentionVolume, placePeakMarker } from './attention-overlay.js';
import { ViewerError, dicomJson, fetchOk, value } from './dicomweb.js';
import { showFailure } from './failure.js';
import { setSegmentationVisible, showSegmentation } from './seg-overlay.js';
import { chooseSeries, createVolumeOnGrid, loadVoxels, seriesGeometry, sliceNearest } from './series-volume.js';
import { showVerdict } from './verdict.js';

// Milliseconds since the navigation to the page began (performance's time origin), for the speed figures.
const mark = (name) => {
  document.body.dataset[name] = String(Math.round(performance.now()));
};

/** Level/width in HU. Brain, subdural and bone as commonly used for head CT; stroke is the narrow grey–white window. */
export const presets = {
  brain: { level: 40, width: 80 },
  subdural: { level: 75, width: 215 },
  stroke: { level: 40, width: 40 },
  bone: { level: 600, width: 2800 },
};

const views = [
  { id: 'axial', orientation: Enums.OrientationAxis.AXIAL },
  { id: 'coronal', orientation: Enums.OrientationAxis.CORONAL },
  { id: 'sagittal', orientation: Enums.OrientationAxis.SAGITTAL },
];

const engineId = 'headct-viewer';
const toolGroupId = 'headct-mpr';
const volumeId = 'local:headct-ct';

function setState(state, text) {
  document.body.dataset.viewerState = state;
  document.getElementById('viewer-status').textContent = text;
}

async function studyFromParameters(parameters) {
  const id = parameters.get('id');
  let study = parameters.get('study');
  let result = null;
  if (id) {
    try {
      result = (await (await fetchOk(`/results/${encodeURIComponent(id)}`, 'application/json')).json());
    } catch (error) {
      if (!study) throw error;
    }
  }
  const seriesUid = result?.imaging?.decision?.seriesInstanceUid ?? null;
  if (!study && seriesUid) {
    const found = await dicomJson(`/dicom-web/series?SeriesInstanceUID=${encodeURIComponent(seriesUid)}`);
    study = value(found[0], '0020000D');
  }
  if (!study) throw new ViewerError('not-found', 404, 'The address names no study: open the viewer as /viewer.html?study=<StudyInstanceUID> (or ?id=<upload id>).');
  return { study, result, seriesUid };
}

async function showIdentity(study) {
  const found = await dicomJson(`/dicom-web/studies?StudyInstanceUID=${encodeURIComponent(study)}&includefield=all`);
  if (!found.length) throw new ViewerError('not-found', 404, `QIDO-RS found no study ${study}.`);
  renderIdentityBanner(document.getElementById('identity-banner'), identityFromQido(found[0]));
}

function setUpTools(viewportIds) {
  const {
    addTool, ToolGroupManager, CrosshairsTool, WindowLevelTool, PanTool, ZoomTool, StackScrollTool, synchronizers, Enums: ToolEnums,
  } = tools;
  for (const tool of [CrosshairsTool, WindowLevelTool, PanTool, ZoomTool, StackScrollTool]) addTool(tool);
  const group = ToolGroupManager.createToolGroup(toolGroupId);
  for (const viewportId of viewportIds) group.addViewport(viewportId, engineId);
  const { MouseBindings } = ToolEnums;
  group.addTool(CrosshairsTool.toolName, { getReferenceLineColor: () => 'rgb(255, 200, 0)', getReferenceLineControllable: () => true, getReferenceLineDraggableRotatable: () => false, getReferenceLineSlabThicknessControlsOn: () => false });
  group.addTool(WindowLevelTool.toolName);
  group.addTool(PanTool.toolName);
  group.addTool(ZoomTool.toolName);
  group.addTool(StackScrollTool.toolName);
  group.setToolActive(PanTool.toolName, { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
  group.setToolActive(ZoomTool.toolName, { bindings: [{ mouseButton: MouseBindings.Secondary }] });
  group.setToolActive(StackScrollTool.toolName, { bindings: [{ mouseButton: MouseBindings.Wheel }] });
  const voi = synchronizers.createVOISynchronizer('headct-voi', { syncInvertState: false, syncColormap: false });
  for (const viewportId of viewportIds) voi.add({ renderingEngineId: engineId, viewportId });
  const primary = [{ mouseButton: MouseBindings.Primary }];
  const modes = { windowLevel: WindowLevelTool.toolName, crosshairs: CrosshairsTool.toolName, pan: PanTool.toolName, zoom: ZoomTool.toolName };
  let current = null;
  const choose = (mode) => {
    if (current) {
      if (current === PanTool.toolName) group.setToolActive(current, { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
      else if (current === ZoomTool.toolName) group.setToolActive(current, { bindings: [{ mouseButton: MouseBindings.Secondary }] });
      else group.setToolPassive(current);
    }
    current = modes[mode];
    group.setToolActive(current, { bindings: mode === 'pan' ? [...primary, { mouseButton: MouseBindings.Auxiliary }] : mode === 'zoom' ? [...primary, { mouseButton: MouseBindings.Secondary }] : primary });
    for (const button of document.querySelectorAll('[data-mode]')) button.setAttribute('aria-pressed', String(button.dataset.mode === mode));
  };
  group.setToolPassive(CrosshairsTool.toolName);
  choose('windowLevel');
  return choose;
}

function applyWindow(engine, { level, width }) {
  for (const { id } of views) {
    const viewport = engine.getViewport(id);
    viewport.setProperties({ voiRange: { lower: level - width / 2, upper: level + width / 2 } }, volumeId);
    viewport.render();
  }
}

function setUpCine(engine) {
  const button = document.getElementById('cine');
  let timer = null;
  const toggle = () => {
    if (timer) {
      clearInterval(timer);
      timer = null;
    } else {
      const viewport = engine.getViewport('axial');
      timer = setInterval(() => {
        const before = viewport.getCurrentImageIdIndex?.() ?? -1;
        coreUtilities.scroll(viewport, { delta: 1 });
        if ((viewport.getCurrentImageIdIndex?.() ?? -2) === before) coreUtilities.scroll(viewport, { delta: -(viewport.getNumberOfSlices?.() ?? 1000) });
      }, 1000 / 12);
    }
    button.setAttribute('aria-pressed', String(Boolean(timer)));
    button.textContent = timer ? 'Pause' : 'Play';
  };
  button.addEventListener('click', toggle);
  return toggle;
}

function setUpControls(engine, chooseMode, toggleCine) {
  for (const button of document.querySelectorAll('[data-preset]')) {
    button.addEventListener('click', () => applyWindow(engine, presets[button.dataset.preset]));
  }
  for (const button of document.querySelectorAll('[data-mode]')) button.addEventListener('click', () => chooseMode(button.dataset.mode));
  document.getElementById('reset').addEventListener('click', () => {
    for (const { id } of views) engine.getViewport(id).resetCamera();
    engine.render();
  });
  const keys = { 1: () => applyWindow(engine, presets.brain), 2: () => applyWindow(engine, presets.subdural), 3: () => applyWindow(engine, presets.stroke), 4: () => applyWindow(engine, presets.bone), w: () => chooseMode('windowLevel'), c: () => chooseMode('crosshairs'), p: () => chooseMode('pan'), z: () => chooseMode('zoom'), ' ': toggleCine };
  document.addEventListener('keydown', (event) => {
    if (event.target instanceof HTMLInputElement || event.ctrlKey || event.metaKey || event.altKey) return;
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });
}

function watchAnnotations(engine) {
  for (const { id } of views) {
    const container = document.getElementById(`viewport-${id}`);
    const element = container.querySelector('.viewport-element');
    const annotations = viewportAnnotations(container);
    const viewport = engine.getViewport(id);
    const update = () => annotations.update(viewport.getCamera());
    element.addEventListener(Enums.Events.CAMERA_MODIFIED, update);
    element.addEventListener(Enums.Events.VOI_MODIFIED, (event) => {
      annotations.window(event.detail.range);
      if (id === 'axial') document.getElementById('window-current').textContent = windowText(event.detail.range);
    });
    update();
  }
}

/** The colour bar, opacity slider, on/off (key "o") and peak rings of the attention overlay. */
function setUpOverlay(engine, header, peak, thickness) {
  const layers = views.map(({ id }) => {
    const viewport = engine.getViewport(id);
    const actor = viewport.getActors().find((entry) => entry.uid === attentionVolumeId || entry.referencedId === attentionVolumeId)?.actor;
    return actor && { actor, slab: viewport.getSlabThickness() };
  }).filter(Boolean);
  const slider = document.getElementById('overlay-opacity');
  const toggle = document.getElementById('overlay-on');
  const paint = () => {
    for (const { actor, slab } of layers) {
      applyHeatColours(actor, header.floor, Number(slider.value) / 100, slab);
      actor.setVisibility(toggle.checked);
    }
    document.body.dataset.overlay = toggle.checked ? 'on' : 'off';
    engine.render();
  };
  slider.addEventListener('input', paint);
  toggle.addEventListener('change', paint);
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'o' || event.target instanceof HTMLInputElement && event.target.type !== 'checkbox') return;
    toggle.checked = !toggle.checked;
    paint();
  });
  const floorPercent = header.floor * 100;
  const ramp = document.querySelector('#colour-bar .colour-bar-ramp');
  ramp.style.background = `linear-gradient(to right, transparent 0 ${floorPercent}%, rgb(0 0 255) ${floorPercent}%, rgb(255 255 0) ${50 + floorPercent / 2}%, rgb(255 0 0) 100%)`;
  const threshold = document.querySelector('#colour-bar .colour-bar-threshold');
  threshold.style.left = `${floorPercent}%`;
  threshold.textContent = `${Math.round(floorPercent)} %`;
  document.getElementById('overlay-controls').hidden = false;
  document.getElementById('colour-bar').hidden = false;
  if (peak) {
    for (const { id } of views) {
      const container = document.getElementById(`viewport-${id}`);
      const marker = document.createElement('div');
      marker.className = 'peak-marker';
      marker.title = 'Strongest attention';
      container.append(marker);
      const viewport = engine.getViewport(id);
      const place = () => placePeakMarker(marker, viewport, peak, thickness);
      container.querySelector('.viewport-element').addEventListener(Enums.Events.CAMERA_MODIFIED, place);
      place();
    }
  }
  paint();
}

async function attentionFor(id, result, frameOfReference) {
  if (!id || !result?.applicability?.applicable || !result?.prediction?.attention) return null;
  try {
    return await loadAttentionVolume(id, frameOfReference);
  } catch (error) {
    console.warn('attention volume', error);
    document.getElementById('overlay-note').textContent = 'The AI attention overlay could not be loaded.';
    return null;
  }
}

const primingViewportId = 'priming';

/**
 * An off-screen 8×8 viewport created before the three that are seen. With Cornerstone 5.14 the first viewport of an
 * engine sampled zeros from the CT volume's texture (drawn black) in both software GL stacks the tests use, SwiftShader
 * in Chromium and Mesa's llvmpipe in Firefox, whatever its orientation and whichever context mode; the ones created
 * after it drew correctly. This viewport takes that first place.
 */
function primingViewport() {
  const element = document.createElement('div');
  element.setAttribute('aria-hidden', 'true');
  element.style.cssText = 'position: absolute; left: -64px; top: 0; width: 8px; height: 8px; overflow: hidden;';
  document.body.append(element);
  return { viewportId: primingViewportId, type: Enums.ViewportType.ORTHOGRAPHIC, element, defaultOptions: { orientation: Enums.OrientationAxis.AXIAL } };
}

/**
 * The study's DICOM SEG as a labelmap (when the processor wrote one), with its legend and "s" to show or hide it.
 * Returns a promise of its first render (false after 10 s without one), or null when there is none.
 */
async function setUpSegmentation(engine, id, result, geometry) {
  if (!id || !result?.applicability?.applicable) return null;
  const note = document.getElementById('seg-legend');
  let shown;
  try {
    shown = await showSegmentation(id, geometry, views.map(({ id: viewportId }) => viewportId));
  } catch (error) {
    console.warn('segmentation', error);
    note.hidden = false;
    note.textContent = 'The DICOM segmentation of this study could not be shown.';
    return null;
  }
  if (!shown) return null;
  const rendered = new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), 10000);
    eventTarget.addEventListener(tools.Enums.Events.SEGMENTATION_RENDERED, () => {
      clearTimeout(timer);
      resolve(true);
    }, { once: true });
  });
  const toggle = document.getElementById('seg-on');
  const apply = () => {
    setSegmentationVisible(views.map(({ id: viewportId }) => viewportId), toggle.checked);
    document.body.dataset.segmentation = toggle.checked ? 'on' : 'off';
    engine.render();
  };
  toggle.addEventListener('change', apply);
  document.addEventListener('keydown', (event) => {
    if (event.key !== 's' || event.target instanceof HTMLInputElement && event.target.type !== 'checkbox') return;
    toggle.checked = !toggle.checked;
    apply();
  });
  document.getElementById('seg-label').textContent = `DICOM SEG "${shown.label}" (attention ≥ 50 % of its peak), ${shown.placed} of ${shown.frames} frames on this series`;
  document.getElementById('seg-controls').hidden = false;
  apply();
  return rendered;
}

function whenRendered(element) {
  return new Promise((resolve) => element.addEventListener(Enums.Events.IMAGE_RENDERED, resolve, { once: true }));
}

async function main() {
  setState('loading', 'Signing in…');
  const credential = await signInForPage();
  if (credential === 'leaving') return;
  if (credential === 'none') {
    throw new ViewerError('permission', 401, 'This tab has no API key and the gateway offers no organisation sign-in: set a key on the worklist first.');
  }
  setState('loading', 'Finding the study…');
  // Read after the sign-in: the issuer's redirect back restores the page's own query.
  const parameters = new URLSearchParams(location.search);
  const { study, result, seriesUid } = await studyFromParameters(parameters);
  await showIdentity(study);
  mark('bannerMs');
  showVerdict(document.getElementById('verdict'), result);
  const series = await chooseSeries(study, seriesUid);
  if (!series) throw new ViewerError('no-ct', 404, `Study ${study} holds no CT series.`);
  const geometry = await seriesGeometry(study, series);
  const peak = result?.applicability?.applicable && result?.prediction?.positive ? result.prediction.attention?.peak?.patientMm : null;
  const startSlice = peak ? sliceNearest(geometry, peak) : Math.floor(geometry.slices.length / 2);
  setState('loading', 'Loading images…');
  const progress = document.getElementById('viewer-progress');
  progress.max = geometry.slices.length;
  const voxels = await loadVoxels(study, series, geometry, startSlice, (done) => {
    progress.value = done;
  });
  mark('pixelsMs');

  await coreInit();
  await tools.init();
  // The slices of our local volumes are already in Cornerstone's cache; its default window reads the middle one
  // back through an image loader, which for these ids is the cache itself.
  imageLoader.registerImageLoader('local', (imageId) => ({ promise: Promise.resolve(cache.getImage(imageId)) }));
  const engine = new RenderingEngine(engineId);
  engine.setViewports([primingViewport(), ...views.map(({ id, orientation }) => ({
    viewportId: id,
    type: Enums.ViewportType.ORTHOGRAPHIC,
    element: document.querySelector(`#viewport-${id} .viewport-element`),
    defaultOptions: { orientation, background: [0, 0, 0] },
  }))]);
  createVolumeOnGrid(volumeId, voxels, geometry, 'CT', { voiLut: [{ windowCenter: 40, windowWidth: 80 }] });
  const attention = await attentionFor(parameters.get('id'), result, geometry.frameOfReference);
  const elements = views.map(({ id }) => document.querySelector(`#viewport-${id} .viewport-element`));
  const firstRender = whenRendered(elements[0]);
  const allRendered = Promise.all(elements.map(whenRendered));
  watchAnnotations(engine);
  await setVolumesForViewports(engine, attention ? [{ volumeId }, { volumeId: attentionVolumeId }] : [{ volumeId }], [primingViewportId, ...views.map(({ id }) => id)]);
  const segmentationRendered = await setUpSegmentation(engine, parameters.get('id'), result, geometry);
  // Without a peak, the centre of the start slice, so the axial view shows an acquired slice, not a blend of two.
  const along = (axis, steps) => geometry.direction.slice(axis * 3, axis * 3 + 3).map((c) => c * steps * geometry.spacing[axis]);
  const sliceCentre = [0, 1, 2].map((i) => geometry.origin[i] + along(0, (geometry.columns - 1) / 2)[i] + along(1, (geometry.rows - 1) / 2)[i] + along(2, startSlice)[i]);
  const centre = peak ?? sliceCentre;
  const placeCameras = () => {
    for (const { id } of views) engine.getViewport(id).jumpToWorld?.(centre);
  };
  placeCameras();
  applyWindow(engine, presets.brain);
  if (attention) setUpOverlay(engine, attention, result.prediction.attention.peak?.patientMm ?? null, Math.max(...geometry.spacing));
  const chooseMode = setUpTools(views.map(({ id }) => id));
  setUpControls(engine, chooseMode, setUpCine(engine));
  engine.render();
  // The labelmap's first render resets the cameras to the volume's centre: place them again after it.
  if (segmentationRendered && await segmentationRendered) {
    placeCameras();
    engine.render();
  }
  await firstRender;
  mark('firstImageMs');
  await allRendered;
  mark('allViewsMs');
  document.getElementById('viewer-progress').hidden = true;
  setState('ready', `${geometry.slices.length} slices, ${geometry.columns}×${geometry.rows}, ${geometry.spacing.map((s) => s.toFixed(2)).join(' × ')} mm`);
}

main().catch((error) => {
  console.error(error);
  setState('error', 'The viewer could not open this study.');
  showFailure(document.getElementById('viewer-failure'), error);
});

// Axial slice viewer: wheel, slider and keys move through the volume; the attention heat map (a smooth RGBA PNG
// at reduced resolution covering the slice's field of view) is stacked over the slice and stretched to its box.
import { getJson } from './api.js';
import { el, fillTemplate } from './format.js';
import { urlCache } from './url-cache.js';

const wheelPixelsPerSlice = 40;
const prefetchAround = 2;

export function createSliceViewer(container) {
  const sliceImage = el('img', { id: 'slice-image', class: 'medical-image', alt: '' });
  const heatImage = el('img', { id: 'heat-image', class: 'heat', alt: '', hidden: true });
  const viewer = el('div', {
    id: 'viewer', class: 'viewer', tabindex: '0', role: 'group', 'aria-roledescription': 'slice viewer',
    'aria-label': 'Axial slices. Arrow keys, Page Up, Page Down, Home, End or the mouse wheel move through the volume.',
  }, el('div', { class: 'stack' }, sliceImage, heatImage));
  const slider = el('input', { id: 'slice-slider', type: 'range', min: '0', max: '0', value: '0', step: '1' });
  const position = el('output', { id: 'slice-position', for: 'slice-slider', 'aria-live': 'polite' });
  const overlayToggle = el('input', { id: 'overlay-toggle', type: 'checkbox', disabled: true });
  const opacity = el('input', { id: 'overlay-opacity', type: 'range', min: '0', max: '100', step: '5', value: '55', disabled: true });
  const overlayNote = el('p', { id: 'overlay-note', class: 'muted' });
  const keySlices = el('div', { id: 'key-slices', class: 'key-slices', role: 'group', 'aria-label': 'Key slices' });
  container.replaceChildren(el('div', { class: 'viewer-layout' },
    viewer,
    el('div', { class: 'viewer-controls' },
      el('div', { class: 'control' }, el('label', { for: 'slice-slider' }, 'Slice'), slider, position),
      el('div', { class: 'control' }, el('label', { class: 'inline' }, overlayToggle, ' Attention overlay')),
      el('div', { class: 'control' }, el('label', { for: 'overlay-opacity' }, 'Overlay opacity'), opacity),
      overlayNote,
      keySlices)));

  const slices = urlCache();
  const heats = urlCache();
  let study = null;
  let heatTemplate = null;
  let index = 0;
  let generation = 0;
  let wheelRemainder = 0;

  const count = () => study?.imaging?.slices?.count ?? 0;
  const slicePath = (i) => {
    const template = study.imaging.slices.link;
    const window = study.imaging.slices.windows?.[0] ?? 'brain';
    const path = fillTemplate(template, { index: i, window });
    return path.includes('window=') ? path : `${path}${path.includes('?') ? '&' : '?'}window=${window}`;
  };
  const heatPath = (i) => fillTemplate(heatTemplate, { index: i });

  async function go(target) {
    if (!count()) return;
    index = Math.max(0, Math.min(count() - 1, target));
    slider.value = String(index);
    position.value = `${index} of 0–${count() - 1} (0 = most inferior)`;
    viewer.dataset.index = String(index);
    const mine = ++generation;
    const [sliceUrl, heatUrl] = await Promise.all([
      slices.get(slicePath(index)).catch(() => null),
      heatTemplate ? heats.get(heatPath(index)).catch(() => null) : null,
    ]);
    if (mine !== generation) return;
    if (sliceUrl) {
      sliceImage.src = sliceUrl;
      sliceImage.alt = `Axial slice ${index} of ${count() - 1}, brain window`;
    }
    if (heatUrl) heatImage.src = heatUrl;
    await Promise.all([sliceImage.decode().catch(() => {}), heatUrl ? heatImage.decode().catch(() => {}) : null]);
    if (mine === generation) viewer.dataset.shown = String(index);
    for (let d = 1; d <= prefetchAround; d++) {
      for (const neighbour of [index + d, index - d]) {
        if (neighbour < 0 || neighbour >= count()) continue;
        slices.get(slicePath(neighbour)).catch(() => {});
        if (heatTemplate) heats.get(heatPath(neighbour)).catch(() => {});
      }
    }
  }

  viewer.addEventListener('keydown', (event) => {
    const page = Math.max(1, Math.round(count() / 10));
    const moves = { ArrowUp: 1, ArrowRight: 1, ArrowDown: -1, ArrowLeft: -1, PageUp: page, PageDown: -page };
    if (event.key in moves) go(index + moves[event.key]);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(count() - 1);
    else return;
    event.preventDefault();
  });
  viewer.addEventListener('wheel', (event) => {
    event.preventDefault();
    // Line and page modes (Firefox with a mouse wheel) step once per event; pixel mode (touchpads) accumulates.
    if (event.deltaMode !== 0) {
      go(index + Math.sign(event.deltaY));
      return;
    }
    wheelRemainder += event.deltaY;
    const steps = Math.trunc(wheelRemainder / wheelPixelsPerSlice);
    if (steps !== 0) {
      wheelRemainder -= steps * wheelPixelsPerSlice;
      go(index + steps);
    }
  }, { passive: false });
  slider.addEventListener('input', () => go(Number(slider.value)));
  overlayToggle.addEventListener('change', () => {
    heatImage.hidden = !overlayToggle.checked;
    viewer.dataset.overlay = overlayToggle.checked ? 'on' : 'off';
  });
  opacity.addEventListener('input', () => {
    heatImage.style.opacity = String(Number(opacity.value) / 100);
  });
  heatImage.style.opacity = String(Number(opacity.value) / 100);

  async function loadAttention(document) {
    heatTemplate = null;
    overlayToggle.disabled = true;
    opacity.disabled = true;
    overlayToggle.checked = false;
    heatImage.hidden = true;
    viewer.dataset.overlay = 'off';
    const attention = document.prediction?.attention;
    if (document.applicability?.applicable === false) {
      overlayNote.textContent = 'No attention map: the model does not apply to this study.';
      return [];
    }
    if (!attention || !attention.peak) {
      overlayNote.textContent = attention
        ? 'No attention map: it is zero everywhere inside the intracranial cavity.'
        : 'No attention map for this study.';
      return [];
    }
    try {
      const { body } = await getJson(attention.link ?? `/attention-maps/${document.id}`);
      heatTemplate = body.heatmaps?.link ?? null;
    } catch (error) {
      overlayNote.textContent = `The attention map could not be loaded: ${error.message}`;
      return attention.keySlices ?? [];
    }
    if (heatTemplate) {
      overlayToggle.disabled = false;
      opacity.disabled = false;
      overlayToggle.checked = true;
      heatImage.hidden = false;
      viewer.dataset.overlay = 'on';
      overlayNote.textContent = `Attention by ${attention.method ?? 'the model'}: where the model looked, not a lesion outline.`;
    }
    return attention.keySlices ?? [];
  }

  return {
    async show(document) {
      const ready = document.status === 'completed' && document.imaging?.slices?.count > 0;
      // The whole panel, heading included: there is nothing to show until the images exist.
      container.parentElement.hidden = !ready;
      if (!ready || study?.id === document.id) return;
      study = document;
      slider.max = String(count() - 1);
      const keys = await loadAttention(document);
      keySlices.replaceChildren(...keys.map((slice, rank) =>
        el('button', { type: 'button', 'data-slice': String(slice), onclick: () => { go(slice); viewer.focus(); } },
          rank === 0 ? `Key slice ${slice} (strongest)` : `Key slice ${slice}`)));
      await go(keys.length ? keys[0] : Math.floor(count() / 2));
    },
    clear() {
      study = null;
      heatTemplate = null;
      generation++;
      slices.clear();
      heats.clear();
      sliceImage.removeAttribute('src');
      heatImage.removeAttribute('src');
      keySlices.replaceChildren();
    },
  };
}

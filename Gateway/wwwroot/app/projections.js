// The three projections (axial, coronal, sagittal) with window presets and slab modes.
import { el } from './format.js';
import { imageSlot } from './image-slot.js';

const planes = ['axial', 'coronal', 'sagittal'];
const windows = [
  ['brain', 'Brain (W 80 / L 40)'],
  ['subdural', 'Subdural (W 215 / L 75)'],
  ['stroke', 'Stroke (W 40 / L 40)'],
  ['bone', 'Bone (W 2800 / L 600)'],
];
const modes = [['plane', 'Centre plane'], ['mip', 'MIP slab'], ['minip', 'MinIP slab'], ['mean', 'Mean slab']];

export function createProjections(container) {
  const windowSelect = select('projection-window', 'Projection window', windows);
  const modeSelect = select('projection-mode', 'Projection mode', modes);
  const figures = planes.map((plane) => {
    const img = el('img', { id: `projection-${plane}`, class: 'medical-image', alt: `${plane} projection` });
    return { plane, img, slot: imageSlot(img) };
  });
  container.replaceChildren(
    el('div', { class: 'controls' }, windowSelect.wrapper, modeSelect.wrapper),
    el('div', { class: 'projection-grid' }, figures.map(({ plane, img }) =>
      el('figure', { class: 'image-frame' }, img, el('figcaption', {}, plane[0].toUpperCase() + plane.slice(1))))));

  let result = null;
  const load = () => {
    if (!result) return;
    for (const { plane, img, slot } of figures) {
      const path = linkFor(result, plane, windowSelect.input.value, modeSelect.input.value);
      img.alt = `${plane} projection, ${windowSelect.input.value} window, ${modeSelect.input.selectedOptions[0].text}`;
      slot.show(path);
    }
  };
  windowSelect.input.addEventListener('change', load);
  modeSelect.input.addEventListener('change', load);

  return {
    show(document) {
      const ready = document.status === 'completed' && document.imaging?.projections?.length;
      // The whole panel, heading included: there is nothing to show until the images exist.
      container.parentElement.hidden = !ready;
      if (!ready || result?.id === document.id) return;
      result = document;
      load();
    },
    clear() {
      result = null;
      for (const { slot } of figures) slot.clear();
    },
  };
}

function linkFor(result, plane, window, mode) {
  const stored = result.imaging.projections.find((p) => p.plane === plane && p.window === window && p.mode === mode);
  return stored?.link ?? `/projections/${result.id}/${plane}.png?window=${window}&mode=${mode}`;
}

function select(id, label, options) {
  const input = el('select', { id }, options.map(([value, text]) => el('option', { value }, text)));
  return { input, wrapper: el('div', { class: 'control' }, el('label', { for: id }, label), input) };
}

// Text drawn over each viewport from its camera: orientation letters at the four edges, a scale bar, the slice
// position in mm, and the window/level in use.

const letters = [
  ['L', 'R'],
  ['P', 'A'],
  ['S', 'I'],
];

/** The patient direction (LPS) a screen direction points to, as one to three letters, strongest first. */
export function directionLetters(vector) {
  const parts = vector
    .map((component, axis) => ({ component, axis }))
    .filter(({ component }) => Math.abs(component) > 0.25)
    .sort((a, b) => Math.abs(b.component) - Math.abs(a.component));
  return parts.map(({ component, axis }) => letters[axis][component > 0 ? 0 : 1]).join('');
}

const cross = (a, b) => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const negate = (a) => a.map((x) => -x);

export function orientationOf(camera) {
  // The camera looks along −viewPlaneNormal; screen right is (look direction) × (view up).
  const up = camera.viewUp;
  const right = cross(negate(camera.viewPlaneNormal), up);
  return { top: directionLetters(up), bottom: directionLetters(negate(up)), left: directionLetters(negate(right)), right: directionLetters(right) };
}

const niceLengths = [1, 2, 5, 10, 20, 50, 100, 200];

/** A round length in mm whose bar is at most a quarter of the viewport's width. */
export function scaleBar(camera, widthPx, heightPx) {
  const mmPerPixel = (2 * camera.parallelScale) / heightPx;
  const maxMm = (widthPx / 4) * mmPerPixel;
  const mm = niceLengths.filter((length) => length <= maxMm).pop() ?? 1;
  return { mm, px: mm / mmPerPixel };
}

export function slicePosition(camera) {
  const normal = camera.viewPlaneNormal;
  let axis = 0;
  for (let i = 1; i < 3; i++) if (Math.abs(normal[i]) > Math.abs(normal[axis])) axis = i;
  const value = camera.focalPoint[axis];
  return `${'xyz'[axis]} ${value.toFixed(1)} mm`;
}

export function windowText({ lower, upper }) {
  return `W ${Math.round(upper - lower)} / L ${Math.round((upper + lower) / 2)}`;
}

function labelled(parent, className) {
  const node = document.createElement('div');
  node.className = className;
  parent.append(node);
  return node;
}

/** The overlay elements of one viewport; update() redraws them from the viewport's camera. */
export function viewportAnnotations(container) {
  const layer = labelled(container, 'viewport-annotations');
  const edges = Object.fromEntries(['top', 'bottom', 'left', 'right'].map((edge) => [edge, labelled(layer, `orientation orientation-${edge}`)]));
  const position = labelled(layer, 'slice-position');
  const window = labelled(layer, 'window-level');
  const bar = labelled(layer, 'scale-bar');
  const barLabel = labelled(layer, 'scale-bar-label');
  return {
    update(camera) {
      const marks = orientationOf(camera);
      for (const edge of Object.keys(edges)) edges[edge].textContent = marks[edge];
      position.textContent = slicePosition(camera);
      const { mm, px } = scaleBar(camera, container.clientWidth, container.clientHeight);
      bar.style.width = `${px.toFixed(1)}px`;
      barLabel.textContent = `${mm} mm`;
    },
    window(range) {
      window.textContent = windowText(range);
    },
  };
}

// Node's "url" for a dependency of vtk.js (@oozcitak/url): the browser's own URL classes.
export const { URL, URLSearchParams } = globalThis;
export default { URL, URLSearchParams };

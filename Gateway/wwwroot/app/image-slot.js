// An <img> fed from fetch + object URL (the API key travels in a header), revoking the previous URL and ignoring
// answers that arrive after a newer request.
import { imageUrl } from './api.js';

export function imageSlot(img) {
  let generation = 0;
  let current = null;
  return {
    async show(path) {
      const mine = ++generation;
      try {
        const url = await imageUrl(path);
        if (mine !== generation) {
          URL.revokeObjectURL(url);
          return false;
        }
        if (current) URL.revokeObjectURL(current);
        current = url;
        img.src = url;
        img.dataset.path = path;
        await img.decode().catch(() => {});
        return true;
      } catch (error) {
        if (mine === generation) {
          img.removeAttribute('src');
          img.dataset.error = error.message;
        }
        return false;
      }
    },
    clear() {
      generation++;
      if (current) URL.revokeObjectURL(current);
      current = null;
      img.removeAttribute('src');
    },
  };
}

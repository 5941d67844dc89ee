// Object URLs of fetched images by request path, bounded so scrolling a 500-slice series does not keep every
// slice in memory; the oldest entry is revoked first. In-flight requests are shared.
import { imageUrl } from './api.js';

export function urlCache(capacity = 200) {
  const urls = new Map();
  const pending = new Map();
  return {
    async get(path) {
      const url = urls.get(path);
      if (url) {
        urls.delete(path);
        urls.set(path, url);
        return url;
      }
      if (!pending.has(path)) {
        pending.set(path, imageUrl(path).then((fetched) => {
          urls.set(path, fetched);
          if (urls.size > capacity) {
            const [oldest, oldestUrl] = urls.entries().next().value;
            urls.delete(oldest);
            URL.revokeObjectURL(oldestUrl);
          }
          return fetched;
        }).finally(() => pending.delete(path)));
      }
      return pending.get(path);
    },
    clear() {
      for (const url of urls.values()) URL.revokeObjectURL(url);
      urls.clear();
    },
  };
}

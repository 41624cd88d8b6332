/**
 * Empties the server's cache of public pages (scripts/public-cache.mjs) after
 * a publication, so nobody is served the list as it was before, and moves the
 * generation that in-process memos of public data (e.g. the catalogue's
 * filter choices) check. A no-op for the page cache when the server runs
 * without it (tests, development).
 */
let generation = 0;

export function invalidatePublicCache(): void {
  generation++;
  const cache = (globalThis as { __sayembaraPublicCache?: { clear(): void } }).__sayembaraPublicCache;
  cache?.clear();
}

/** Changes on every invalidatePublicCache(). */
export function publicDataGeneration(): number {
  return generation;
}

/**
 * Memoises an expensive read of public data per database handle for `ttlMs`
 * (and until the next publication). Only in production: tests and development
 * see every change at once.
 */
export function memoPublic<K extends object, T>(ttlMs: number, load: (key: K) => Promise<T>): (key: K) => Promise<T> {
  const memo = new WeakMap<K, { generation: number; at: number; value: Promise<T> }>();
  return (key: K) => {
    if (process.env.NODE_ENV !== "production") return load(key);
    const hit = memo.get(key);
    const now = Date.now();
    if (hit && hit.generation === generation && now - hit.at < ttlMs) return hit.value;
    const value = load(key);
    memo.set(key, { generation, at: now, value });
    value.catch(() => memo.delete(key));
    return value;
  };
}

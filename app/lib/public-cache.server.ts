/**
 * Empties the server's cache of public pages (scripts/public-cache.mjs) after
 * a publication, so nobody is served the list as it was before. A no-op when
 * the server runs without the cache (tests, development).
 */
export function invalidatePublicCache(): void {
  const cache = (globalThis as { __sayembaraPublicCache?: { clear(): void } }).__sayembaraPublicCache;
  cache?.clear();
}

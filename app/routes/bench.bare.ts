/**
 * GET /bench/bare — the framework's own ceiling for the HTTP benchmark
 * (bench/http.mjs, docs/benchmarks.md).
 *
 * A resource route: the request goes through the same Express server, the
 * same middleware (compression, static files, CSRF guard) and the same Remix
 * request handler (route matching, loader call) as every page, but there is no
 * root loader, no session lookup, no database and no React render. Whatever a
 * real page costs on top of this is the cost of our own code.
 *
 * It reveals nothing and changes nothing, so it needs no permission.
 */
const BODY = '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>ok</title></head><body>ok</body></html>';
// The Remix adapter streams every body, so without a length the compression
// middleware cannot see that this one is below its 1 KB threshold and would
// brotli-compress 105 bytes on every request.
const LENGTH = String(Buffer.byteLength(BODY));

export function loader() {
  return new Response(BODY, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Length": LENGTH,
      "Cache-Control": "no-store",
    },
  });
}

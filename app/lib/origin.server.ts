/**
 * The origin put in mailed links: the public one behind a proxy (APP_ORIGIN),
 * else this request's.
 */
export function publicOrigin(request: Request): string {
  return process.env.APP_ORIGIN?.replace(/\/+$/, "") || new URL(request.url).origin;
}

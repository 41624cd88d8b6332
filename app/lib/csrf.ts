/**
 * Cross-site request forgery guard, applied by the HTTP server to every
 * state-changing request before Remix sees it. Browsers send Origin on POST
 * (and Sec-Fetch-Site); a request from another site is refused. Clients that
 * send neither (curl, scripts) carry no victim's cookies and pass.
 */
export interface OriginCheckInput {
  method: string;
  host: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
  /** The public origin when behind a proxy (APP_ORIGIN), e.g. https://sayembara.go.id */
  appOrigin?: string;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isForgedRequest(r: OriginCheckInput): boolean {
  if (SAFE_METHODS.has(r.method.toUpperCase())) return false;
  if (r.secFetchSite === "cross-site") return true;
  if (r.origin === undefined) return false;
  if (r.origin === "null") return true;
  let originHost: string;
  try {
    originHost = new URL(r.origin).host;
  } catch {
    return true;
  }
  if (r.appOrigin) {
    try {
      if (new URL(r.appOrigin).host === originHost) return false;
    } catch {
      // fall through to the Host comparison
    }
  }
  return originHost !== r.host;
}

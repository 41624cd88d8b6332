import { PassThrough } from "node:stream";
import type { EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";

const ABORT_DELAY = 5_000;

/** Log real server errors only: not aborted requests, and not the 403/404 responses we throw on purpose. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (error instanceof Response && error.status < 500) return;
  if (error && typeof error === "object" && "status" in error && Number((error as { status: number }).status) < 500) return;
  console.error(error);
};

/** Security headers on every document. */
function secure(headers: Headers): void {
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Referrer-Policy", "same-origin");
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "private, no-store");
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />,
      {
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          secure(responseHeaders);
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * Used by the HTTP server (scripts/server.mjs), which has no i18n of its own:
 * the page shown when a cross-site POST is refused.
 */
export { isForgedRequest } from "~/lib/csrf";
export async function forgedRequestPage(request: Request): Promise<Response> {
  const { getLocale } = await import("~/i18n/locale.server");
  const { translate } = await import("~/i18n");
  const locale = await getLocale(request);
  const title = translate(locale, "errors.forbidden.title");
  const body = translate(locale, "errors.csrf");
  return new Response(
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1><p>${body}</p><p><a href="/">${translate(locale, "nav.home")}</a></p></main></body></html>`,
    { status: 403, headers: { "Content-Type": "text/html; charset=utf-8" } },
  );
}

/**
 * Work the server does on a timer (scripts/server.mjs, every 30 s): publish
 * scheduled announcements whose time has come, even when nobody opens a page.
 */
export async function tick(): Promise<void> {
  const { getDb } = await import("~/db.server");
  const { releaseDueAnnouncements } = await import("~/services/announcements.server");
  await releaseDueAnnouncements(getDb(), new Date());
}

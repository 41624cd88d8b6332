/**
 * Who is asking, and may they? Routes call requireActor / requirePermission;
 * services call assertCan. The permission table itself is ~/domain/permissions.
 */
import { redirect } from "@remix-run/node";
import { getDb } from "~/db.server";
import { can, type Action, type Resource } from "~/domain/permissions";
import type { Actor } from "~/domain/roles";
import { loadActor } from "~/models/users.server";
import { readSession } from "./session.server";

/**
 * The root loader and the route loader of one document request both need the
 * actor; the HTTP server tags each request with a fresh id (never the
 * client's), so the second call reuses the first one's answer. Entries live a
 * few seconds at most. Only reads share: an action may change the actor (roles,
 * password), so it and the loaders after it load afresh.
 */
const perRequest = new Map<string, Promise<Actor | null>>();

async function loadCurrentActor(request: Request): Promise<Actor | null> {
  const session = await readSession(request);
  if (!session) return null;
  return loadActor(getDb(), session.userId);
}

export function getActor(request: Request): Promise<Actor | null> {
  const requestId = request.headers.get("x-sayembara-request");
  if (!requestId || (request.method !== "GET" && request.method !== "HEAD")) return loadCurrentActor(request);
  const key = `${requestId}|${request.headers.get("Cookie") ?? ""}`;
  let actor = perRequest.get(key);
  if (!actor) {
    actor = loadCurrentActor(request);
    perRequest.set(key, actor);
    setTimeout(() => perRequest.delete(key), 5_000).unref();
  }
  return actor;
}

/** The signed-in actor, or a redirect to the login page that comes back here. */
export async function requireActor(request: Request): Promise<Actor> {
  const actor = await getActor(request);
  if (!actor) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return actor;
}

/** Throws 403 unless the actor may do `action` on `resource`. */
export function assertCan(actor: Actor, action: Action, resource?: Resource): void {
  if (!can(actor, action, resource)) throw new Response("Forbidden", { status: 403 });
}

export async function requirePermission(request: Request, action: Action, resource?: Resource): Promise<Actor> {
  const actor = await requireActor(request);
  assertCan(actor, action, resource);
  return actor;
}

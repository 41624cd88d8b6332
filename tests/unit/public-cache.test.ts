import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import compression from "compression";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { createPublicCache } from "../../scripts/public-cache.mjs";

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function start(opts: { ttlSeconds?: number; now?: () => number } = {}) {
  const cache = createPublicCache({ ttlSeconds: opts.ttlSeconds ?? 10, now: opts.now });
  const calls: string[] = [];
  const app = express();
  app.use(compression({ threshold: 0 }));
  app.use(cache.middleware);
  app.get("*", (req, res) => {
    calls.push(req.originalUrl);
    const body = `<html><body>${"halaman publik ".repeat(200)} ${req.originalUrl} #${calls.length}</body></html>`;
    if (req.path === "/private") res.setHeader("Cache-Control", "private, no-store");
    else res.setHeader("Cache-Control", "public, max-age=60");
    res.status(req.path === "/missing" ? 404 : 200).type("html").send(body);
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  servers.push(server);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = (p: string, headers: Record<string, string> = {}) => fetch(base + p, { headers });
  return { cache, calls, get };
}

describe("public page cache", () => {
  it("renders a public page once and serves the same body to the next visitor", async () => {
    const { calls, get } = await start();
    const a = await get("/editions/kipp-2023/winners");
    const b = await get("/editions/kipp-2023/winners");
    expect(a.headers.get("x-public-cache")).toBe("miss");
    expect(b.headers.get("x-public-cache")).toBe("hit");
    expect(await b.text()).toBe(await a.text());
    expect(calls).toEqual(["/editions/kipp-2023/winners"]);
  });

  it("serves brotli, gzip or plain bytes as the client accepts, all decoding to the page", async () => {
    const { get } = await start();
    const first = await (await get("/innovations?q=sampah")).text();
    const raw = (enc: string) => get("/innovations?q=sampah", { "accept-encoding": enc });
    const plain = await raw("identity");
    expect(plain.headers.get("x-public-cache")).toBe("hit");
    expect(await plain.text()).toBe(first);
    // fetch decodes br and gzip itself: the decoded text must be the page.
    const br = await raw("br");
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(await br.text()).toBe(first);
    const gz = await raw("gzip");
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(await gz.text()).toBe(first);
  });

  it("never answers a visitor with a session cookie from the cache, nor keeps private, non-200 pages", async () => {
    const { calls, get } = await start();
    await get("/editions/kipp-2023");
    const signedIn = await get("/editions/kipp-2023", { cookie: "sayembara_session=abc" });
    expect(signedIn.headers.get("x-public-cache")).toBeNull();
    await get("/private");
    await get("/private");
    await get("/missing");
    await get("/missing");
    expect(calls).toEqual(["/editions/kipp-2023", "/editions/kipp-2023", "/private", "/private", "/missing", "/missing"]);
  });

  it("keeps languages apart, empties on clear() and expires after the TTL", async () => {
    let t = 1_000_000;
    const { cache, calls, get } = await start({ ttlSeconds: 10, now: () => t });
    await get("/");
    await get("/", { cookie: "sayembara_lang=ImVuIg%3D%3D" });
    await get("/");
    expect(calls).toEqual(["/", "/"]);
    cache.clear();
    await get("/");
    expect(calls).toHaveLength(3);
    t += 10_001;
    const late = await get("/");
    expect(late.headers.get("x-public-cache")).toBe("miss");
    expect(calls).toHaveLength(4);
  });
});

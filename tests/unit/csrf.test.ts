import { describe, expect, it } from "vitest";
import { isForgedRequest } from "~/lib/csrf";

const base = { host: "localhost:3000", secFetchSite: undefined, origin: undefined };

describe("isForgedRequest", () => {
  it("lets safe methods through whatever their origin", () => {
    expect(isForgedRequest({ ...base, method: "GET", origin: "http://evil.example" })).toBe(false);
    expect(isForgedRequest({ ...base, method: "HEAD", secFetchSite: "cross-site" })).toBe(false);
  });

  it("accepts a POST from the same host", () => {
    expect(isForgedRequest({ ...base, method: "POST", origin: "http://localhost:3000", secFetchSite: "same-origin" })).toBe(false);
  });

  it("refuses a POST from another origin, a null origin, or a cross-site fetch", () => {
    expect(isForgedRequest({ ...base, method: "POST", origin: "http://evil.example" })).toBe(true);
    expect(isForgedRequest({ ...base, method: "POST", origin: "http://localhost:3001" })).toBe(true);
    expect(isForgedRequest({ ...base, method: "POST", origin: "null" })).toBe(true);
    expect(isForgedRequest({ ...base, method: "DELETE", secFetchSite: "cross-site" })).toBe(true);
    expect(isForgedRequest({ ...base, method: "POST", origin: "not a url" })).toBe(true);
  });

  it("accepts the configured public origin behind a proxy", () => {
    expect(
      isForgedRequest({ method: "POST", host: "127.0.0.1:3000", origin: "https://sayembara.go.id", secFetchSite: "same-origin", appOrigin: "https://sayembara.go.id" }),
    ).toBe(false);
  });

  it("lets clients that send no Origin through (they carry no victim's cookies)", () => {
    expect(isForgedRequest({ ...base, method: "POST" })).toBe(false);
  });
});

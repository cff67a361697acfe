import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { assertSameOriginChange } from "./request-origin";

const configured = process.env.NEXTAUTH_URL;
afterEach(() => {
  if (configured === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = configured;
});

function refusal(method: string, headers: Record<string, string>): string | null {
  try {
    assertSameOriginChange(method, new Headers(headers));
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("forbidden");
    return (error as AppError).message;
  }
}

const json = { "content-type": "application/json" };

describe("assertSameOriginChange", () => {
  it("lets reads through whatever their origin", () => {
    expect(refusal("GET", { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).toBeNull();
    expect(refusal("HEAD", { "sec-fetch-site": "same-site" })).toBeNull();
  });

  it("accepts the app's own JSON changes, and clients outside a browser", () => {
    delete process.env.NEXTAUTH_URL;
    expect(refusal("POST", { ...json, host: "cr.example:3000", origin: "http://cr.example:3000", "sec-fetch-site": "same-origin" })).toBeNull();
    expect(refusal("DELETE", { host: "cr.example:3000", origin: "http://cr.example:3000" })).toBeNull();
    expect(refusal("POST", { ...json, host: "cr.example" })).toBeNull();
    expect(refusal("POST", { host: "cr.example" })).toBeNull();
    expect(refusal("PATCH", { "content-type": "application/merge-patch+json; charset=utf-8", "sec-fetch-site": "none" })).toBeNull();
  });

  it("refuses what the browser marks as coming from another origin or site", () => {
    for (const site of ["same-site", "cross-site"]) {
      expect(refusal("POST", { ...json, "sec-fetch-site": site })).toMatch(new RegExp(`Cross-site request refused: .*${site}`));
    }
  });

  it("refuses another Origin: another port of the host, a sibling subdomain, or none at all", () => {
    delete process.env.NEXTAUTH_URL;
    const host = { host: "localhost:3000" };
    expect(refusal("POST", { ...json, ...host, origin: "http://localhost:4000" })).toMatch(/came from http:\/\/localhost:4000/);
    expect(refusal("POST", { ...json, host: "cr.corp.example", origin: "https://wiki.corp.example" })).toMatch(/Cross-origin/);
    expect(refusal("POST", { ...json, ...host, origin: "null" })).toMatch(/came from null/);
  });

  it("compares with NEXTAUTH_URL's origin when set, and with the forwarded host behind a proxy otherwise", () => {
    process.env.NEXTAUTH_URL = "https://cr.example.com/base";
    expect(refusal("POST", { ...json, host: "internal:3000", origin: "https://cr.example.com" })).toBeNull();
    expect(refusal("POST", { ...json, host: "cr.example.com", origin: "http://cr.example.com" })).toMatch(/Cross-origin/);
    delete process.env.NEXTAUTH_URL;
    expect(refusal("POST", { ...json, host: "internal:3000", "x-forwarded-host": "cr.example.com", origin: "https://cr.example.com" })).toBeNull();
  });

  it("refuses a change with the cookie whose body is not JSON, as an HTML form's always is", () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      expect(refusal("POST", { "content-type": type })).toMatch(/send JSON/);
    }
  });
});

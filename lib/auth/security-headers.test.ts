import { describe, expect, it } from "vitest";
import { nonPageContentSecurityPolicy, pageContentSecurityPolicy, securityHeaders } from "./security-headers";

type HeaderRule = { source: string; headers: { key: string; value: string }[] };

describe("security headers", () => {
  it("next.config.js sends the same headers as lib/, and the non-page policy on API routes, static files and /metrics", async () => {
    // Plain JS outside the TypeScript project: imported by URL.
    const nextConfig = (await import(new URL("../../next.config.js", import.meta.url).href)).default as { headers: () => Promise<HeaderRule[]> };
    const rules = await nextConfig.headers();
    const headersFor = (source: string) => Object.fromEntries(rules.find((rule) => rule.source === source)!.headers.map((h) => [h.key, h.value]));
    expect(headersFor("/:path*")).toEqual(securityHeaders);
    expect(headersFor("/api/:path*")).toEqual({ "Content-Security-Policy": nonPageContentSecurityPolicy });
    expect(headersFor("/_next/:path*")).toEqual({ "Content-Security-Policy": nonPageContentSecurityPolicy });
    expect(headersFor("/metrics")).toEqual({ "Content-Security-Policy": nonPageContentSecurityPolicy });
  });

  it("lets a page run only scripts with its nonce, and forbids framing, plugins, base and foreign form targets", () => {
    const policy = pageContentSecurityPolicy("abc123");
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) expect(policy).toContain(directive);
    expect(pageContentSecurityPolicy("abc123", true)).toMatch(/script-src[^;]*'unsafe-eval'/);
  });
});

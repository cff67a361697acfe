import { describe, expect, it } from "vitest";
import { observed, routeTemplate } from "./observe-route";
import { metrics } from "./registry";

describe("routeTemplate", () => {
  it("puts each param's name where its value is", () => {
    expect(routeTemplate("/api/v1/agents/claims-agent", { slug: "claims-agent" })).toBe("/api/v1/agents/[slug]");
    expect(routeTemplate("/api/v1/agents/claims-agent/policies/tools/versions", { slug: "claims-agent", scope: "tools" })).toBe(
      "/api/v1/agents/[slug]/policies/[scope]/versions",
    );
    expect(routeTemplate("/api/v1/guard", {})).toBe("/api/v1/guard");
  });

  it("reads values in route order, so one equal to a later static segment lands in its own place", () => {
    expect(routeTemplate("/api/v1/agents/policies/policies/x/approve", { slug: "policies", id: "x" })).toBe("/api/v1/agents/[slug]/policies/[id]/approve");
  });

  it("matches percent-encoded segments to decoded values, and a catch-all to its run of segments", () => {
    expect(routeTemplate("/api/v1/sessions/a%20b", { id: "a b" })).toBe("/api/v1/sessions/[id]");
    expect(routeTemplate("/api/auth/callback/credentials", { nextauth: ["callback", "credentials"] })).toBe("/api/auth/[...nextauth]");
  });

  it("never returns a concrete value it could not place", () => {
    expect(routeTemplate("/api/v1/agents/one", { slug: "two" })).toBe("(unmatched)");
  });
});

describe("observed", () => {
  const countOf = async (route: string, status: string) =>
    (await metrics().httpRequests.get()).values.find((value) => value.labels.route === route && value.labels.status === status)?.value ?? 0;

  it("counts a handler's answers under the route template, and a throw as 500", async () => {
    const handler = observed(async (_request: Request, _context: { params: Promise<Record<string, string>> }) => new Response(null, { status: 204 }));
    const context = { params: Promise.resolve({ id: "k-1" }) };
    await handler(new Request("http://localhost/api/v1/keys/k-1", { method: "DELETE" }), context);
    expect(await countOf("/api/v1/keys/[id]", "204")).toBe(1);

    const failing = observed(async (_request: Request, _context: { params?: Promise<Record<string, string>> }): Promise<Response> => {
      throw new Error("boom");
    });
    await expect(failing(new Request("http://localhost/api/v1/teams"), {})).rejects.toThrow("boom");
    expect(await countOf("/api/v1/teams", "500")).toBe(1);
  });
});

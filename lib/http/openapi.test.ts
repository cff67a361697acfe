import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { apiRoutes } from "./api-routes";
import { buildOpenApi } from "./openapi";

// The API description is built from the route declarations: a route file on disk without a declaration
// (or with one that says another path or method) fails here.

const appApi = path.resolve(__dirname, "../../app/api");
// next-auth's own endpoints (sign-in, session, csrf) are next-auth's protocol, not this API.
const notDescribed = new Set(["/api/auth/{...nextauth}"]);

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

// app/api/v1/agents/[slug]/route.ts → /api/v1/agents/{slug}
function pathOf(file: string): string {
  const segments = path.relative(appApi, path.dirname(file)).split(path.sep);
  return "/api/" + segments.map((segment) => segment.replace(/^\[(.+)\]$/, "{$1}")).join("/");
}

const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const [, method] of source.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) found.add(method);
  for (const [, names] of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const name of names.split(",")) {
      const exported = name.trim().split(/\s+as\s+/).pop();
      if (exported && methods.includes(exported)) found.add(exported);
    }
  }
  return [...found];
}

const document = buildOpenApi(apiRoutes, { version: "test" });
type Operation = { operationId: string; summary: string; security: unknown[]; parameters: { name: string; in: string }[]; responses: Record<string, unknown> };
const paths = document.paths as Record<string, Record<string, Operation>>;

describe("GET /api/v1/openapi.json", () => {
  const files = routeFiles(appApi);

  it("finds the route files", () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it("describes every method of every route file under app/api", () => {
    const missing: string[] = [];
    for (const file of files) {
      const routePath = pathOf(file);
      if (notDescribed.has(routePath)) continue;
      const source = readFileSync(file, "utf8");
      const exported = exportedMethods(source);
      expect(exported.length, `${routePath} exports no method`).toBeGreaterThan(0);
      for (const method of exported) if (!paths[routePath]?.[method.toLowerCase()]) missing.push(`${method} ${routePath}`);
    }
    expect(missing).toEqual([]);
  });

  it("describes nothing that is not on disk", () => {
    const onDisk = new Set(files.map(pathOf));
    expect(Object.keys(paths).filter((routePath) => !onDisk.has(routePath))).toEqual([]);
  });

  it("is an OpenAPI 3.1 document: each operation with an id, a summary, its path parameters, responses and schemas", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.info.title).toBeTruthy();
    const ids = new Set<string>();
    for (const [routePath, operations] of Object.entries(paths)) {
      expect(routePath).toMatch(/^\/api\//);
      for (const [method, operation] of Object.entries(operations)) {
        expect(methods).toContain(method.toUpperCase());
        expect(operation.summary).toBeTruthy();
        expect(ids.has(operation.operationId), operation.operationId).toBe(false);
        ids.add(operation.operationId);
        const templated = [...routePath.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
        expect(operation.parameters.filter((parameter) => parameter.in === "path").map((parameter) => parameter.name)).toEqual(templated);
        // Every operation answers something on success, except one that exists only to refuse (405).
        const refuses = Object.keys(operation.responses).includes("405");
        expect(refuses || Object.keys(operation.responses).some((status) => /^2\d\d$/.test(status))).toBe(true);
      }
    }
    expect(document.components.schemas.Error).toMatchObject({ type: "object", required: ["error"] });
  });

  it("states the agent-facing contract: the guard's request and answer, agent-key auth", () => {
    const guard = paths["/api/v1/guard"].post as Operation & { requestBody: { content: Record<string, { schema: { properties: Record<string, unknown>; required: string[] } }> } };
    expect(guard.security).toEqual([{ agentKey: [] }]);
    const request = guard.requestBody.content["application/json"].schema;
    expect(request.required).toEqual(["check", "sessionId"]);
    expect(Object.keys(request.properties)).toEqual(expect.arrayContaining(["check", "sessionId", "text", "channel", "action", "usage"]));
    const answer = (guard.responses["200"] as { content: Record<string, { schema: { properties: Record<string, { enum?: string[] }> } }> }).content["application/json"].schema;
    expect(answer.properties.verdict.enum).toEqual(["allow", "deny", "hold"]);
    expect(paths["/api/v1/traces"].get.parameters.map((parameter) => parameter.name)).toEqual(expect.arrayContaining(["agent", "since", "limit"]));
    expect(paths["/api/otlp/v1/traces"].post).toMatchObject({ requestBody: { content: { "application/x-protobuf": {}, "application/json": {} } } });
    expect(paths["/api/v1/agents"].get).toMatchObject({ "x-permission": "agents:read", security: [{ session: [] }, { adminKey: [] }] });
  });
});

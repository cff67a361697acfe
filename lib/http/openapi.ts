import { z } from "zod";
import type { RouteDeclaration } from "./route-declaration";
import { errorResponseSchema } from "./schemas";

// The OpenAPI 3.1 description of the API, built from the route declarations (lib/http/api-routes.ts):
// what each route takes (path parameters, query, body) and gives, its authentication and the
// permission behind it. OpenAPI 3.1's schema dialect is JSON Schema 2020-12, which z.toJSONSchema writes.

type JsonSchema = Record<string, unknown>;

// Wire shapes: the input side of each schema (defaults optional, transforms not yet applied). Dates
// are written as ISO strings; anything else zod cannot express becomes "any value".
function toSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema._zod.def.type === "date") Object.assign(jsonSchema, { type: "string", format: "date-time" });
    },
  }) as JsonSchema;
  delete json.$schema;
  return json;
}

const security: Record<RouteDeclaration["auth"], Record<string, string[]>[]> = {
  agent: [{ agentKey: [] }],
  user: [{ session: [] }, { adminKey: [] }],
  user_or_agent: [{ session: [] }, { adminKey: [] }, { agentKey: [] }],
  none: [],
};

const errorStatuses: Record<RouteDeclaration["auth"], string[]> = {
  agent: ["401", "403", "422", "429", "503"],
  user: ["401", "403", "404", "409", "422", "429", "503"],
  user_or_agent: ["401", "403", "404", "409", "422", "429", "503"],
  none: [],
};

export function buildOpenApi(routes: readonly RouteDeclaration[], info: { version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operations = (paths[route.path] ??= {});
    const method = route.method.toLowerCase();
    if (operations[method]) throw new Error(`Two declarations for ${route.method} ${route.path}`);
    operations[method] = operation(route);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Control Room API",
      version: info.version,
      description:
        "The agent-facing contract (guard, traces, decisions; Authorization: Bearer <agent key>) and the management API (session cookie or an admin key). Errors are { error: { code, message, details? } }.",
    },
    paths,
    components: {
      securitySchemes: {
        agentKey: { type: "http", scheme: "bearer", description: "An agent API key: it names the agent" },
        adminKey: { type: "http", scheme: "bearer", description: "An admin API key for the management API" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "A signed-in browser session (__Secure- prefixed over HTTPS)" },
      },
      schemas: { Error: toSchema(errorResponseSchema) },
    },
  };
}

function operation(route: RouteDeclaration) {
  const status = String(route.status ?? 200);
  const errors = Object.fromEntries(
    errorStatuses[route.auth].map((code) => [code, { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]),
  );
  return {
    operationId: operationId(route),
    summary: route.summary,
    ...(route.permission ? { "x-permission": route.permission } : {}),
    security: security[route.auth],
    parameters: [...pathParameters(route.path), ...queryParameters(route.query)],
    ...requestBody(route),
    responses: { [status]: successResponse(route), ...errors },
  };
}

// GET /api/v1/agents/{slug}/keys → getAgentsSlugKeys: stable and unique per method and path.
function operationId(route: RouteDeclaration): string {
  const words = route.path
    .replace(/^\/api\/(v1\/)?/, "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return route.method.toLowerCase() + words.map((word) => word[0].toUpperCase() + word.slice(1)).join("");
}

function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } }));
}

function queryParameters(query: z.ZodType | undefined) {
  if (!query) return [];
  const schema = toSchema(query);
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: "query", required: required.has(name), ...(description ? { description } : {}), schema: rest };
  });
}

function requestBody(route: RouteDeclaration) {
  if (route.requestMediaTypes) {
    return { requestBody: { required: true, content: Object.fromEntries(route.requestMediaTypes.map((type) => [type, {}])) } };
  }
  const body = route.body ?? route.bodyCheckedByLib;
  if (!body) return {};
  return { requestBody: { required: true, content: { "application/json": { schema: toSchema(body) } } } };
}

function successResponse(route: RouteDeclaration) {
  if (route.responseMediaTypes) return { description: "OK", content: Object.fromEntries(route.responseMediaTypes.map((type) => [type, {}])) };
  return { description: "OK", content: { "application/json": { schema: route.response ? toSchema(route.response) : {} } } };
}

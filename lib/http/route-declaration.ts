import type { z } from "zod";
import type { Permission } from "../auth/permissions";

// What a route takes and gives, declared once: lib/http/route.ts runs it, lib/http/openapi.ts
// describes it. Free of Next.js and the database, so the API description can be built anywhere.

// user_or_agent: a signed-in user, an admin key or an agent key (an evaluation harness reports with either).
export type AuthMode = "user" | "agent" | "user_or_agent" | "none";
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type Schema = z.ZodType | undefined;

// What the wrapper (lib/http/route.ts) needs to run a route.
export type Options<A extends AuthMode, B extends Schema, Q extends Schema, R extends Schema> = {
  auth: A;
  body?: B;
  query?: Q;
  response?: R;
  status?: number;
  maxBodyBytes?: number;
};

// A route as the API description shows it: the wrapper's options plus where it lives and what it is for.
export type RouteDeclaration<A extends AuthMode = AuthMode, B extends Schema = Schema, Q extends Schema = Schema, R extends Schema = Schema> =
  Options<A, B, Q, R> & {
  method: HttpMethod;
  // OpenAPI's template: /api/v1/agents/{slug}
  path: `/api/${string}`;
  summary: string;
  // The permission the lib function behind the route enforces (lib/auth/permissions.ts); stated here
  // for the description, never checked twice. null: the key itself is the right (agent endpoints) or
  // the route is public.
  permission: Permission | null;
  // A JSON body the lib function validates itself (its own error details): described, not parsed here.
  bodyCheckedByLib?: z.ZodType;
  // Bodies that are not JSON (OTLP's protobuf, a CSV download), in place of the body/response schema.
  requestMediaTypes?: string[];
  responseMediaTypes?: string[];
};

// Returns the declaration as given, with its schemas' own types kept: apiRoute types the handler from them.
export const declareRoute = <A extends AuthMode, B extends Schema = undefined, Q extends Schema = undefined, R extends Schema = undefined>(
  declaration: RouteDeclaration<A, B, Q, R>,
) => declaration;

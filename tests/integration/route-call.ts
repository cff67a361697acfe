import { NextRequest } from "next/server";
import { expect } from "vitest";
import type { z } from "zod";
import type { RouteDeclaration } from "../../lib/http/route-declaration";

// Calling a route handler as an HTTP client would (a bearer key, path parameters, a JSON body), checking
// the status and that a success parses with the response schema the API description publishes.

export type RouteHandler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type RouteCall = { key: string; params?: Record<string, string>; query?: string; body?: unknown; status?: number };

export async function callRoute(route: RouteDeclaration, handler: RouteHandler, options: RouteCall) {
  let path: string = route.path;
  for (const [name, value] of Object.entries(options.params ?? {})) path = path.replace(`{${name}}`, value);
  const request = new NextRequest(`http://localhost${path}${options.query ?? ""}`, {
    method: route.method,
    headers: { Authorization: `Bearer ${options.key}`, ...(options.body !== undefined ? { "Content-Type": "application/json" } : {}) },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const body = await response.json();
  const status = options.status ?? route.status ?? 200;
  expect(response.status, JSON.stringify(body)).toBe(status);
  if (status < 300) {
    const parsed = (route.response as z.ZodType).safeParse(body);
    expect(parsed.success, `${route.method} ${route.path}: ${parsed.error?.message}`).toBe(true);
  }
  return body;
}

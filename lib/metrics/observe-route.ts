import { performance } from "node:perf_hooks";
import { observeRequest } from "./record";

// Counting and timing for Next.js route handlers, by the declared route template.

type Params = Record<string, string | string[] | undefined>;
type RouteContext = { params?: Promise<Params> };
type Handler<R extends Request, C extends RouteContext> = (request: R, context: C) => Promise<Response>;

// Wraps a route handler: every answer is counted under its template, errors thrown past the handler
// as 500.
export function observed<R extends Request, C extends RouteContext>(handler: Handler<R, C>): Handler<R, C> {
  return async (request, context) => {
    const started = performance.now();
    let status = 500;
    try {
      const response = await handler(request, context);
      status = response.status;
      return response;
    } finally {
      const params = context?.params ? await context.params.catch(() => ({})) : {};
      const seconds = (performance.now() - started) / 1000;
      observeRequest({ route: routeTemplate(pathnameOf(request), params), method: request.method, status, seconds });
    }
  };
}

const pathnameOf = (request: Request & { nextUrl?: URL }) => request.nextUrl?.pathname ?? new URL(request.url).pathname;

// The route's template from the concrete path and its params ("/api/v1/agents/claims-agent" with
// { slug: "claims-agent" } → "/api/v1/agents/[slug]"): Next.js does not tell a handler its template.
// Params come in route order; each names the first unclaimed segment after the previous one that
// holds its value (a catch-all, the run of segments holding its values). A param found nowhere gives
// "(unmatched)" rather than the concrete path, so no request can add a series of its own.
export function routeTemplate(pathname: string, params: Params = {}): string {
  const segments = pathname.split("/").map(decodeSegment);
  let from = 1;
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    const at = findRun(segments, values, from);
    if (values.length === 0) continue;
    if (at === -1) return "(unmatched)";
    segments.splice(at, values.length, Array.isArray(value) ? `[...${name}]` : `[${name}]`);
    from = at + 1;
  }
  return segments.join("/") || "/";
}

function findRun(segments: string[], values: string[], from: number): number {
  for (let at = from; at + values.length <= segments.length; at++) {
    if (values.every((value, offset) => segments[at + offset] === value)) return at;
  }
  return -1;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

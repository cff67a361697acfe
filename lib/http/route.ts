import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { AppError } from "../errors/app-error";
import { toErrorResponse } from "./error-response";
import { takeToken } from "./rate-limit";
import { authenticateKey } from "../keys/authenticate-key";
import { authenticateAgent, bearerToken } from "./authenticate-agent";
import { checkDeclaredLength, parseJsonBody } from "./json-body";
import { getPrincipal } from "../auth/session";
import { assertSameOriginChange } from "../auth/request-origin";
import type { AgentPrincipal, UserPrincipal } from "../auth/principal";
import type { AuthMode, RouteDeclaration, Schema } from "./route-declaration";
import { observeRequest } from "../metrics/record";

// One wrapper for every JSON route handler: authentication, rate limit, body and query parsing,
// and the error model. Handlers return plain data (typed by the declared response schema, or a
// Response for what is not JSON) and throw AppError. Routes pass their declaration
// (lib/http/route-declaration.ts), which also feeds the API description (lib/http/openapi.ts), so what
// a route takes and gives is written once.

type PrincipalFor<A extends AuthMode> = A extends "user"
  ? UserPrincipal
  : A extends "agent"
    ? AgentPrincipal
    : A extends "user_or_agent"
      ? UserPrincipal | AgentPrincipal
      : null;

type RouteContext = { params: Promise<Record<string, string>> };

type HandlerArgs<A extends AuthMode, B, Q> = {
  principal: PrincipalFor<A>;
  body: B extends z.ZodType ? z.infer<B> : undefined;
  query: Q extends z.ZodType ? z.infer<Q> : undefined;
  params: Record<string, string>;
  request: NextRequest;
};

// The declared response as the handler may build it (z.input: Dates before they become JSON strings).
type Reply<R> = Response | (R extends z.ZodType ? z.input<R> : unknown);

const DEFAULT_MAX_BODY = 1024 * 1024;

export function apiRoute<A extends AuthMode, B extends Schema = undefined, Q extends Schema = undefined, R extends Schema = undefined>(
  options: RouteDeclaration<A, B, Q, R>,
  handler: (args: HandlerArgs<A, B, Q>) => Promise<Reply<R>>,
) {
  return async (request: NextRequest, context: RouteContext) => {
    const started = performance.now();
    const response = await answer(request, context);
    // Counted under the declared path template ("/api/v1/agents/{slug}"), never the concrete URL.
    observeRequest({ route: options.path, method: request.method, status: response.status, seconds: (performance.now() - started) / 1000 });
    return response;
  };

  async function answer(request: NextRequest, context: RouteContext): Promise<Response> {
    try {
      const principal = (await authenticate(request, options.auth)) as PrincipalFor<A>;
      const params = context?.params ? await context.params : {};
      const query = options.query ? options.query.parse(Object.fromEntries(request.nextUrl.searchParams)) : undefined;
      const body = options.body ? options.body.parse(await readJson(request, options.maxBodyBytes ?? DEFAULT_MAX_BODY)) : undefined;
      const result = await handler({ principal, body, query, params, request } as HandlerArgs<A, B, Q>);
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? {}, { status: options.status ?? 200 });
    } catch (error) {
      const { status, body, headers } = toErrorResponse(error);
      return NextResponse.json(body, { status, headers });
    }
  }
}

async function authenticate(request: NextRequest, mode: AuthMode) {
  if (mode === "none") return null;
  const authorization = request.headers.get("authorization");
  if (mode === "agent") return authenticateAgent(authorization);
  const bearer = bearerToken(authorization);
  if (bearer) {
    const principal = await authenticateKey(bearer);
    if (principal.kind === "agent") {
      if (mode !== "user_or_agent") throw new AppError("forbidden", "Agent keys cannot use the management API");
      takeToken(principal.keyId);
      return principal;
    }
    takeToken(`user:${principal.userId}`);
    return principal;
  }
  // The session cookie rides along with requests from any page of the site: changes must be the app's own.
  assertSameOriginChange(request.method, request.headers);
  const principal = await getPrincipal();
  if (!principal) throw new AppError("unauthenticated", "Sign in, or send an admin API key as Authorization: Bearer <key>");
  return principal;
}

export async function readJson(request: Request, maxBytes: number): Promise<unknown> {
  checkDeclaredLength(request.headers.get("content-length"), maxBytes);
  return parseJsonBody(await request.text(), request.headers.get("content-type"), maxBytes);
}

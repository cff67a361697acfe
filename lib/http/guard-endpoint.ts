import { checkGuard } from "../guard/check-guard";
import { authenticateAgent } from "./authenticate-agent";
import { readJsonStream } from "./json-body";
import { toErrorResponse } from "./error-response";
import { GUARD_BODY_LIMIT } from "../guard/routes";
import { observeRequest } from "../metrics/record";

// POST /api/v1/guard, whichever server received it: the Next.js route (app/api/v1/guard/route.ts, for
// `next dev` and `next start`) and the node:http fast path of the production server
// (lib/http/node-routes.ts) both hand their request here, so authentication, the rate limit, the body
// limit (declared with the route: lib/guard/routes.ts), the one read of the body and the error model
// cannot drift apart. The body is validated once, by checkGuard, which passes the parsed request on.

export type GuardHttpRequest = {
  authorization: string | null | undefined;
  contentType: string | null | undefined;
  contentLength: string | null | undefined;
  // The body's bytes as they arrive: an IncomingMessage or a fetch Request's body stream.
  body: AsyncIterable<Uint8Array> | null;
};

export type EndpointAnswer = { status: number; headers: Record<string, string>; body: unknown };

const NO_HEADERS: Record<string, string> = {};

export async function serveGuard(request: GuardHttpRequest): Promise<EndpointAnswer> {
  const started = performance.now();
  const answer = await answerGuard(request);
  observeRequest({ route: "/api/v1/guard", method: "POST", status: answer.status, seconds: (performance.now() - started) / 1000 });
  return answer;
}

async function answerGuard(request: GuardHttpRequest): Promise<EndpointAnswer> {
  try {
    const principal = await authenticateAgent(request.authorization);
    const input = await readJsonStream(request.body, request.contentType, request.contentLength, GUARD_BODY_LIMIT);
    return { status: 200, headers: NO_HEADERS, body: await checkGuard(principal, input) };
  } catch (error) {
    return toErrorResponse(error);
  }
}

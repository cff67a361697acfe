import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { checkGuard } from "../guard/check-guard";
import { authenticateAgent } from "./authenticate-agent";
import { readNodeJson, respondJson } from "./node-json";
import { observeRequest } from "../metrics/record";

// The hottest agent-facing endpoint answered on plain node:http, ahead of Next.js's router (the
// production server, scripts/serve.mjs, asks here first). Next's request handling alone costs several
// times the guard's own work per call (bench/guard.ts), and an agent asks the guard before every
// action. Same path, body rules, authentication, rate limit and error model as the Next route
// (app/api/v1/guard/route.ts), which still serves `next dev` and `next start`.

const GUARD_BODY_LIMIT = 1024 * 1024;

// true when the request was taken (and will be answered) here.
export function serveNodeRoute(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== "POST" || pathOf(request.url) !== "/api/v1/guard") return false;
  // POST /api/v1/guard — decide whether an agent may proceed (agent key)
  const started = performance.now();
  void respondJson(request, response, async () => {
    const principal = await authenticateAgent(request.headers.authorization);
    return checkGuard(principal, await readNodeJson(request, GUARD_BODY_LIMIT));
  }).finally(() => observeRequest({ route: "/api/v1/guard", method: "POST", status: response.statusCode, seconds: (performance.now() - started) / 1000 }));
  return true;
}

function pathOf(url: string | undefined): string {
  if (!url) return "";
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}

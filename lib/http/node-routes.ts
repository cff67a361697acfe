import type { IncomingMessage, ServerResponse } from "node:http";
import { serveGuard } from "./guard-endpoint";
import { sendJson } from "./node-json";

// The hottest agent-facing endpoint answered on plain node:http, ahead of Next.js's router (the
// production server, scripts/serve.mjs, asks here first). Next's request handling alone costs several
// times the guard's own work per call (bench/guard.ts), and an agent asks the guard before every
// action. The endpoint itself is lib/http/guard-endpoint.ts, the same one the Next route
// (app/api/v1/guard/route.ts) calls for `next dev` and `next start`.

// true when the request was taken (and will be answered) here.
export function serveNodeRoute(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== "POST" || pathOf(request.url) !== "/api/v1/guard") return false;
  // POST /api/v1/guard — decide whether an agent may proceed (agent key)
  const { headers } = request;
  serveGuard({ authorization: headers.authorization, contentType: headers["content-type"], contentLength: headers["content-length"], body: request })
    .then((answer) => {
      // A body left unread (too large, or refused before it was read) is not drained: close instead.
      if (!request.readableEnded) response.setHeader("Connection", "close");
      sendJson(response, answer.status, answer.body, answer.headers);
    })
    // serveGuard answers every error itself; what is left (an answer that cannot be written) ends the connection.
    .catch(() => response.destroy());
  return true;
}

function pathOf(url: string | undefined): string {
  if (!url) return "";
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}

import type { IncomingMessage, ServerResponse } from "node:http";
import { serveGuard } from "./guard-endpoint";
import { serveOtlpLogs, serveOtlpTraces } from "./otlp-endpoint";
import { sendBytes, sendJson } from "./node-json";

// The hottest agent-facing endpoints answered on plain node:http, ahead of Next.js's router (the
// production server, scripts/serve.mjs, asks here first). Next's request handling alone costs several
// times the guard's own work per call (bench/guard.ts), and an agent asks the guard before every
// action; for trace ingest, Next's routing and web streams cost the main thread more per batch than
// handing the batch to the ingest worker (bench/ingest.ts). The endpoints themselves are
// lib/http/guard-endpoint.ts and lib/http/otlp-endpoint.ts, the same ones the Next routes
// (app/api/v1/guard/route.ts, app/api/otlp/v1/traces/route.ts) call for `next dev` and `next start`.

// true when the request was taken (and will be answered) here.
export function serveNodeRoute(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== "POST") return false;
  const path = pathOf(request.url);
  const { headers } = request;
  // A body left unread (too large, or refused before it was read) is not drained: close instead.
  const closeIfUnread = () => {
    if (!request.readableEnded) response.setHeader("Connection", "close");
  };
  if (path === "/api/v1/guard") {
    // POST /api/v1/guard — decide whether an agent may proceed (agent key)
    serveGuard({ authorization: headers.authorization, contentType: headers["content-type"], contentLength: headers["content-length"], body: request })
      .then((answer) => {
        closeIfUnread();
        sendJson(response, answer.status, answer.body, answer.headers);
      })
      // serveGuard answers every error itself; what is left (an answer that cannot be written) ends the connection.
      .catch(() => response.destroy());
    return true;
  }
  if (path === "/api/otlp/v1/traces" || path === "/api/otlp/v1/logs") {
    // POST /api/otlp/v1/traces and /api/otlp/v1/logs — OTLP/HTTP trace and log ingest (agent key)
    const serve = path === "/api/otlp/v1/traces" ? serveOtlpTraces : serveOtlpLogs;
    serve({
      authorization: headers.authorization,
      contentType: headers["content-type"],
      contentEncoding: headers["content-encoding"],
      contentLength: headers["content-length"],
      body: request,
    })
      .then((answer) => {
        closeIfUnread();
        if ("bytes" in answer) sendBytes(response, answer.status, answer.bytes, answer.headers);
        else sendJson(response, answer.status, answer.body, answer.headers);
      })
      .catch(() => response.destroy());
    return true;
  }
  return false;
}

function pathOf(url: string | undefined): string {
  if (!url) return "";
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}

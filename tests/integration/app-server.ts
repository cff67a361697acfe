import http from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { serveNodeRoute } from "../../lib/http/node-routes";
import type { RouteHandler } from "./route-call";

// The app's real route handlers behind a real HTTP server on a free port, for clients that must be tested
// over the wire (the SDK): what the production server answers on plain node:http (guard, OTLP ingest)
// goes through serveNodeRoute as scripts/serve.mjs does; the other routes listed here go to their Next.js
// route handlers through a NextRequest, as Next's router would call them.

export type AppRoute = { method: string; path: string; handler: RouteHandler };
export type AppServer = { baseUrl: string; close: () => Promise<void> };

export async function startAppServer(routes: AppRoute[]): Promise<AppServer> {
  const table = routes.map((route) => ({ ...route, pattern: patternOf(route.path) }));
  const server = http.createServer((request, response) => {
    if (serveNodeRoute(request, response)) return;
    void answer(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ error: { code: "internal", message: String(error) } }));
    });
  });

  async function answer(request: http.IncomingMessage, response: http.ServerResponse) {
    const url = new URL(request.url ?? "/", "http://localhost");
    for (const route of table) {
      const match = route.method === request.method ? route.pattern.exec(url.pathname) : null;
      if (!match) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(name, value);
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      const nextRequest = new NextRequest(url.toString(), { method: request.method, headers, body });
      const answered = await route.handler(nextRequest, { params: Promise.resolve(match.groups ?? {}) });
      response.writeHead(answered.status, Object.fromEntries(answered.headers));
      response.end(Buffer.from(await answered.arrayBuffer()));
      return;
    }
    response.writeHead(404, { "Content-Type": "application/json" }).end(JSON.stringify({ error: { code: "not_found", message: "No such route in this test server" } }));
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// "/api/v1/traces/{traceId}" → /^\/api\/v1\/traces\/(?<traceId>[^/]+)$/
function patternOf(path: string): RegExp {
  const source = path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, "(?<$1>[^/]+)");
  return new RegExp(`^${source}$`);
}

// npm run serve [-- -p 3000 -H 0.0.0.0]: Control Room's production server (after npm run build).
// Next.js serves every page and route; the agent-facing guard endpoint is answered first on plain
// node:http by a handler that instrumentation.ts registers on globalThis once the database is ready
// (lib/http/node-routes.ts), because Next's per-request work would dominate a guard call.
// `next start` still works: it serves the same endpoint through its Next.js route, only slower.
import http from "node:http";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname; // undefined: every interface, as `next start`
process.env.PORT = String(port); // read by the demo fleet and the start-up log

// Before Next (and the React it loads) is imported: React picks its production build from NODE_ENV.
process.env.NODE_ENV = "production";
const { default: next } = await import("next");
const app = next({ dev: false, hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();

await app.prepare();
const server = http.createServer((request, response) => {
  // The TCP peer's address for the per-client login throttle (lib/auth/client-address.ts), replacing any
  // value a client sent; the global tells lib/ that this server, not a client, wrote the header.
  request.headers["x-controlroom-client-address"] = request.socket.remoteAddress ?? "";
  globalThis.controlRoomClientAddressHeader = "x-controlroom-client-address";
  const serveNodeRoute = globalThis.controlRoomNodeRoute;
  if (serveNodeRoute?.(request, response)) return;
  void handle(request, response);
});
// Idle keep-alive connections stay open longer than a client's own idle timeout (HTTP clients and load
// balancers commonly keep them 4–60 s). With Node's default of 5 s, a client that reuses a connection
// just as the server closes it gets ECONNRESET on a request the server never saw (seen in CI: an
// agent-key POST after a 5 s pause). headersTimeout must stay above it.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.on("error", (error) => {
  console.error(`[control-room] cannot listen on ${hostname ?? "every interface"} port ${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, hostname, () => console.log(`[control-room] listening on http://${hostname ?? "localhost"}:${port}`));

// Stopping (SIGTERM from an orchestrator, Ctrl-C): stop accepting connections, wake every long-poll so
// it answers with its decision's current state (lib/server/stop-control-room.ts), let in-flight requests finish for
// at most SHUTDOWN_GRACE_MS, take the final audit checkpoint, then exit. A second signal exits at once.
const SHUTDOWN_GRACE_MS = 10_000;

// Keep-alive sockets would otherwise stay open until their idle timeout: each response finished during
// shutdown closes its connection.
function stopAfter(response) {
  if (!response.headersSent) response.setHeader("Connection", "close");
  response.once("finish", () => setImmediate(() => server.closeIdleConnections()));
}

// Responses in flight, and whether new ones (on connections already open) must close after answering.
const inFlight = new Set();
let stopping = false;
server.on("request", (_request, response) => {
  inFlight.add(response);
  response.once("close", () => inFlight.delete(response));
  if (stopping) stopAfter(response);
});

async function shutdown(signal) {
  stopping = true;
  const log = (line) => console.log(`[control-room] ${line}`);
  log(`${signal}: stopping (answering long-polls, finishing requests in flight for up to ${SHUTDOWN_GRACE_MS / 1000} s)`);
  const hooks = globalThis.controlRoomShutdown;
  const drained = new Promise((resolve) => server.close(() => resolve(true)));
  for (const response of inFlight) stopAfter(response);
  hooks?.stopWaiting();
  const finished = await Promise.race([drained, new Promise((resolve) => setTimeout(() => resolve(false), SHUTDOWN_GRACE_MS).unref())]);
  if (!finished) {
    log(`${inFlight.size} request(s) still in flight after ${SHUTDOWN_GRACE_MS / 1000} s: closing their connections`);
    server.closeAllConnections();
  }
  try {
    await hooks?.finish(log);
  } catch (error) {
    console.error(`[control-room] shutdown: ${error instanceof Error ? error.message : error}`);
  }
  await app.close().catch(() => {});
  process.exit(0);
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    // The backstop if the database hangs at the final checkpoint.
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS + 15_000).unref();
    void shutdown(signal);
  });
}

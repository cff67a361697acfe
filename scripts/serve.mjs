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
server.on("error", (error) => {
  console.error(`[control-room] cannot listen on ${hostname ?? "every interface"} port ${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, hostname, () => console.log(`[control-room] listening on http://${hostname ?? "localhost"}:${port}`));

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}

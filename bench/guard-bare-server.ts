// DATABASE_URL=postgresql://…/guard_bench npx tsx --conditions=react-server bench/guard-bare-server.ts --port 4602 --next http://localhost:4601
// A diagnostic, not a way to run Control Room: the guard endpoint (lib/http/node-routes.ts, the same
// handler scripts/serve.mjs answers it with) in a process of its own, without Next.js, listening for
// other replicas' events like any replica; every other request is passed to the Control Room server at
// --next (where bench:guard signs in and sets up its agent). Comparing bench:guard against this server
// and against the Next.js server, on the same database and alternated, tells how much of the guard's
// tail over its floor comes from sharing a process with Next.js (its heap, its work) and how much from
// the guard's own work.
import http from "node:http";
import { parseArgs } from "node:util";
import { startEventListener } from "../lib/events/listen-for-events";
import { serveNodeRoute } from "../lib/http/node-routes";
import "../lib/subscriptions";

const { values } = parseArgs({ options: { port: { type: "string", default: "4602" }, next: { type: "string", default: "http://localhost:3000" } } });
const upstream = new URL(values.next);

await startEventListener((line) => console.log(`[guard-bare] ${line}`));
const server = http.createServer((request, response) => {
  if (serveNodeRoute(request, response)) return;
  const forwarded = http.request(
    { host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: request.headers },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  forwarded.on("error", () => response.destroy());
  request.pipe(forwarded);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(values.port), () => console.log(`[guard-bare] guard on http://localhost:${values.port}, the rest from ${upstream.origin}`));
// Exit on a signal through process.exit, so that `node --cpu-prof` writes its profile.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));

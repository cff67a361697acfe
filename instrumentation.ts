// Next.js calls register() once when a server process starts: prepare the database before the first
// request, then hand the production server (scripts/serve.mjs) the endpoints it answers ahead of Next.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startControlRoom } = await import("./lib/server/start-control-room");
  await startControlRoom();
  const { serveNodeRoute } = await import("./lib/http/node-routes");
  (globalThis as { controlRoomNodeRoute?: typeof serveNodeRoute }).controlRoomNodeRoute = serveNodeRoute;
}

// Next.js calls register() once when a server process starts: prepare the database before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startControlRoom } = await import("./lib/db/startup");
  await startControlRoom();
}

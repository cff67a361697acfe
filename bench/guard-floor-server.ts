// The floor for a durable guard decision on this stack: a bare node:http server that, for each POST,
// commits one row holding the request to the same PostgreSQL and answers JSON. Its writes go through
// the app's own group commit (lib/db/batcher.ts: one multi-row INSERT and one commit per batch, one
// batch in flight) over a pg pool as large as the guard's (CONTROLROOM_GUARD_POOL_SIZE, default 4),
// with the database's own synchronous_commit, as the app's: same durability, none of the guard's work.
// bench/guard.ts --floor starts it as a child process (its own event loop and core share, like the
// server's); by hand: DATABASE_URL=postgresql://…/x_bench npx tsx bench/guard-floor-server.ts [port]
import http from "node:http";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { batched } from "../lib/db/batcher";

const TABLE_SQL = `CREATE TABLE IF NOT EXISTS bench_floor_decisions (
  id uuid PRIMARY KEY, session_id text NOT NULL, request jsonb NOT NULL, created_at timestamptz NOT NULL)`;

const INSERT_SQL = `INSERT INTO bench_floor_decisions (id, session_id, request, created_at)
SELECT r.id, r.session_id, r.request, r.created_at
FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, session_id text, request jsonb, created_at timestamptz)`;

type FloorRow = { id: string; session_id: string; request: unknown; created_at: string };

export async function startFloorServer(databaseUrl: string, port = 0): Promise<{ port: number; close(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: Number(process.env.CONTROLROOM_GUARD_POOL_SIZE) || 4 });
  await pool.query(TABLE_SQL);
  const store = batched(async (rows: FloorRow[]) => {
    await pool.query({ name: "floor_insert", text: INSERT_SQL, values: [JSON.stringify(rows)] });
    return rows.map(() => undefined);
  });

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      let body: { sessionId?: string };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString());
      } catch {
        return answer(response, 400, { error: { code: "invalid_json", message: "The body is not JSON" } });
      }
      const id = randomUUID();
      store({ id, session_id: String(body.sessionId ?? ""), request: body, created_at: new Date().toISOString() }).then(
        () => answer(response, 200, { decisionId: id, verdict: "allow", reasons: [] }),
        (error: unknown) => answer(response, 503, { error: { code: "unavailable", message: error instanceof Error ? error.message : String(error) } }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : port,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}

function answer(response: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  response.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  response.end(text);
}

// Run as a script or a forked child: listen, then tell the parent (or the terminal) which port.
const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!);
if (isMain) {
  const databaseUrl = process.env.FLOOR_DATABASE_URL?.trim() || process.env.DATABASE_URL?.trim();
  if (!databaseUrl) {
    console.error("guard floor server: set DATABASE_URL (or FLOOR_DATABASE_URL)");
    process.exit(1);
  }
  startFloorServer(databaseUrl, Number(process.argv[2] ?? 0)).then(
    ({ port, close }) => {
      if (process.send) process.send({ port });
      else console.log(`guard floor server listening on http://127.0.0.1:${port}`);
      const stop = () => void close().finally(() => process.exit(0));
      process.on("SIGTERM", stop);
      process.on("SIGINT", stop);
      process.on("disconnect", stop);
    },
    (error: unknown) => {
      console.error(`guard floor server: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}

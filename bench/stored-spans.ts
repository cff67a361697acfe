import pg from "pg";
import type { AdminClient } from "../lib/simulator/admin-client";
import { describeFailure } from "../lib/simulator/admin-client";

// How many spans the server stored for an agent: a direct count when DATABASE_URL is given, otherwise
// the read API's per-trace span counts, page by page.
export async function countStoredSpans(agent: string, admin: AdminClient): Promise<{ spans: number; via: string }> {
  const databaseUrl = process.env.DATABASE_URL?.trim();
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const result = await client.query<{ count: string }>(
        "SELECT count(*)::text AS count FROM spans s JOIN agents a ON a.id = s.agent_id WHERE a.slug = $1",
        [agent],
      );
      return { spans: Number(result.rows[0].count), via: "SQL count on DATABASE_URL" };
    } finally {
      await client.end();
    }
  }
  let spans = 0;
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ agent, limit: "200", ...(cursor ? { cursor } : {}) });
    const page = await admin.request("GET", `/api/v1/traces?${query}`);
    if (page.status !== 200) throw new Error(`GET /api/v1/traces: ${describeFailure(page)}`);
    const body = page.body as { traces: { spanCount: number }[]; nextCursor: string | null };
    spans += body.traces.reduce((sum, trace) => sum + trace.spanCount, 0);
    cursor = body.nextCursor;
  } while (cursor);
  return { spans, via: "GET /api/v1/traces span counts" };
}

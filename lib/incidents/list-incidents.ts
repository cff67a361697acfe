import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { teamAccess } from "../auth/team-access";
import { z } from "../zod";
import { listIncidentsQuerySchema } from "./schemas";
import { incidentViewSchema, toIncidentViews, type IncidentView } from "./incident-view";

export const incidentListResponseSchema = z.object({ incidents: z.array(incidentViewSchema), nextCursor: z.string().nullable() });

// A page position: the last row's opening time and id (newest first, ties by id).
const encodeCursor = (row: { openedAt: Date; id: string }) => Buffer.from(`${row.openedAt.toISOString()}|${row.id}`).toString("base64url");
function decodeCursor(cursor: string | undefined): { openedAt: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const openedAt = new Date(at ?? "");
  return id && !Number.isNaN(openedAt.getTime()) ? { openedAt, id } : null;
}

// Incidents of the caller's teams, newest first, a page at a time.
export async function listIncidents(principal: Principal, rawQuery: unknown = {}): Promise<{ incidents: IncidentView[]; nextCursor: string | null }> {
  assertCan(principal, "incidents:read");
  const query = listIncidentsQuerySchema.parse(rawQuery ?? {});
  const agent = query.agent ? await db().agent.findUnique({ where: { slug: query.agent }, select: { id: true } }) : null;
  if (query.agent && !agent) return { incidents: [], nextCursor: null };
  const after = decodeCursor(query.cursor);
  const rows = await db().incident.findMany({
    where: {
      ...teamAccess(principal).where(),
      ...(query.status ? { status: query.status } : {}),
      ...(agent ? { agentId: agent.id } : {}),
      ...(after ? { OR: [{ openedAt: { lt: after.openedAt } }, { openedAt: after.openedAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ openedAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { incidents: await toIncidentViews(db(), page), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}

import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import type { UserPrincipal } from "../../lib/auth/principal";
import { getTraceView } from "../../lib/traces/get-trace";
import { listTraces } from "../../lib/traces/list-traces";
import { makeAgent, makeTeam, makeUser } from "./helpers";
import { hexId, insertTrace } from "./trace-fixtures";

let viewer: UserPrincipal;
let agentSlug: string;
let running: string;
let finished: string;

beforeAll(async () => {
  const team = await makeTeam("in-progress");
  viewer = await makeUser("viewer", [team.id]);
  const agent = await makeAgent(team);
  agentSlug = agent.slug;
  // Only a child span so far: ingest keeps the trace's root_span_id null until the root arrives.
  ({ traceId: running } = await insertTrace({ agent, start: new Date(), spans: [{ kind: "llm", startMs: 0, name: "chat gpt-4.1", parentSpanId: hexId(8) }] }));
  await db().trace.update({ where: { traceId: running }, data: { rootSpanId: null } });
  ({ traceId: finished } = await insertTrace({ agent, start: new Date(Date.now() - 60_000), spans: [{ kind: "agent", startMs: 0, name: "handle claim" }] }));
});

describe("a trace still in progress", () => {
  it("is listed as in progress under no child's name, and a finished one is not", async () => {
    const { traces } = await listTraces(viewer, { agent: agentSlug });
    const byId = new Map(traces.map((trace) => [trace.traceId, trace]));
    expect(byId.get(running)).toMatchObject({ inProgress: true, name: "(in progress)" });
    expect(byId.get(finished)).toMatchObject({ inProgress: false, name: "handle claim" });
  });

  it("says so on its own page too", async () => {
    expect(await getTraceView(viewer, running)).toMatchObject({ inProgress: true, name: "(in progress)", rootSpanId: null });
    expect((await getTraceView(viewer, finished)).inProgress).toBe(false);
  });
});

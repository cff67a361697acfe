import { describe, expect, it } from "vitest";
import type { AgentPrincipal } from "../../lib/auth/principal";
import { db } from "../../lib/db/client";
import { createLimiter } from "../../lib/traces/ingest-limiter";
import { ingestOtlp } from "../../lib/traces/ingest-spans";
import { readBodyBytes } from "../../lib/traces/read-body";
import { makeAgent, makeTeam, unique } from "./helpers";
import { protobufOf, recordAgentTask } from "./otlp-builders";

// A request body read by ingest moves to the ingest worker instead of being copied (lib/traces/batch-worker.ts);
// a body the caller passes in stays the caller's.

async function principalFor(prefix: string): Promise<AgentPrincipal> {
  const team = await makeTeam(prefix);
  const agent = await makeAgent(team);
  return { kind: "agent", agentId: agent.id, agentSlug: agent.slug, teamId: team.id, keyId: "test-key" };
}

const limiter = () => createLimiter({ concurrency: 4, maxQueue: 16, maxWaitMs: 5000 });

async function* halvesOf(bytes: Uint8Array) {
  const middle = Math.floor(bytes.byteLength / 2);
  yield bytes.slice(0, middle);
  yield bytes.slice(middle);
}

describe("the request body on its way to the ingest worker", () => {
  it("moves a body read from the request: stored whole, and empty on this thread afterwards", async () => {
    const principal = await principalFor("move-body");
    const task = recordAgentTask({ sessionId: `move-${unique()}`, outcome: "approved" });
    let body: Uint8Array | undefined;
    const read = async () => (body = await readBodyBytes(halvesOf(protobufOf(task.spans)), null, 10_000_000));
    const result = await ingestOtlp(principal, { body: read, contentType: "application/x-protobuf" }, limiter());
    expect(result).toMatchObject({ storedSpans: task.spans.length, rejectedSpans: 0 });
    expect(await db().span.count({ where: { traceId: task.traceId } })).toBe(task.spans.length);
    expect(body!.byteLength).toBe(0);
  });

  it("copies a body the caller passed in, which can be sent again (a duplicate)", async () => {
    const principal = await principalFor("keep-body");
    const task = recordAgentTask({ sessionId: `keep-${unique()}`, outcome: "approved" });
    const body = await readBodyBytes(halvesOf(protobufOf(task.spans)), null, 10_000_000);
    const size = body.byteLength;
    expect(await ingestOtlp(principal, { body, contentType: "application/x-protobuf" }, limiter())).toMatchObject({ storedSpans: task.spans.length });
    expect(body.byteLength).toBe(size);
    expect(await ingestOtlp(principal, { body, contentType: "application/x-protobuf" }, limiter())).toMatchObject({ storedSpans: 0, duplicateSpans: task.spans.length });
  });
});

import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { AgentPrincipal, UserPrincipal } from "../../lib/auth/principal";
import { getCostSummary } from "../../lib/costs/cost-summary";
import { db } from "../../lib/db/client";
import { checkGuard } from "../../lib/guard/check-guard";
import { getDecision } from "../../lib/guard/get-decision";
import { listTraceDecisions } from "../../lib/guard/trace-decisions";
import { createAdminKey, createAgentKey } from "../../lib/keys/create-key";
import { invalidatePolicies } from "../../lib/policies/load-policies";
import { getTrace } from "../../lib/traces/get-trace";
import { listTraces } from "../../lib/traces/list-traces";
import { listVersionLabels } from "../../lib/traces/version-labels";
import { POST as guardPost } from "../../app/api/v1/guard/route";
import { GET as tracesGet } from "../../app/api/v1/traces/route";
import { makeAgent, makeTeam, makeUser, unique } from "./helpers";
import { protobufOf, rawJsonRequest, recordAgentTask, send } from "./otlp-builders";

// Every trace, span and guard decision records the agent version it ran (DESIGN.md, "Versions and
// deploys"): the version the agent names (controlroom.version on the resource or root span, `version`
// on a guard call), else the one the config call served its session (version_sessions).

let agent: { id: string; slug: string; teamId: string };
let principal: AgentPrincipal;
let viewer: UserPrincipal;
let adminKey: string;
let agentKey: string;
let versionIds: Record<string, string>;

const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const NOW_NS = BigInt(Date.now()) * 1_000_000n;
const spansOf = (traceId: string) => db().span.findMany({ where: { traceId }, orderBy: { startTime: "asc" } });
const traceOf = (traceId: string) => db().trace.findUniqueOrThrow({ where: { traceId } });
const decisionOf = (decisionId: string) => db().guardDecision.findUniqueOrThrow({ where: { id: decisionId } });

// What the config call records when it serves a version to a session (written here by hand: the test
// does not depend on the versions module).
async function serve(sessionId: string, label: string) {
  await db().versionSession.create({ data: { agentId: agent.id, sessionId, versionId: versionIds[label], label } });
}

beforeAll(async () => {
  const team = await makeTeam("version-attribution");
  const created = await makeAgent(team);
  agent = { id: created.id, slug: created.slug, teamId: team.id };
  principal = { kind: "agent", agentId: agent.id, agentSlug: agent.slug, teamId: team.id, keyId: "test-key" };
  viewer = await makeUser("viewer", [team.id]);
  const admin = await makeUser("admin", []);
  versionIds = {};
  for (const [index, label] of ["v1", "v2"].entries()) {
    const version = await db().agentVersion.create({
      data: { agentId: agent.id, number: index + 1, label, prompt: `prompt ${label}`, model: "gpt-4o", createdByLabel: "integration-test" },
    });
    versionIds[label] = version.id;
  }
  await db().policy.create({ data: { agentId: agent.id, document: { scope: { agent: agent.slug }, tools: [{ tool: "orders.lookup" }] } } });
  invalidatePolicies(agent.id);
  ({ key: agentKey } = await createAgentKey(admin, agent.slug, { name: "version-attribution" }));
  ({ key: adminKey } = await createAdminKey(admin, { name: "version-attribution-admin" }));
});

describe("ingest", () => {
  it("takes the version the resource names for the trace and every span", async () => {
    const task = recordAgentTask({ sessionId: `sess-${unique()}`, outcome: "approved", resource: { "controlroom.version": "v7" } });
    await send(principal, protobufOf(task.spans));
    expect((await traceOf(task.traceId)).version).toBe("v7");
    expect((await spansOf(task.traceId)).map((span) => span.version)).toEqual(["v7", "v7", "v7", "v7"]);
    expect((await getTrace(viewer, task.traceId)).version).toBe("v7");
  });

  it("takes the version served to the trace's session when the agent names none", async () => {
    const sessionId = `sess-${unique()}`;
    await serve(sessionId, "v2");
    const task = recordAgentTask({ sessionId, outcome: "approved" });
    await send(principal, protobufOf(task.spans));
    expect((await traceOf(task.traceId)).version).toBe("v2");
    expect((await spansOf(task.traceId)).map((span) => span.version)).toEqual(["v2", "v2", "v2", "v2"]);
    const read = await getTrace(viewer, task.traceId);
    expect(read.version).toBe("v2");
    expect(read.spans.map((span) => span.version)).toEqual(["v2", "v2", "v2", "v2"]);
  });

  it("leaves the version unknown when nothing names one", async () => {
    const task = recordAgentTask({ sessionId: `sess-${unique()}`, outcome: "approved" });
    await send(principal, protobufOf(task.spans));
    expect((await traceOf(task.traceId)).version).toBeNull();
    expect((await spansOf(task.traceId)).every((span) => span.version === null)).toBe(true);
  });

  it("keeps a span's own version; a later root span naming one sets the trace's, nothing else changes it", async () => {
    const sessionId = `sess-${unique()}`;
    await serve(sessionId, "v2");
    const traceId = hex(16);
    const rootId = hex(8);
    const child = (name: string, attributes: Record<string, string> = {}) => ({
      traceId, spanId: hex(8), parentSpanId: rootId, name, start: NOW_NS, end: NOW_NS + 1_000n,
      attributes: { "controlroom.session.id": sessionId, ...attributes },
    });
    await send(principal, rawJsonRequest([child("first"), child("own", { "controlroom.version": "v5" })]), "application/json");
    expect((await traceOf(traceId)).version).toBe("v2");
    expect((await spansOf(traceId)).map((span) => [span.name, span.version]).sort()).toEqual([["first", "v2"], ["own", "v5"]]);

    // A child naming another version does not move the trace's once set.
    await send(principal, rawJsonRequest([child("later", { "controlroom.version": "v6" })]), "application/json");
    expect((await traceOf(traceId)).version).toBe("v2");

    const root = { traceId, spanId: rootId, name: "root", start: NOW_NS - 1_000n, end: NOW_NS + 5_000n, attributes: { "controlroom.session.id": sessionId, "controlroom.version": "v9" } };
    await send(principal, rawJsonRequest([root]), "application/json");
    expect(await traceOf(traceId)).toMatchObject({ version: "v9", rootSpanId: rootId, spanCount: 4 });
  });

  it("lets a root span arriving later without a version keep the trace's", async () => {
    const traceId = hex(16);
    const rootId = hex(8);
    const sessionId = `sess-${unique()}`;
    await serve(sessionId, "v1");
    const child = { traceId, spanId: hex(8), parentSpanId: rootId, name: "child", start: NOW_NS, end: NOW_NS + 10n };
    await send(principal, rawJsonRequest([child], { "controlroom.version": "v4" }), "application/json");
    expect((await traceOf(traceId)).version).toBe("v4");
    await send(principal, rawJsonRequest([{ traceId, spanId: rootId, name: "root", start: NOW_NS, end: NOW_NS + 20n, attributes: { "controlroom.session.id": sessionId } }]), "application/json");
    expect((await traceOf(traceId)).version).toBe("v4");
  });
});

describe("guard decisions", () => {
  const lookup = (sessionId: string, extra: Record<string, unknown> = {}) =>
    checkGuard(principal, { check: "action", sessionId, traceId: hex(16), action: { tool: "orders.lookup" }, ...extra });

  it("records the version the call names, and answers with it", async () => {
    const sessionId = `guard-${unique()}`;
    await serve(sessionId, "v1");
    const answer = await lookup(sessionId, { version: "  v3 " });
    expect(answer).toMatchObject({ verdict: "allow", version: "v3" });
    expect((await decisionOf(answer.decisionId)).version).toBe("v3");
    expect(await getDecision(principal, answer.decisionId)).toMatchObject({ decisionId: answer.decisionId, version: "v3" });
  });

  it("records the version served to the session when the call names none", async () => {
    const sessionId = `guard-${unique()}`;
    await serve(sessionId, "v2");
    const answer = await lookup(sessionId);
    expect(answer.version).toBeUndefined();
    expect((await decisionOf(answer.decisionId)).version).toBe("v2");
    expect((await getDecision(principal, answer.decisionId)).version).toBe("v2");
  });

  it("leaves the version unknown for a session no version was served to", async () => {
    const answer = await lookup(`guard-${unique()}`);
    expect((await decisionOf(answer.decisionId)).version).toBeNull();
  });

  it("shows the version beside the trace the decision gated", async () => {
    const task = recordAgentTask({ sessionId: `sess-${unique()}`, outcome: "approved" });
    await send(principal, protobufOf(task.spans));
    await checkGuard(principal, { check: "action", sessionId: `guard-${unique()}`, traceId: task.traceId, action: { tool: "orders.lookup" }, version: "v2" });
    const { decisions } = await listTraceDecisions(viewer, task.traceId);
    expect(decisions.map((decision) => decision.version)).toEqual(["v2"]);
  });

  it.each([
    ["a number", 5],
    ["an empty label", "   "],
    ["a label longer than 64 characters", "v".repeat(65)],
  ])("refuses %s as version with 422 naming the field", async (_name, version) => {
    const response = await guardPost(
      new NextRequest("http://localhost/api/v1/guard", {
        method: "POST",
        headers: { Authorization: `Bearer ${agentKey}`, "Content-Type": "application/json" },
        body: JSON.stringify({ check: "action", sessionId: `bad-${unique()}`, action: { tool: "orders.lookup" }, version }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { code: string; details?: { fieldErrors?: Record<string, string[]> } } };
    expect(error.code).toBe("validation_failed");
    expect(error.details?.fieldErrors?.version).toHaveLength(1);
  });
});

describe("reading traces by version", () => {
  it("filters GET /api/v1/traces by the exact version label, each trace carrying its version", async () => {
    const v2 = recordAgentTask({ sessionId: `sess-${unique()}`, outcome: "approved", resource: { "controlroom.version": "v2" } });
    const v1 = recordAgentTask({ sessionId: `sess-${unique()}`, outcome: "approved", resource: { "controlroom.version": "v1" } });
    await send(principal, protobufOf(v2.spans));
    await send(principal, protobufOf(v1.spans));

    const response = await tracesGet(
      new NextRequest(`http://localhost/api/v1/traces?agent=${agent.slug}&version=v2&limit=200`, { headers: { Authorization: `Bearer ${adminKey}` } }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(200);
    const { traces } = (await response.json()) as { traces: { traceId: string; version: string | null }[] };
    expect(traces.map((trace) => trace.traceId)).toContain(v2.traceId);
    expect(traces.map((trace) => trace.traceId)).not.toContain(v1.traceId);
    expect(traces.every((trace) => trace.version === "v2")).toBe(true);

    const all = await listTraces(viewer, { agent: agent.slug, limit: 200 });
    expect(all.traces.find((trace) => trace.traceId === v1.traceId)?.version).toBe("v1");
  });
});

describe("version labels", () => {
  it("suggests the agent's version labels, newest first, to those who may see it", async () => {
    expect(await listVersionLabels(viewer, agent.slug)).toEqual(["v2", "v1"]);
    const stranger = await makeUser("viewer", [(await makeTeam("version-labels-other")).id]);
    await expect(listVersionLabels(stranger, agent.slug)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("costs by version", () => {
  it("splits one agent's tasks, spend and cost per task by the version they ran", async () => {
    const team = await makeTeam("version-costs");
    const costed = await makeAgent(team);
    const sender: AgentPrincipal = { kind: "agent", agentId: costed.id, agentSlug: costed.slug, teamId: team.id, keyId: "test-key" };
    const reader = await makeUser("viewer", [team.id]);
    for (const version of ["v2", "v10", "v2", undefined]) {
      const task = recordAgentTask({ sessionId: `sess-${unique()}`, outcome: "approved", resource: version ? { "controlroom.version": version } : {} });
      await send(sender, protobufOf(task.spans));
    }
    const traces = await db().trace.findMany({ where: { agentId: costed.id }, select: { costUsd: true } });
    const costPerTrace = Number(traces[0].costUsd);
    expect(costPerTrace).toBeGreaterThan(0);

    const summary = await getCostSummary(reader, { agent: costed.slug, period: "7d" });
    expect(summary.costPerVersion.map((row) => [row.version, row.tasks])).toEqual([["v10", 1], ["v2", 2], [null, 1]]);
    const v2 = summary.costPerVersion[1];
    expect(v2.costUsd).toBeCloseTo(2 * costPerTrace, 8);
    expect(v2.costPerTaskUsd).toBeCloseTo(costPerTrace, 8);
    // The split is one agent's: labels mean nothing across agents.
    expect((await getCostSummary(reader, { period: "7d" })).costPerVersion).toEqual([]);
  });
});

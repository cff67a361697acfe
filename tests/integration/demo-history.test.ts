import http from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as otlpPost } from "../../app/api/otlp/v1/traces/route";
import { db } from "../../lib/db/client";
import { seedDemo } from "../../prisma/seed";
import { backfillDemoHistory, HISTORY_KEY_NAME } from "../../lib/demo/backfill-history";
import { demoHistoryReleases, demoHistorySizes, plannedTasks } from "../../lib/demo/demo-history";
import { verifyAuditChain } from "../../lib/audit/verify-chain";
import { onPglite } from "./helpers";
import { ensureDriftStates } from "../../lib/drift/monitor/ensure-drift-states";
import { advanceDrift } from "../../lib/drift/monitor/advance-drift";
import { SETTLE_SECONDS } from "../../lib/drift/monitor/read-stream";

// The demo's drift story on a fresh demo database: the seed backdates the claims agent's releases, and
// the backfill sends its past tasks through the real OTLP route over HTTP.
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const principal = { kind: "system" as const, label: "demo-history" };

let server: http.Server;
let baseUrl: string;
let otlpRequests = 0;

beforeAll(async () => {
  server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    otlpRequests += 1;
    const answer = await otlpPost(
      new NextRequest(`http://localhost${request.url}`, { method: request.method, headers: request.headers as Record<string, string>, body: Buffer.concat(chunks) }),
      { params: Promise.resolve({}) },
    );
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

// Demo seeding runs on the embedded database only (as seed.test.ts): a shared Postgres keeps the demo
// agents between runs, so the story's "fresh database" would not hold there.
describe.runIf(onPglite)("the demo's claims history", () => {
  it("is backdated, sent through OTLP with past start times per version, and not sent twice", { timeout: 600_000 }, async () => {
    const seededAt = Date.now();
    await seedDemo();
    const agent = await db().agent.findUniqueOrThrow({ where: { slug: "claims-agent" } });

    // The release history: v1 ~10 d, v2 ~7 d, v3 ~4 d, v4 ~3 h ago, in the order it was played.
    const events = await db().deploymentEvent.findMany({ where: { agentId: agent.id }, orderBy: { id: "asc" } });
    for (let i = 1; i < events.length; i++) expect(events[i].at.getTime()).toBeGreaterThan(events[i - 1].at.getTime());
    const production = Object.fromEntries(events.filter((event) => event.toStage === "production").map((event) => [event.label, event.at.getTime()]));
    const ago = (label: string) => (seededAt - production[label]) / HOUR;
    expect(ago("v1")).toBeCloseTo(240, 0);
    expect(ago("v2")).toBeCloseTo(168, 0);
    expect(ago("v3")).toBeCloseTo(96, 0);
    expect(ago("v4")).toBeCloseTo(3, 0);
    const v4 = await db().agentVersion.findFirstOrThrow({ where: { agentId: agent.id, label: "v4" } });
    expect(v4.stage).toBe("production");
    expect(v4.stageChangedAt.getTime()).toBe(production.v4);
    // Nothing else was moved, and the audit log (hash-chained) is untouched.
    const support = await db().agent.findUniqueOrThrow({ where: { slug: "support-agent" } });
    const supportEvents = await db().deploymentEvent.findMany({ where: { agentId: support.id } });
    expect(supportEvents.every((event) => seededAt - event.at.getTime() < HOUR)).toBe(true);
    expect((await verifyAuditChain(db())).ok).toBe(true);

    const first = await backfillDemoHistory({ baseUrl, principal, size: "full" });
    console.log(`backfill: ${first.sent} tasks in ${(first.ms / 1000).toFixed(1)} s over ${otlpRequests} OTLP requests`);
    const planned = plannedTasks("full");
    expect(first.sent).toBe(planned);

    const traces = await db().trace.findMany({ where: { agentId: agent.id }, select: { version: true, startTime: true, outcome: true, spanCount: true, models: true, costUsd: true, completedAt: true, createdAt: true }, orderBy: { startTime: "asc" } });
    expect(traces).toHaveLength(planned);
    const windows: Record<string, [number, number]> = { v1: [production.v1, production.v2], v2: [production.v2, production.v3], v3: [production.v3, production.v4], v4: [production.v4, seededAt] };
    const approvals: Record<string, number> = {};
    for (const release of demoHistoryReleases) {
      const own = traces.filter((trace) => trace.version === release.label);
      expect(own).toHaveLength(demoHistorySizes.full.tasks[release.label]);
      const [from, to] = windows[release.label];
      expect(own.every((trace) => trace.startTime.getTime() > from && trace.startTime.getTime() < to)).toBe(true);
      approvals[release.label] = own.filter((trace) => trace.outcome === "approved").length / own.length;
    }
    // Traces look like live ones: several spans, the version's model, priced.
    const sample = traces.find((trace) => trace.version === "v1" && trace.outcome === "approved")!;
    expect(sample.spanCount).toBeGreaterThanOrEqual(6);
    expect(sample.models).toContain("claude-sonnet-4-5");
    expect(Number(sample.costUsd)).toBeGreaterThan(0);
    expect(traces.find((trace) => trace.version === "v4")!.models).toContain("gpt-4.1");
    const older = traces.filter((trace) => trace.version !== "v4");
    const olderRate = older.filter((trace) => trace.outcome === "approved").length / older.length;
    expect(olderRate).toBeGreaterThan(0.83);
    expect(olderRate).toBeLessThan(0.87);
    expect(approvals.v4).toBeGreaterThan(0.89);
    expect(approvals.v4).toBeLessThan(0.93);
    // Stored oldest first: drift monitoring reads them in that order.
    const stored = [...traces].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.startTime.getTime() - b.startTime.getTime());
    expect(stored.map((trace) => trace.startTime.getTime())).toEqual(traces.map((trace) => trace.startTime.getTime()));
    // The key it sent with is revoked afterwards.
    const keys = await db().apiKey.findMany({ where: { agentId: agent.id, name: HISTORY_KEY_NAME } });
    expect(keys.length).toBe(1);
    expect(keys[0].revokedAt).not.toBeNull();

    // Drift monitoring reads the history as it would on the server: the baseline is v1, and the
    // approval rate's rise is found during v4, with an alert naming v4's knowledge-base update.
    await ensureDriftStates(agent.id);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_SECONDS * 1000 + 500));
    for (let i = 0; i < 20; i++) if ((await advanceDrift(agent.id))?.caughtUp) break;
    const state = await db().driftState.findUniqueOrThrow({ where: { agentId: agent.id } });
    expect(state.status).toBe("monitoring");
    expect((state.baseline as { n: number; version: string }).n).toBe(1000);
    expect((state.baseline as { version: string }).version).toBe("v1");
    const alerts = await db().alert.findMany({ where: { agentId: agent.id, kind: "drift" }, orderBy: { openedAt: "asc" } });
    for (const alert of alerts) console.log(`alert: ${alert.metric} ${alert.severity} "${alert.title}" v=${(alert.details as { version?: string }).version} cp=${(alert.details as { changePointAt?: string }).changePointAt}`);
    const approval = alerts.find((alert) => alert.metric === "outcome_rate:approved");
    expect(approval).toBeDefined();
    const details = approval!.details as { direction: string; version: string; changePointAt: string; likelyCause: { label: string; kind: string } | null };
    expect(details.direction).toBe("up");
    expect(details.version).toBe("v4");
    expect(Date.parse(details.changePointAt)).toBeGreaterThan(production.v4);
    expect(details.likelyCause?.kind).toBe("knowledge_base");
    expect(approval!.title).toContain("v4");

    // A restart: the seed moves nothing again, and the backfill sends nothing.
    const before = otlpRequests;
    await seedDemo();
    const again = await db().deploymentEvent.findMany({ where: { agentId: agent.id }, orderBy: { id: "asc" } });
    expect(again.map((event) => event.at.getTime())).toEqual(events.map((event) => event.at.getTime()));
    const second = await backfillDemoHistory({ baseUrl, principal, size: "full" });
    expect(second).toMatchObject({ sent: 0, skipped: "already sent" });
    expect(otlpRequests).toBe(before);
    expect(await db().trace.count({ where: { agentId: agent.id } })).toBe(planned);
    expect(await db().apiKey.count({ where: { agentId: agent.id, name: HISTORY_KEY_NAME } })).toBe(1);
  });
});

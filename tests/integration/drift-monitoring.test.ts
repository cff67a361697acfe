import { beforeAll, describe, expect, it } from "vitest";
import type { AgentPrincipal, UserPrincipal } from "../../lib/auth/principal";
import { db } from "../../lib/db/client";
import { resolveAlert } from "../../lib/alerts/change-alert-status";
import { listAlerts } from "../../lib/alerts/list-alerts";
import { advanceDrift } from "../../lib/drift/monitor/advance-drift";
import { ensureDriftStates } from "../../lib/drift/monitor/ensure-drift-states";
import { listDriftMonitors } from "../../lib/drift/monitor/list-monitors";
import { changeDriftSettings, rebaseline } from "../../lib/drift/monitor/change-baseline";
import { listAgentChanges } from "../../lib/drift/agent-changes";
import { auditOf, expectAppError, makeAgent, makeTeam, makeUser, unique } from "./helpers";
import { protobufOf, recordAgentTask, send } from "./otlp-builders";

// Drift monitoring against the database: the baseline is captured from the tasks stored after an
// agent's first production deploy and kept through later promotions, a shift in an outcome's rate
// raises one alert naming the change before it, and people re-baseline deliberately.

const HOUR = 3_600_000;
// The rows are committed before each read here: nothing to wait for.
const settled = { settleSeconds: 0 };
// v1 from T0; 3,000 tasks a minute apart from T0 + 1 h, then v3 at SHIFT_AT, five hours ago.
const T0 = Date.now() - 56 * HOUR;
const SHIFT_AT = T0 + HOUR + 3000 * 60_000;

type Agent = { id: string; slug: string; teamId: string };

// Stored tasks, as ingest leaves them (completed now); outcome shares exact per 100.
async function storeTasks(agent: Agent, options: { count: number; offset: number; approvalPercent: number; version: string; model?: string; startAt: number }) {
  const { count, offset, approvalPercent, version, model = "gpt-4.1-2025-04-14", startAt } = options;
  await db().$executeRaw`
    INSERT INTO traces (trace_id, agent_id, team_id, root_span_id, name, outcome, status, start_time, end_time, span_count,
                        cost_usd, version, models, completed_at, updated_at)
    SELECT md5(${agent.id} || ':' || i::text), ${agent.id}::uuid, ${agent.teamId}::uuid, 'root', 'claim',
           CASE WHEN ((i * 37) % 100) < ${approvalPercent} THEN 'approved' ELSE 'rejected' END, 'ok',
           to_timestamp((${startAt}::float8 + (i - ${offset}) * 60000) / 1000),
           to_timestamp((${startAt}::float8 + (i - ${offset}) * 60000 + 2000) / 1000), 4, 0.01, ${version}, ARRAY[${model}],
           clock_timestamp(), now()
      FROM generate_series(${offset}::int, ${offset + count - 1}::int) AS i`;
}

async function deploy(agent: Agent, label: string, at: number, fromLabel: string | null, knowledgeBase: string) {
  const number = Number(label.slice(1));
  await db().agentVersion.create({
    data: { agentId: agent.id, number, label, prompt: "p", model: "gpt-4.1", knowledgeBase: { id: "guidelines", version: knowledgeBase }, createdByLabel: "test" },
  });
  await db().deploymentEvent.create({
    data: { agentId: agent.id, at: new Date(at), kind: "promoted", label, fromLabel, toStage: "production", byLabel: "developer@test" },
  });
}

let team: { id: string; name: string };
let agent: Agent;
let operator: UserPrincipal;
let developer: UserPrincipal;
let viewer: UserPrincipal;
let outsider: UserPrincipal;

beforeAll(async () => {
  team = await makeTeam("drift");
  const created = await makeAgent(team);
  agent = { id: created.id, slug: created.slug, teamId: team.id };
  operator = await makeUser("operator", [team.id]);
  developer = await makeUser("developer", [team.id]);
  viewer = await makeUser("viewer", [team.id]);
  outsider = await makeUser("admin", []).then(async () => makeUser("viewer", [(await makeTeam("elsewhere")).id]));
});

describe("tasks complete when their root span is stored", () => {
  it("stamps completed_at on the root span, not before", async () => {
    const principal: AgentPrincipal = { kind: "agent", agentId: agent.id, agentSlug: agent.slug, teamId: team.id, keyId: "k" };
    const task = recordAgentTask({ sessionId: `s-${unique()}`, outcome: "approved" });
    const children = task.spans.filter((span) => span.parentSpanContext?.spanId);
    const root = task.spans.filter((span) => !span.parentSpanContext?.spanId);
    await send(principal, protobufOf(children));
    expect((await db().trace.findUniqueOrThrow({ where: { traceId: task.traceId } })).completedAt).toBeNull();
    await send(principal, protobufOf(root));
    expect((await db().trace.findUniqueOrThrow({ where: { traceId: task.traceId } })).completedAt).not.toBeNull();
    await db().trace.delete({ where: { traceId: task.traceId } });
  });
});

describe("an agent's drift monitoring", () => {
  it("starts at the first production deploy and collects the baseline from the tasks after it", async () => {
    expect(await listDriftMonitors(viewer, { agent: agent.slug })).toEqual([]);
    await deploy(agent, "v1", T0, null, "2025-11");
    await ensureDriftStates(agent.id);
    const state = await db().driftState.findUniqueOrThrow({ where: { agentId: agent.id } });
    expect(state.taskWatermark.getTime()).toBe(T0);
    expect(state.status).toBe("collecting_baseline");

    await storeTasks(agent, { count: 600, offset: 0, approvalPercent: 85, version: "v1", startAt: T0 + HOUR });
    expect((await advanceDrift(agent.id, settled))?.tasks).toBe(600);
    const collecting = await listDriftMonitors(viewer, { agent: agent.slug });
    const approval = collecting.find((monitor) => monitor.metric === "outcome_rate:approved")!;
    expect(approval).toMatchObject({ status: "collecting_baseline", baseline: { n: 600, target: 1000, version: "v1" } });
    expect(approval.baseline.value).toBeCloseTo(0.85, 2);
  });

  it("freezes the baseline at 1,000 tasks and keeps it through a later promotion", async () => {
    await storeTasks(agent, { count: 2400, offset: 600, approvalPercent: 85, version: "v1", startAt: T0 + HOUR + 600 * 60_000 });
    await deploy(agent, "v2", T0 + 30 * HOUR, "v1", "2025-11");
    await ensureDriftStates(agent.id);
    const report = await advanceDrift(agent.id, settled);
    expect(report).toMatchObject({ tasks: 2400, detections: [] });
    const state = await db().driftState.findUniqueOrThrow({ where: { agentId: agent.id } });
    expect(state.status).toBe("monitoring");
    expect(state.baselineStartedAt.getTime()).toBe(T0);
    const monitors = await listDriftMonitors(viewer, { agent: agent.slug });
    expect(monitors.map((monitor) => monitor.status)).not.toContain("drifting");
    expect(monitors.find((monitor) => monitor.metric === "outcome_rate:approved")).toMatchObject({ status: "healthy", baseline: { n: 1000, value: 0.85 } });
  });

  it("flags 85% → 91% approvals once, naming the knowledge-base update before the shift", async () => {
    const shiftAt = SHIFT_AT;
    await deploy(agent, "v3", shiftAt - 5 * 60_000, "v2", "2026-03");
    let alerts: string[] = [];
    for (let offset = 3000; offset < 6000 && alerts.length === 0; offset += 500) {
      await storeTasks(agent, { count: 500, offset, approvalPercent: 91, version: "v3", startAt: shiftAt + (offset - 3000) * 5_000 });
      alerts = (await advanceDrift(agent.id, settled))!.alerts;
    }
    expect(alerts).toHaveLength(1);
    const [alert] = await listAlerts(operator, { agent: agent.slug, kind: "drift" });
    expect(alert).toMatchObject({ id: alerts[0], kind: "drift", metric: "outcome_rate:approved", status: "open" });
    expect(alert.baselineValue).toBeCloseTo(0.85, 2);
    expect(alert.currentValue!).toBeGreaterThan(0.88);
    expect(alert.title).toContain("Knowledge base updated (v3)");
    expect(alert.changesNear.map((change) => change.kind)).toEqual(expect.arrayContaining(["version", "knowledge_base"]));
    expect(Date.parse(alert.changePointAt as string)).toBeGreaterThanOrEqual(shiftAt - 600_000);
    expect((alert.details as { version: string }).version).toBe("v3");

    const drifting = (await listDriftMonitors(viewer)).filter((monitor) => monitor.agent.slug === agent.slug && monitor.status === "drifting");
    expect(drifting.map((monitor) => monitor.metric)).toEqual(["outcome_rate:approved"]);
    expect(drifting[0].alertId).toBe(alert.id);

    // More of the same raises nothing new while the alert is open.
    await storeTasks(agent, { count: 1500, offset: 6000, approvalPercent: 91, version: "v3", startAt: Date.now() - 2 * HOUR });
    await advanceDrift(agent.id, settled);
    expect(await listAlerts(operator, { agent: agent.slug, kind: "drift" })).toHaveLength(1);

    await resolveAlert(operator, alert.id, { note: "rolled back" });
    const after = await listDriftMonitors(viewer, { agent: agent.slug });
    expect(after.find((monitor) => monitor.metric === "outcome_rate:approved")?.status).toBe("healthy");
  });

  it("records a provider's silent model change as an annotation", async () => {
    await storeTasks(agent, { count: 5, offset: 9000, approvalPercent: 85, version: "v3", model: "gpt-4.1-2025-09-30", startAt: Date.now() - 30 * 60_000 });
    await advanceDrift(agent.id, settled);
    const changes = await listAgentChanges(agent.id, new Date(Date.now() - HOUR), new Date());
    expect(changes.find((change) => change.kind === "provider_model")).toMatchObject({
      label: "Provider model changed (v3)",
      detail: "gpt-4.1-2025-04-14 → gpt-4.1-2025-09-30, without a new version",
    });
  });

  it("is visible to the agent's teams only", async () => {
    expect(await listDriftMonitors(outsider)).toEqual([]);
    await expectAppError(listDriftMonitors(outsider, { agent: agent.slug }), "not_found");
  });
});

describe("people change the baseline deliberately", () => {
  it("lets developers add an outcome to watch, audited", async () => {
    await expectAppError(changeDriftSettings(viewer, agent.slug, { outcomes: ["escalated"] }), "forbidden");
    const changed = await changeDriftSettings(developer, agent.slug, { outcomes: ["escalated"], baselineTasks: 2000 });
    expect(changed.settings).toEqual({ baselineTasks: 2000, baselineDays: 7, outcomes: ["escalated"] });
    const monitors = await listDriftMonitors(viewer, { agent: agent.slug });
    expect(monitors.find((monitor) => monitor.metric === "outcome_rate:escalated")).toMatchObject({ status: "healthy", baseline: { value: 0 } });
    expect((await auditOf(agent.id)).map((entry) => entry.action)).toContain("drift.settings_changed");
  });

  it("re-baselines from now on with a reason, audited; an agent never in production has nothing to re-baseline", async () => {
    await expectAppError(rebaseline(operator, agent.slug, { reason: "accepted" }), "forbidden");
    await expect(rebaseline(developer, agent.slug, {})).rejects.toThrow(/reason/);
    const result = await rebaseline(developer, agent.slug, { reason: "The 2026-03 guidelines are the intended behaviour" });
    expect(result.status).toBe("collecting_baseline");
    const state = await db().driftState.findUniqueOrThrow({ where: { agentId: agent.id } });
    expect(state).toMatchObject({ status: "collecting_baseline", baselineTasks: 2000 });
    expect((await auditOf(agent.id)).find((entry) => entry.action === "drift.rebaselined")?.after).toMatchObject({
      reason: "The 2026-03 guidelines are the intended behaviour",
    });
    // Tasks stored before the re-baseline are not read into the new baseline.
    expect((await advanceDrift(agent.id, settled))?.tasks).toBe(0);

    const fresh = await makeAgent(team);
    await expectAppError(rebaseline(developer, fresh.slug, { reason: "nothing yet" }), "conflict");
  });
});

describe("while the server runs", () => {
  // The drift is read because a batch arrived (its signal), not by the sweep's timer, which this test
  // does not run: the reaction waits only for rows to settle (2.5 s), well within the 10 s promised.
  it("reads an agent's stored tasks when a span batch of it arrives, and reports the drift", async () => {
    const other = await makeAgent(team);
    const watched = { id: other.id, slug: other.slug, teamId: team.id };
    const start = Date.now() - 20 * HOUR;
    await deploy(watched, "v1", start, null, "2025-11");
    await ensureDriftStates(watched.id);
    await storeTasks(watched, { count: 1000, offset: 0, approvalPercent: 85, version: "v1", startAt: start + HOUR });
    await advanceDrift(watched.id, settled);
    // Stored without a signal (as another replica would), then one batch arrives here: its signal
    // makes this process read everything stored since.
    await storeTasks(watched, { count: 2000, offset: 1000, approvalPercent: 91, version: "v1", startAt: start + 2 * HOUR });
    const { sweepDrift, stopDrift } = await import("../../lib/drift/monitor/schedule-drift");
    await sweepDrift(() => {});
    try {
      const principal: AgentPrincipal = { kind: "agent", agentId: watched.id, agentSlug: watched.slug, teamId: team.id, keyId: "k" };
      await storeTasks(watched, { count: 1000, offset: 3000, approvalPercent: 91, version: "v1", startAt: start + 4 * HOUR });
      const sentAt = Date.now();
      await send(principal, protobufOf(recordAgentTask({ sessionId: `s-${unique()}`, outcome: "approved" }).spans));
      let alerts: unknown[] = [];
      while (alerts.length === 0 && Date.now() - sentAt < 20_000) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        alerts = await listAlerts(operator, { agent: watched.slug, kind: "drift" });
      }
      expect(alerts).toHaveLength(1);
    } finally {
      await stopDrift();
    }
  }, 30_000);
});

import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { AgentPrincipal, UserPrincipal } from "../../lib/auth/principal";
import { db } from "../../lib/db/client";
import { createDataset } from "../../lib/evals/datasets/create-dataset";
import { addDatasetItem } from "../../lib/evals/datasets/add-dataset-item";
import { listDatasetItems } from "../../lib/evals/datasets/list-dataset-items";
import { updateDatasetItem } from "../../lib/evals/datasets/update-dataset-item";
import { addItemsFromIncident } from "../../lib/evals/datasets/add-items-from-incident";
import { auditOf, expectAppError, makeAgent, makeTeam, makeUser, unique, type TestTeam } from "./helpers";
import { rawJsonRequest, send } from "./otlp-builders";

// Editing an item's expected, and regression items taken from an incident's failing tasks.

let team: TestTeam;
let agent: { id: string; slug: string };
let sibling: { id: string; slug: string };
let developer: UserPrincipal;
let viewer: UserPrincipal;
let outsider: UserPrincipal;

beforeAll(async () => {
  team = await makeTeam("datasets-incident");
  const otherTeam = await makeTeam("datasets-incident-other");
  agent = await makeAgent(team);
  sibling = await makeAgent(team);
  developer = await makeUser("developer", [team.id]);
  viewer = await makeUser("viewer", [team.id]);
  outsider = await makeUser("developer", [otherTeam.id]);
});

const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const HOUR = 3_600_000;

// One task over OTLP, started `hoursAgo`, with an outcome and (unless omitted) a root input.
async function ingestTask(target: { id: string; slug: string }, hoursAgo: number, outcome: string, input: string | null = `claim ${hex(3)}`) {
  const traceId = hex(16);
  const root = hex(8);
  const start = BigInt(Date.now() - hoursAgo * HOUR) * 1_000_000n;
  const principal: AgentPrincipal = { kind: "agent", agentId: target.id, agentSlug: target.slug, teamId: team.id, keyId: "test-key" };
  const attributes = { "gen_ai.operation.name": "invoke_agent", "controlroom.outcome": outcome, ...(input ? { "traceloop.entity.input": input } : {}) };
  await send(principal, rawJsonRequest([{ traceId, spanId: root, name: "invoke_agent claims", start, end: start + 500_000_000n, attributes }]), "application/json");
  return { traceId, input };
}

async function incidentOn(metric: string | null, changePointHoursAgo: number, resolvedHoursAgo?: number) {
  const alert = metric
    ? await db().alert.create({ data: { kind: "drift", agentId: agent.id, teamId: team.id, title: `${metric} drifted`, metric, dedupeKey: `test:${unique()}` } })
    : null;
  return db().incident.create({
    data: {
      agentId: agent.id,
      teamId: team.id,
      alertId: alert?.id ?? null,
      title: "Approvals up",
      severity: "warning",
      changePointAt: new Date(Date.now() - changePointHoursAgo * HOUR),
      ...(resolvedHoursAgo !== undefined ? { status: "resolved" as const, resolvedAt: new Date(Date.now() - resolvedHoursAgo * HOUR) } : {}),
    },
  });
}

describe("editing an item's expected", () => {
  it("replaces it whole (audited before and after); refuses a bad shape, viewers, another team and another dataset's item", async () => {
    const dataset = await createDataset(developer, { agent: agent.slug, name: `edit ${unique()}` });
    const item = await addDatasetItem(developer, dataset.id, { input: "Water damage, policy P-1", expected: { outcome: "approved", tools: [{ name: "lookup" }] } });
    const updated = await updateDatasetItem(developer, dataset.id, item.id, { expected: { outcome: "rejected" } });
    expect(updated.expected).toEqual({ outcome: "rejected" });
    expect((await listDatasetItems(viewer, dataset.id)).items[0].expected).toEqual({ outcome: "rejected" });
    const entry = (await auditOf(dataset.id)).find((audit) => audit.action === "dataset.item.update");
    expect(entry).toMatchObject({ before: { itemId: item.id, expected: { outcome: "approved", tools: [{ name: "lookup" }] } }, after: { expected: { outcome: "rejected" } } });

    await expect(updateDatasetItem(developer, dataset.id, item.id, { expected: { outcome: "" } })).rejects.toThrow(/expected string to have >=1 characters/);
    await expect(updateDatasetItem(developer, dataset.id, item.id, { expected: { score: 1 } })).rejects.toThrow(/Unrecognized key/);
    await expectAppError(updateDatasetItem(viewer, dataset.id, item.id, { expected: {} }), "forbidden");
    await expectAppError(updateDatasetItem(outsider, dataset.id, item.id, { expected: {} }), "not_found");
    const other = await createDataset(developer, { agent: agent.slug, name: `edit other ${unique()}` });
    await expectAppError(updateDatasetItem(developer, other.id, item.id, { expected: {} }), "not_found");
  });
});

describe("items from an incident", () => {
  it("adds the shift period's live tasks with the alert's outcome, newest first, capped, expecting the corrected outcome; not twice", async () => {
    const before = await ingestTask(agent, 5, "approved");
    const rejected = await ingestTask(agent, 2.5, "rejected");
    const older = await ingestTask(agent, 2, "approved");
    const silent = await ingestTask(agent, 1.5, "approved", null);
    const newer = await ingestTask(agent, 1, "approved");
    const evaluation = await ingestTask(agent, 0.5, "approved");
    await db().trace.update({ where: { traceId: evaluation.traceId }, data: { evalRunId: "run-1", evalItemId: "item-1" } });
    const incident = await incidentOn("outcome_rate:approved", 3);
    const dataset = await createDataset(developer, { agent: agent.slug, name: `regressions ${unique()}` });

    const capped = await addItemsFromIncident(developer, dataset.id, { incidentId: incident.id, outcome: "rejected", limit: 1 });
    expect(capped).toMatchObject({ added: 1, matched: 3, withoutInput: 0, limit: 1, criterion: 'outcome "approved"', dataset: { items: 1 } });
    let items = (await listDatasetItems(developer, dataset.id)).items;
    expect(items.map((item) => [item.sourceTraceId, item.input, item.expected])).toEqual([[newer.traceId, newer.input, { outcome: "rejected" }]]);

    const rest = await addItemsFromIncident(developer, dataset.id, { incidentId: incident.id, outcome: "rejected" });
    expect(rest).toMatchObject({ added: 1, matched: 2, withoutInput: 1, limit: 50, dataset: { items: 2 } });
    items = (await listDatasetItems(developer, dataset.id)).items;
    expect(items.map((item) => item.sourceTraceId)).toEqual([newer.traceId, older.traceId]);
    for (const left of [before, rejected, silent, evaluation]) expect(items.map((item) => item.sourceTraceId)).not.toContain(left.traceId);

    const entry = (await auditOf(dataset.id)).filter((audit) => audit.action === "dataset.items.from_incident").at(-1);
    expect(entry?.after).toMatchObject({ incidentId: incident.id, outcome: "rejected", added: 1, traceIds: [older.traceId] });
  });

  it("ends the period at the resolution", async () => {
    await ingestTask(agent, 0.2, "approved");
    const inside = await ingestTask(agent, 8, "approved");
    const incident = await incidentOn("outcome_rate:approved", 9, 7);
    const dataset = await createDataset(developer, { agent: agent.slug, name: `resolved ${unique()}` });
    const result = await addItemsFromIncident(developer, dataset.id, { incidentId: incident.id, outcome: "rejected" });
    expect(result).toMatchObject({ added: 1, matched: 1 });
    expect((await listDatasetItems(developer, dataset.id)).items.map((item) => item.sourceTraceId)).toEqual([inside.traceId]);
  });

  it("refuses an incident that names no failing tasks, another agent's dataset, a missing outcome, viewers and other teams", async () => {
    const dataset = await createDataset(developer, { agent: agent.slug, name: `refusals ${unique()}` });
    const latency = await incidentOn("latency_per_task", 3);
    const manual = await incidentOn(null, 3);
    const outcomes = await incidentOn("outcome_rate:approved", 3);
    const latencyError = await expectAppError(addItemsFromIncident(developer, dataset.id, { incidentId: latency.id, outcome: "rejected" }), "validation_failed");
    expect(latencyError.message).toContain("latency_per_task");
    await expectAppError(addItemsFromIncident(developer, dataset.id, { incidentId: manual.id, outcome: "rejected" }), "validation_failed");
    await expect(addItemsFromIncident(developer, dataset.id, { incidentId: outcomes.id, outcome: " " })).rejects.toThrow(/Pick the outcome/);
    await expect(addItemsFromIncident(developer, dataset.id, { incidentId: outcomes.id, outcome: "rejected", limit: 500 })).rejects.toThrow(/expected number to be <=200/);
    const siblingSet = await createDataset(developer, { agent: sibling.slug, name: `sibling ${unique()}` });
    const wrongAgent = await expectAppError(addItemsFromIncident(developer, siblingSet.id, { incidentId: outcomes.id, outcome: "rejected" }), "validation_failed");
    expect(wrongAgent.message).toContain(agent.slug);
    await expectAppError(addItemsFromIncident(viewer, dataset.id, { incidentId: outcomes.id, outcome: "rejected" }), "forbidden");
    await expectAppError(addItemsFromIncident(outsider, dataset.id, { incidentId: outcomes.id, outcome: "rejected" }), "not_found");
    expect((await listDatasetItems(developer, dataset.id)).items).toEqual([]);
  });
});

import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { AgentPrincipal, UserPrincipal } from "../../lib/auth/principal";
import { db } from "../../lib/db/client";
import { createDataset } from "../../lib/evals/datasets/create-dataset";
import { listDatasets } from "../../lib/evals/datasets/list-datasets";
import { addDatasetItem } from "../../lib/evals/datasets/add-dataset-item";
import { listDatasetItems } from "../../lib/evals/datasets/list-dataset-items";
import { importDatasetItems } from "../../lib/evals/datasets/import-dataset-items";
import { deleteDatasetItem } from "../../lib/evals/datasets/delete-dataset-item";
import { auditOf, expectAppError, makeAgent, makeTeam, makeUser, unique, type TestTeam } from "./helpers";
import { listAudit } from "../../lib/audit/list-audit";
import { auditQuerySchema } from "../../lib/audit/schemas";
import { rawJsonRequest, send } from "./otlp-builders";

let team: TestTeam;
let otherTeam: TestTeam;
let agent: { id: string; slug: string };
let sibling: { id: string; slug: string };
let foreign: { id: string; slug: string };
let developer: UserPrincipal;
let viewer: UserPrincipal;
let operator: UserPrincipal;
let outsider: UserPrincipal;

beforeAll(async () => {
  team = await makeTeam("datasets");
  otherTeam = await makeTeam("datasets-other");
  agent = await makeAgent(team);
  sibling = await makeAgent(team);
  foreign = await makeAgent(otherTeam);
  developer = await makeUser("developer", [team.id]);
  viewer = await makeUser("viewer", [team.id]);
  operator = await makeUser("operator", [team.id]);
  outsider = await makeUser("developer", [otherTeam.id]);
});

const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const agentPrincipal = (target: { id: string; slug: string }, teamId: string): AgentPrincipal => ({ kind: "agent", agentId: target.id, agentSlug: target.slug, teamId, keyId: "test-key" });

// One task over OTLP: a root (with an input when given), a chat with a system prompt and a user
// message, and tool calls lookup_policy, create_claim, lookup_policy.
async function ingestTask(target: { id: string; slug: string }, teamId: string, options: { rootInput?: string; outcome?: string } = {}) {
  const traceId = hex(16);
  const root = hex(8);
  const start = BigInt(Date.now() - 10_000) * 1_000_000n;
  const ms = (value: number) => start + BigInt(value) * 1_000_000n;
  const tool = (name: string, from: number) => ({
    traceId, spanId: hex(8), parentSpanId: root, name: `execute_tool ${name}`, start: ms(from), end: ms(from + 20),
    attributes: { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": name },
  });
  const body = rawJsonRequest([
    {
      traceId, spanId: root, name: "invoke_agent claims", start: ms(0), end: ms(500),
      attributes: {
        "gen_ai.operation.name": "invoke_agent",
        ...(options.outcome ? { "controlroom.outcome": options.outcome } : {}),
        ...(options.rootInput ? { "traceloop.entity.input": options.rootInput } : {}),
      },
    },
    {
      traceId, spanId: hex(8), parentSpanId: root, name: "chat gpt-4o", start: ms(10), end: ms(100),
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.request.model": "gpt-4o",
        "gen_ai.input.messages": JSON.stringify([
          { role: "system", parts: [{ type: "text", content: "You are a claims agent" }] },
          { role: "user", parts: [{ type: "text", content: "My car was hit, policy P-7" }] },
        ]),
      },
    },
    tool("lookup_policy", 110),
    tool("create_claim", 200),
    tool("lookup_policy", 300),
  ]);
  const result = await send(agentPrincipal(target, teamId), body, "application/json");
  expect(result.storedSpans).toBe(5);
  return traceId;
}

describe("datasets", () => {
  it("creates a dataset (201 shape, audited), refuses a duplicate name, viewers and other teams", async () => {
    const name = `golden-${unique()}`;
    const dataset = await createDataset(developer, { agent: agent.slug, name });
    expect(dataset).toMatchObject({ agent: { slug: agent.slug }, name, items: 0, createdBy: developer.email });
    expect(dataset.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(dataset.createdAt).toBeInstanceOf(Date);

    const conflict = await expectAppError(createDataset(developer, { agent: agent.slug, name }), "conflict");
    expect(conflict.message).toContain(name);
    // The same name on another agent is another dataset.
    await createDataset(developer, { agent: sibling.slug, name });

    await expectAppError(createDataset(viewer, { agent: agent.slug, name: `v-${unique()}` }), "forbidden");
    await expectAppError(createDataset(operator, { agent: agent.slug, name: `o-${unique()}` }), "forbidden");
    await expectAppError(createDataset(outsider, { agent: agent.slug, name: `x-${unique()}` }), "not_found");

    const [entry] = await auditOf(dataset.id);
    expect(entry).toMatchObject({ action: "dataset.create", targetType: "dataset", teamId: team.id, actorLabel: developer.email, after: { agent: agent.slug, name } });
    const admin = await makeUser("admin");
    const { entries } = await listAudit(admin, auditQuerySchema.parse({ targetType: "dataset", action: "dataset.create", limit: "200" }));
    expect(entries.find((listed) => listed.targetId === dataset.id)?.targetLabel).toBe(`${agent.slug} dataset "${name}"`);
  });

  it("lists the datasets of the caller's teams, or of one agent; another team's agent is not found", async () => {
    const name = `list-${unique()}`;
    const mine = await createDataset(developer, { agent: agent.slug, name });
    const theirs = await createDataset(outsider, { agent: foreign.slug, name });
    const seen = await listDatasets(viewer, {});
    expect(seen.map((dataset) => dataset.id)).toContain(mine.id);
    expect(seen.map((dataset) => dataset.id)).not.toContain(theirs.id);
    const ofAgent = await listDatasets(viewer, { agent: agent.slug });
    expect(ofAgent.every((dataset) => dataset.agent.slug === agent.slug)).toBe(true);
    expect(ofAgent.map((dataset) => dataset.id)).toContain(mine.id);
    await expectAppError(listDatasets(viewer, { agent: foreign.slug }), "not_found");
  });

  it("adds items by hand; refuses an item without input, an input over 100 KB, viewers and another team's dataset", async () => {
    const dataset = await createDataset(developer, { agent: agent.slug, name: `hand-${unique()}` });
    const item = await addDatasetItem(developer, dataset.id, { input: "Refund order 12", expected: { outcome: "refunded", tools: [{ name: "refund", params: { order: 12 } }] } });
    expect(item).toMatchObject({ datasetId: dataset.id, input: "Refund order 12", expected: { outcome: "refunded", tools: [{ name: "refund", params: { order: 12 } }] }, sourceTraceId: null });

    const missing = await expectAppError(addDatasetItem(developer, dataset.id, { expected: { outcome: "x" } }), "validation_failed");
    expect(missing.message).toMatch(/input.*fromTraceId/);
    // A zod error: the route answers it 422 with the field's message.
    await expect(addDatasetItem(developer, dataset.id, { input: "x".repeat(100 * 1024 + 1) })).rejects.toThrow(/Longer than 100 KB/);
    expect((await addDatasetItem(developer, dataset.id, { input: "é".repeat(50 * 1024) })).input).toHaveLength(50 * 1024);
    await expectAppError(addDatasetItem(viewer, dataset.id, { input: "hi" }), "forbidden");
    await expectAppError(addDatasetItem(outsider, dataset.id, { input: "hi" }), "not_found");
    await expectAppError(addDatasetItem(developer, "not-a-uuid", { input: "hi" }), "not_found");

    const entries = await auditOf(dataset.id);
    expect(entries.map((entry) => entry.action)).toEqual(["dataset.create", "dataset.item.add", "dataset.item.add"]);
    expect(entries[1].after).toEqual({ itemId: item.id, sourceTraceId: null });
  });

  it("takes an item from an ingested trace: its user input, outcome and tools (in order, once); sent fields replace them", async () => {
    const dataset = await createDataset(developer, { agent: agent.slug, name: `trace-${unique()}` });
    const traceId = await ingestTask(agent, team.id, { outcome: "claim_filed" });
    const fromTrace = await addDatasetItem(developer, dataset.id, { fromTraceId: traceId });
    expect(fromTrace).toMatchObject({
      input: "My car was hit, policy P-7",
      expected: { outcome: "claim_filed", tools: [{ name: "lookup_policy" }, { name: "create_claim" }] },
      sourceTraceId: traceId,
    });

    const withRoot = await ingestTask(agent, team.id, { rootInput: "File a claim for policy P-9", outcome: "claim_filed" });
    expect((await addDatasetItem(developer, dataset.id, { fromTraceId: withRoot })).input).toBe("File a claim for policy P-9");

    const overridden = await addDatasetItem(developer, dataset.id, { fromTraceId: traceId.toUpperCase(), input: "Edited input", expected: { outcome: "escalated", output: "Escalated" } });
    expect(overridden).toMatchObject({
      input: "Edited input",
      expected: { outcome: "escalated", output: "Escalated", tools: [{ name: "lookup_policy" }, { name: "create_claim" }] },
      sourceTraceId: traceId,
    });
  });

  it("refuses a trace of another agent (422, says why), of another team or unknown (404)", async () => {
    const dataset = await createDataset(developer, { agent: agent.slug, name: `wrong-${unique()}` });
    const siblingTrace = await ingestTask(sibling, team.id, { outcome: "ok" });
    const wrongAgent = await expectAppError(addDatasetItem(developer, dataset.id, { fromTraceId: siblingTrace }), "validation_failed");
    expect(wrongAgent.message).toContain("another agent");
    expect(wrongAgent.message).toContain(agent.slug);
    const foreignTrace = await ingestTask(foreign, otherTeam.id, { outcome: "ok" });
    await expectAppError(addDatasetItem(developer, dataset.id, { fromTraceId: foreignTrace }), "not_found");
    await expectAppError(addDatasetItem(developer, dataset.id, { fromTraceId: hex(16) }), "not_found");
    expect((await listDatasetItems(developer, dataset.id)).items).toEqual([]);
  });

  it("imports JSON Lines all or nothing: a bad line stores nothing and the 422 names each bad line", async () => {
    const dataset = await createDataset(developer, { agent: agent.slug, name: `import-${unique()}` });
    const good = [
      JSON.stringify({ input: "one", expected: { outcome: "ok" } }),
      "",
      JSON.stringify({ input: "two" }),
      JSON.stringify({ input: "three", expected: { tools: [{ name: "lookup" }] } }),
    ].join("\n") + "\n";
    const result = await importDatasetItems(developer, dataset.id, { jsonl: good });
    expect(result).toMatchObject({ imported: 3, dataset: { id: dataset.id, items: 3 } });
    const { items } = await listDatasetItems(viewer, dataset.id);
    expect(items.map((item) => [item.input, item.expected])).toEqual([
      ["one", { outcome: "ok" }],
      ["two", {}],
      ["three", { tools: [{ name: "lookup" }] }],
    ]);

    const bad = [JSON.stringify({ input: "four" }), "{not json", JSON.stringify({ input: "five", expected: { tools: [{}] } }), JSON.stringify({ expected: {} })].join("\n");
    const error = await expectAppError(importDatasetItems(developer, dataset.id, { jsonl: bad }), "validation_failed");
    expect(error.message).toMatch(/Nothing imported: 3 bad lines/);
    const details = error.details as { line: number; message: string }[];
    expect(details.map((detail) => detail.line)).toEqual([2, 3, 4]);
    expect(details[0].message).toBe("Not valid JSON");
    expect(details[1].message).toMatch(/^expected\.tools\.0\.name/);
    expect(details[2].message).toMatch(/^input/);
    expect((await listDatasetItems(viewer, dataset.id)).items).toHaveLength(3);

    const tooMany = Array.from({ length: 5001 }, (_, index) => JSON.stringify({ input: `q${index}` })).join("\n");
    expect((await expectAppError(importDatasetItems(developer, dataset.id, { jsonl: tooMany }), "validation_failed")).message).toContain("5000");
    await expectAppError(importDatasetItems(viewer, dataset.id, { jsonl: good }), "forbidden");

    const actions = (await auditOf(dataset.id)).map((entry) => [entry.action, entry.after]);
    expect(actions).toEqual([["dataset.create", expect.anything()], ["dataset.items.import", { imported: 3 }]]);
  });

  it("pages through items oldest first with a cursor", async () => {
    const dataset = await createDataset(developer, { agent: agent.slug, name: `pages-${unique()}` });
    await importDatasetItems(developer, dataset.id, { jsonl: Array.from({ length: 5 }, (_, index) => JSON.stringify({ input: `case ${index}` })).join("\n") });
    await addDatasetItem(developer, dataset.id, { input: "case 5" });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listDatasetItems(viewer, dataset.id, { limit: "2", ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((item) => item.input));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(["case 0", "case 1", "case 2", "case 3", "case 4", "case 5"]);
    await expectAppError(listDatasetItems(viewer, dataset.id, { cursor: "nonsense" }), "validation_failed");
    await expectAppError(listDatasetItems(outsider, dataset.id), "not_found");
  });

  it("deletes an item (audited with what it held); another dataset's item or another team is not found", async () => {
    const dataset = await createDataset(developer, { agent: agent.slug, name: `delete-${unique()}` });
    const other = await createDataset(developer, { agent: agent.slug, name: `delete-other-${unique()}` });
    const item = await addDatasetItem(developer, dataset.id, { input: "remove me", expected: { outcome: "ok" } });
    await expectAppError(deleteDatasetItem(developer, other.id, item.id), "not_found");
    await expectAppError(deleteDatasetItem(viewer, dataset.id, item.id), "forbidden");
    await expectAppError(deleteDatasetItem(outsider, dataset.id, item.id), "not_found");
    expect(await deleteDatasetItem(developer, dataset.id, item.id)).toEqual({ id: item.id });
    expect((await listDatasetItems(developer, dataset.id)).items).toEqual([]);
    await expectAppError(deleteDatasetItem(developer, dataset.id, item.id), "not_found");
    const last = (await auditOf(dataset.id)).at(-1);
    expect(last).toMatchObject({ action: "dataset.item.delete", before: { itemId: item.id, input: "remove me", expected: { outcome: "ok" } } });
  });

  it("goes with its agent: deleting the agent deletes its datasets and items", async () => {
    const doomed = await makeAgent(team);
    const dataset = await createDataset(developer, { agent: doomed.slug, name: `cascade-${unique()}` });
    await addDatasetItem(developer, dataset.id, { input: "x" });
    await db().agent.delete({ where: { id: doomed.id } });
    expect(await db().dataset.findUnique({ where: { id: dataset.id } })).toBeNull();
    expect(await db().datasetItem.count({ where: { datasetId: dataset.id } })).toBe(0);
  });
});

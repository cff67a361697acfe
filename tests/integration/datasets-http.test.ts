import { beforeAll, describe, expect, it } from "vitest";
import { createAdminKey } from "../../lib/keys/create-key";
import type { RouteDeclaration } from "../../lib/http/route-declaration";
import { callRoute, type RouteCall, type RouteHandler } from "./route-call";
import { datasetRoutes } from "../../lib/evals/datasets/routes";
import { GET as datasetsGet, POST as datasetsPost } from "../../app/api/v1/datasets/route";
import { GET as itemsGet, POST as itemsPost } from "../../app/api/v1/datasets/[id]/items/route";
import { POST as importPost } from "../../app/api/v1/datasets/[id]/items/import/route";
import { DELETE as itemDelete, PATCH as itemPatch } from "../../app/api/v1/datasets/[id]/items/[itemId]/route";
import { POST as fromIncidentPost } from "../../app/api/v1/datasets/[id]/items/from-incident/route";
import { db } from "../../lib/db/client";
import { makeAgent, makeTeam, makeUser, unique } from "./helpers";

// The dataset routes through their handlers: statuses, the error model, and answers that parse with
// the response schemas the API description publishes.


let adminKey: string;
let agentSlug: string;
let agentId: string;
let teamId: string;

beforeAll(async () => {
  const team = await makeTeam("datasets-http");
  const admin = await makeUser("admin", []);
  ({ slug: agentSlug, id: agentId } = await makeAgent(team));
  teamId = team.id;
  ({ key: adminKey } = await createAdminKey(admin, { name: "datasets-http" }));
});

const call = (route: RouteDeclaration, handler: RouteHandler, options: Omit<RouteCall, "key">) => callRoute(route, handler, { key: adminKey, ...options });

describe("dataset routes", () => {
  it("create (201, 409), add, import (422 with line details, then 201), list, delete", async () => {
    const name = `http-${unique()}`;
    const { dataset } = await call(datasetRoutes.create, datasetsPost, { body: { agent: agentSlug, name } });
    expect(dataset).toMatchObject({ agent: { slug: agentSlug }, name, items: 0, createdAt: expect.any(String) });
    const duplicate = await call(datasetRoutes.create, datasetsPost, { body: { agent: agentSlug, name }, status: 409 });
    expect(duplicate.error.code).toBe("conflict");

    const params = { id: dataset.id };
    await call(datasetRoutes.addItem, itemsPost, { params, body: {}, status: 422 });
    const { item } = await call(datasetRoutes.addItem, itemsPost, { params, body: { input: "hello", expected: { outcome: "greeted" } } });

    const bad = await call(datasetRoutes.importItems, importPost, { params, body: { jsonl: '{"input":"a"}\n{"input":' }, status: 422 });
    expect(bad.error.details).toEqual([{ line: 2, message: "Not valid JSON" }]);
    expect(await call(datasetRoutes.importItems, importPost, { params, body: { jsonl: '{"input":"a"}\n{"input":"b"}\n' } })).toMatchObject({ imported: 2, dataset: { items: 3 } });

    const page = await call(datasetRoutes.listItems, itemsGet, { params, query: "?limit=2" });
    expect(page.items.map((listed: { input: string }) => listed.input)).toEqual(["hello", "a"]);
    expect(page.nextCursor).toEqual(expect.any(String));
    const next = await call(datasetRoutes.listItems, itemsGet, { params, query: `?limit=2&cursor=${encodeURIComponent(page.nextCursor)}` });
    expect(next).toMatchObject({ items: [{ input: "b" }], nextCursor: null });

    const { datasets } = await call(datasetRoutes.list, datasetsGet, { query: `?agent=${agentSlug}` });
    expect(datasets).toContainEqual(expect.objectContaining({ id: dataset.id, items: 3 }));

    expect(await call(datasetRoutes.deleteItem, itemDelete, { params: { id: dataset.id, itemId: item.id } })).toEqual({ id: item.id });
    await call(datasetRoutes.deleteItem, itemDelete, { params: { id: dataset.id, itemId: item.id }, status: 404 });
  });

  it("PATCH an item's expected (200, 422 for a bad shape), and items from an incident (201; 422 when its alert names no failing tasks)", async () => {
    const { dataset } = await call(datasetRoutes.create, datasetsPost, { body: { agent: agentSlug, name: `http-${unique()}` } });
    const params = { id: dataset.id };
    const { item } = await call(datasetRoutes.addItem, itemsPost, { params, body: { input: "hello", expected: { outcome: "greeted" } } });
    const patched = await call(datasetRoutes.updateItem, itemPatch, { params: { ...params, itemId: item.id }, body: { expected: { outcome: "ignored", tools: [] } } });
    expect(patched.item).toMatchObject({ id: item.id, input: "hello", expected: { outcome: "ignored", tools: [] } });
    const invalid = await call(datasetRoutes.updateItem, itemPatch, { params: { ...params, itemId: item.id }, body: { expected: { tools: "lookup" } }, status: 422 });
    expect(invalid.error.code).toBe("validation_failed");

    const alert = await db().alert.create({ data: { kind: "drift", agentId, teamId, title: "approvals up", metric: "outcome_rate:approved", dedupeKey: `test:${unique()}` } });
    const withAlert = await db().incident.create({ data: { agentId, teamId, alertId: alert.id, title: "approvals up", severity: "warning", changePointAt: new Date(Date.now() - 3_600_000) } });
    const withoutAlert = await db().incident.create({ data: { agentId, teamId, title: "by hand", severity: "info" } });
    const none = await call(datasetRoutes.fromIncident, fromIncidentPost, { params, body: { incidentId: withAlert.id, outcome: "rejected" }, status: 201 });
    expect(none).toMatchObject({ added: 0, matched: 0, withoutInput: 0, limit: 50, criterion: 'outcome "approved"', dataset: { id: dataset.id, items: 1 } });
    const refused = await call(datasetRoutes.fromIncident, fromIncidentPost, { params, body: { incidentId: withoutAlert.id, outcome: "rejected" }, status: 422 });
    expect(refused.error.details.fieldErrors.incidentId).toEqual(["No outcome-rate or error-rate alert"]);
    await call(datasetRoutes.fromIncident, fromIncidentPost, { params, body: { incidentId: withAlert.id }, status: 422 });
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { createAdminKey, createAgentKey } from "../../lib/keys/create-key";
import type { RouteDeclaration } from "../../lib/http/route-declaration";
import { callRoute, type RouteCall, type RouteHandler } from "./route-call";
import { runRoutes } from "../../lib/evals/runs/routes";
import { suiteRoutes } from "../../lib/evals/suites/routes";
import { createVersion } from "../../lib/versions/create-version";
import { createDataset } from "../../lib/evals/datasets/create-dataset";
import { addDatasetItem } from "../../lib/evals/datasets/add-dataset-item";
import { POST as suitesPost, GET as suitesGet } from "../../app/api/v1/agents/[slug]/suites/route";
import { PATCH as suitePatch } from "../../app/api/v1/agents/[slug]/suites/[id]/route";
import { POST as runsPost, GET as runsGet } from "../../app/api/v1/evals/runs/route";
import { GET as runGet } from "../../app/api/v1/evals/runs/[id]/route";
import { POST as resultsPost } from "../../app/api/v1/evals/runs/[id]/results/route";
import { POST as completePost } from "../../app/api/v1/evals/runs/[id]/complete/route";
import { makeAgent, makeTeam, makeUser } from "./helpers";

// The suite and run routes through their handlers: an admin key starts and completes, the agent's own key
// reports and completes, another agent's key sees nothing, and answers parse with the published schemas.


let adminKey: string;
let agentKey: string;
let otherAgentKey: string;
let slug: string;
let datasetId: string;
let itemIds: string[];

beforeAll(async () => {
  const team = await makeTeam("eval-http");
  const admin = await makeUser("admin", []);
  const developer = await makeUser("developer", [team.id]);
  const agent = await makeAgent(team);
  const other = await makeAgent(team);
  slug = agent.slug;
  ({ key: adminKey } = await createAdminKey(admin, { name: "eval-http" }));
  ({ key: agentKey } = await createAgentKey(admin, agent.slug, { name: "harness" }));
  ({ key: otherAgentKey } = await createAgentKey(admin, other.slug, { name: "other" }));
  await createVersion(developer, slug, { prompt: "p", model: "gpt-4o-mini", params: {}, tools: [], message: "v1" });
  datasetId = (await createDataset(developer, { agent: slug, name: "http" })).id;
  itemIds = [];
  for (const input of ["a", "b"]) itemIds.push((await addDatasetItem(developer, datasetId, { input, expected: { outcome: "ok" } })).id);
});

const call = (route: RouteDeclaration, handler: RouteHandler, options: Omit<RouteCall, "key"> & { key?: string }) => callRoute(route, handler, { ...options, key: options.key ?? adminKey });

describe("suite and run routes", () => {
  it("start with an admin key, report and complete with the agent's key, read with either", async () => {
    const bad = await call(suiteRoutes.create, suitesPost, { params: { slug }, body: { dataset: datasetId, name: "x", evaluators: [{ type: "output_regex", pattern: "(" }], threshold: { passRate: 1 } }, status: 422 });
    expect(bad.error.code).toBe("validation_failed");
    const { suite } = await call(suiteRoutes.create, suitesPost, { params: { slug }, body: { dataset: datasetId, name: "smoke", evaluators: [{ type: "outcome_match" }], threshold: { passRate: 0.5 }, gating: true } });
    expect(suite).toMatchObject({ gating: true, dataset: { items: 2 }, threshold: { passRate: 0.5 } });
    await call(suiteRoutes.create, suitesPost, { params: { slug }, body: { dataset: datasetId, name: "smoke", evaluators: [{ type: "outcome_match" }], threshold: { passRate: 0.5 } }, status: 409 });
    expect((await call(suiteRoutes.list, suitesGet, { params: { slug } })).suites).toHaveLength(1);
    await call(suiteRoutes.update, suitePatch, { params: { slug: "not-this-agent", id: suite.id }, body: { gating: false }, status: 404 });

    // An agent key cannot start runs (management API), but may report and complete its own.
    await call(runRoutes.start, runsPost, { key: agentKey, body: { suite: suite.id, version: "v1" }, status: 403 });
    const { run } = await call(runRoutes.start, runsPost, { body: { suite: suite.id, version: "v1" } });
    expect(run.items.map((item: { itemId: string }) => item.itemId)).toEqual(itemIds);
    const params = { id: run.id };
    await call(runRoutes.report, resultsPost, { key: agentKey, params, body: { itemId: itemIds[0], outcome: "ok" } });
    await call(runRoutes.report, resultsPost, { key: agentKey, params, body: { itemId: itemIds[1] }, status: 422 });
    await call(runRoutes.report, resultsPost, { key: otherAgentKey, params, body: { itemId: itemIds[1], outcome: "ok" }, status: 404 });
    await call(runRoutes.get, runGet, { key: otherAgentKey, params, status: 404 });
    expect((await call(runRoutes.get, runGet, { key: agentKey, params })).run.counts).toEqual({ items: 2, reported: 1, passed: null });

    const { run: done } = await call(runRoutes.complete, completePost, { key: agentKey, params });
    expect(done).toMatchObject({ status: "passed", passRate: 0.5, scores: { outcome_match: 0.5 }, counts: { passed: 1 } });
    await call(runRoutes.report, resultsPost, { key: agentKey, params, body: { itemId: itemIds[1], outcome: "ok" }, status: 409 });
    const { runs } = await call(runRoutes.list, runsGet, { query: `?agent=${slug}&version=v1` });
    expect(runs).toEqual([expect.objectContaining({ id: run.id, status: "passed" })]);
    await call(runRoutes.list, runsGet, { query: "?version=v1", status: 422 });
  });
});

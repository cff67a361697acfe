import { beforeAll, describe, expect, it } from "vitest";
import { createAdminKey } from "../../lib/keys/create-key";
import type { RouteDeclaration } from "../../lib/http/route-declaration";
import { callRoute, type RouteCall, type RouteHandler } from "./route-call";
import { onlineEvaluatorRoutes } from "../../lib/evals/online/routes";
import { GET as listGet, POST as createPost } from "../../app/api/v1/agents/[slug]/online-evaluators/route";
import { DELETE as evaluatorDelete, PATCH as evaluatorPatch } from "../../app/api/v1/agents/[slug]/online-evaluators/[id]/route";
import { makeAgent, makeTeam, makeUser } from "./helpers";

// The online-evaluator routes through their handlers: statuses, the error model, and answers that parse
// with the response schemas the API description publishes.


let adminKey: string;
let slug: string;

beforeAll(async () => {
  const team = await makeTeam("online-http");
  const admin = await makeUser("admin", []);
  slug = (await makeAgent(team)).slug;
  ({ key: adminKey } = await createAdminKey(admin, { name: "online-http" }));
});

const call = (route: RouteDeclaration, handler: RouteHandler, options: Omit<RouteCall, "key">) => callRoute(route, handler, { key: adminKey, ...options });

describe("online evaluator routes", () => {
  it("refuse a type that needs an expected answer (422), a bad sample rate (422), a taken name (409)", async () => {
    const params = { slug };
    const wrongType = await call(onlineEvaluatorRoutes.create, createPost, { params, body: { name: "outcome", evaluator: { type: "outcome_match" }, sampleRate: 1 }, status: 422 });
    expect(wrongType.error.code).toBe("validation_failed");
    expect(wrongType.error.message).toContain("no expected answer");
    await call(onlineEvaluatorRoutes.create, createPost, { params, body: { name: "steps", evaluator: { type: "max_steps", max: 5 }, sampleRate: 1.5 }, status: 422 });
    await call(onlineEvaluatorRoutes.create, createPost, { params, body: { name: "bad/name", evaluator: { type: "max_steps", max: 5 }, sampleRate: 1 }, status: 422 });

    const { evaluator } = await call(onlineEvaluatorRoutes.create, createPost, { params, body: { name: "steps", evaluator: { type: "max_steps", max: 5 }, sampleRate: 0.25 } });
    expect(evaluator).toMatchObject({ name: "steps", metric: "online:steps", sampleRate: 0.25, enabled: true, createdAt: expect.any(String) });
    const taken = await call(onlineEvaluatorRoutes.create, createPost, { params, body: { name: "steps", evaluator: { type: "max_steps", max: 5 }, sampleRate: 1 }, status: 409 });
    expect(taken.error.code).toBe("conflict");

    const one = { slug, id: evaluator.id };
    await call(onlineEvaluatorRoutes.update, evaluatorPatch, { params: one, body: { evaluator: { type: "tool_called", name: "x" } }, status: 422 });
    const patched = await call(onlineEvaluatorRoutes.update, evaluatorPatch, { params: one, body: { enabled: false } });
    expect(patched.evaluator.enabled).toBe(false);
    const { evaluators } = await call(onlineEvaluatorRoutes.list, listGet, { params });
    expect(evaluators.map((row: { name: string }) => row.name)).toEqual(["steps"]);
    await call(onlineEvaluatorRoutes.remove, evaluatorDelete, { params: one });
    await call(onlineEvaluatorRoutes.remove, evaluatorDelete, { params: one, status: 404 });
  });
});

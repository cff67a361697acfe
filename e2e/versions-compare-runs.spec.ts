import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createAgent, createAgentKey } from "./fixtures/agents";
import { anonymousApi, apiAs, signInPage, unique } from "./fixtures/session";

// Comparing two versions on their runs: live traffic where v2 fails a third of its tasks, and a gating
// suite that v1 passes whole while v2 gets one claim wrong. The comparison page shows the difference,
// the evaluator table and the regressed item, which opens both traces side by side.

const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const nanos = (ms: number) => `${BigInt(ms) * 1_000_000n}`;
const text = (value: string) => ({ stringValue: value });

type Task = { version: string; failed?: boolean; outcome?: string; eval?: { runId: string; itemId: string } };

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.nodes.length}): ${violation.nodes[0]?.html.slice(0, 120)}`);
}

// One task as the agent's SDK would send it: the root span and a tool call under it.
function resourceSpans(slug: string, task: Task, startMs: number) {
  const traceId = hex(16);
  const rootId = hex(8);
  const attributes = [
    { key: "gen_ai.operation.name", value: text("invoke_agent") },
    ...(task.outcome ? [{ key: "controlroom.outcome", value: text(task.outcome) }] : []),
    ...(task.eval ? [{ key: "controlroom.eval.run_id", value: text(task.eval.runId) }, { key: "controlroom.eval.item_id", value: text(task.eval.itemId) }] : []),
  ];
  return {
    traceId,
    body: {
      resource: { attributes: [{ key: "service.name", value: text(slug) }, { key: "controlroom.version", value: text(task.version) }] },
      scopeSpans: [
        {
          scope: { name: "e2e-compare-runs" },
          spans: [
            { traceId, spanId: rootId, parentSpanId: "", name: `invoke_agent ${slug}`, kind: 1, startTimeUnixNano: nanos(startMs), endTimeUnixNano: nanos(startMs + 400), attributes, status: { code: task.failed ? 2 : 1 } },
            {
              traceId,
              spanId: hex(8),
              parentSpanId: rootId,
              name: "execute_tool claims.lookup",
              kind: 1,
              startTimeUnixNano: nanos(startMs + 50),
              endTimeUnixNano: nanos(startMs + 150),
              attributes: [{ key: "gen_ai.operation.name", value: text("execute_tool") }, { key: "gen_ai.tool.name", value: text("claims.lookup") }],
              status: { code: 1 },
            },
          ],
        },
      ],
    },
  };
}

async function ingest(agentApi: APIRequestContext, key: string, slug: string, tasks: Task[]) {
  const start = Date.now() - 60_000;
  const sent = tasks.map((task, index) => resourceSpans(slug, task, start + index * 500));
  const response = await agentApi.post("/api/otlp/v1/traces", { headers: { Authorization: `Bearer ${key}` }, data: { resourceSpans: sent.map((entry) => entry.body) } });
  expect(response.status(), await response.text()).toBe(200);
  return sent.map((entry) => entry.traceId);
}

// The answer's JSON once its status is the one expected (any: the test reads what it seeded).
const ok = async (response: Awaited<ReturnType<APIRequestContext["post"]>>, status: number): Promise<any> => {
  expect(response.status(), await response.text()).toBe(status);
  return response.json();
};

test("a developer compares v1 and v2: live traffic, the gating suite's evaluators and a regressed item's two traces", async ({ page, baseURL }, testInfo) => {
  test.slow();
  const admin = await apiAs(baseURL!, "admin");
  const { slug } = await createAgent(admin, "Claims");
  for (const label of ["v1", "v2"]) await ok(await admin.post(`/api/v1/agents/${slug}/versions`, { data: { prompt: `Review claims (${label}).`, model: "gpt-4o-mini", message: label } }), 201);
  const { key } = await createAgentKey(admin, slug);
  const agentApi = await anonymousApi(baseURL!);

  // Live traffic: v2 fails 10 of its 30 tasks, v1 none.
  await ingest(agentApi, key, slug, [
    ...Array.from({ length: 30 }, () => ({ version: "v1", outcome: "approved" })),
    ...Array.from({ length: 30 }, (_, index) => ({ version: "v2", outcome: "approved", failed: index < 10 })),
  ]);

  // A gating suite of three claims, run on both versions through the API as a CI harness would.
  const { dataset } = await ok(await admin.post("/api/v1/datasets", { data: { agent: slug, name: unique("claims") } }), 201);
  const claims = [
    ["Hail damage to the roof", "approved"],
    ["Wear and tear on tyres", "rejected"],
    ["Flooded basement", "approved"],
  ];
  for (const [input, outcome] of claims) await ok(await admin.post(`/api/v1/datasets/${dataset.id}/items`, { data: { input, expected: { outcome } } }), 201);
  const { suite } = await ok(
    await admin.post(`/api/v1/agents/${slug}/suites`, { data: { dataset: dataset.id, name: "claims gate", evaluators: [{ type: "outcome_match" }, { type: "tool_called", name: "claims.lookup" }], threshold: { passRate: 0.5 }, gating: true } }),
    201,
  );
  const answers: Record<string, string[]> = { v1: ["approved", "rejected", "approved"], v2: ["approved", "approved", "approved"] };
  for (const version of ["v1", "v2"]) {
    const { run } = await ok(await admin.post("/api/v1/evals/runs", { data: { suite: suite.id, version } }), 201);
    const items = run.items as { itemId: string; input: string }[];
    await ingest(agentApi, key, slug, items.map((item, index) => ({ version, outcome: answers[version][index], eval: { runId: run.id, itemId: item.itemId } })));
    await ok(await admin.post(`/api/v1/evals/runs/${run.id}/complete`), 200);
  }
  await agentApi.dispose();

  // The API: rates as fractions, b − a, both runs.
  const developer = await apiAs(baseURL!, "developer");
  const compared = await ok(await developer.get(`/api/v1/agents/${slug}/compare?a=v1&b=v2`), 200);
  expect(compared.a).toEqual({ label: "v1" });
  expect(compared.evals.a.passRate).toBe(1);
  expect(compared.evals.b.passRate).toBeCloseTo(2 / 3, 6);
  const errors = compared.metrics.find((metric: { name: string }) => metric.name === "error_rate");
  expect(errors).toMatchObject({ a: 0, n: { a: 30, b: 30 } });
  expect(errors.difference).toBeCloseTo(1 / 3, 6);
  expect(errors.low).toBeGreaterThan(0);
  expect(compared.evals.regressed).toEqual([expect.objectContaining({ input: "Wear and tear on tyres" })]);
  expect((await developer.get(`/api/v1/agents/${slug}/compare?a=v1&b=latest`)).status()).toBe(422);
  await developer.dispose();
  await admin.dispose();

  await signInPage(page, "developer");
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`/agents/${slug}/versions/compare?base=v1&head=v2`);
  const live = page.getByTestId("compare-live");
  await expect(live.getByRole("row").filter({ hasText: "Error rate" })).toContainText("Worse: higher");
  await expect(live.getByRole("row").filter({ hasText: "Error rate" })).toContainText("+33.3 pts");
  const evaluators = page.getByTestId("compare-evaluators");
  await expect(evaluators.getByRole("row").filter({ hasText: "outcome_match" })).toContainText("66.7%");
  await expect(evaluators.getByRole("row").filter({ hasText: "tool_called" })).toContainText("Not significant");
  await expect(page.getByTestId("compare-run-b")).toContainText("Passed 66.7%");
  const regressed = page.getByTestId("regressed-items").getByRole("listitem").filter({ hasText: "Wear and tear on tyres" });
  await expect(regressed).toContainText("outcome_match");
  await page.screenshot({ path: testInfo.outputPath("compare-runs.png"), fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);

  await regressed.getByRole("link", { name: /Compare traces/ }).click();
  await expect(page).toHaveURL(/\/versions\/compare\/items\?/);
  await expect(page.getByTestId("item-input")).toContainText("Wear and tear on tyres");
  await expect(page.getByTestId("item-side-a")).toContainText("Passed");
  await expect(page.getByTestId("item-side-b")).toContainText("Failed");
  await expect(page.getByTestId("item-side-a").getByTestId("waterfall")).toBeVisible();
  await expect(page.getByTestId("item-side-b").getByTestId("waterfall")).toBeVisible();
  await expect(page.getByTestId("item-side-b").getByTestId("trace-summary")).toContainText("v2");
  await expect(page.getByTestId("item-side-b").getByRole("link", { name: "Open trace of v2" })).toHaveAttribute("href", /^\/traces\/[0-9a-f]{32}$/);
  await page.screenshot({ path: testInfo.outputPath("compare-item.png"), fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
});

test("the comparison says what to run when a version has no completed run of the gating suite", async ({ page, baseURL }) => {
  const admin = await apiAs(baseURL!, "admin");
  const { slug } = await createAgent(admin, "Claims");
  for (const label of ["v1", "v2"]) await ok(await admin.post(`/api/v1/agents/${slug}/versions`, { data: { prompt: `p ${label}`, model: "gpt-4o-mini", message: label } }), 201);
  await signInPage(page, "viewer");
  await page.goto(`/agents/${slug}/versions/compare?base=v1&head=v2`);
  await expect(page.getByText("This agent has no gating suite")).toBeVisible();
  await expect(page.getByText("No live traffic of v1 or v2 in this period")).toBeVisible();

  const { dataset } = await ok(await admin.post("/api/v1/datasets", { data: { agent: slug, name: unique("claims") } }), 201);
  await ok(await admin.post(`/api/v1/datasets/${dataset.id}/items`, { data: { input: "A claim", expected: { outcome: "approved" } } }), 201);
  await ok(await admin.post(`/api/v1/agents/${slug}/suites`, { data: { dataset: dataset.id, name: "gate", evaluators: [{ type: "outcome_match" }], threshold: { passRate: 1 }, gating: true } }), 201);
  await page.reload();
  await expect(page.getByText("No completed run of the gating suite for v1 or v2 — run it")).toBeVisible();
  await admin.dispose();
});

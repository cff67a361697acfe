import { expect, test } from "@playwright/test";
import { SpanStatusCode, trace, ROOT_CONTEXT, type Tracer } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { createAgent, createAgentKey } from "./fixtures/agents";
import { apiAs, signInPage } from "./fixtures/session";

// Online evaluation end to end: a developer adds a steps bound to an agent's Drift tab at a sample rate
// of 1, the agent's live traffic arrives over OTLP (the e2e server runs without the demo simulator),
// and the panel shows the traces scored and their pass rate. A viewer sees the panel without controls.

const agent = { slug: "", key: "" };

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ baseURL }) => {
  const admin = await apiAs(baseURL!, "admin");
  const created = await createAgent(admin, "Claims");
  agent.slug = created.slug;
  agent.key = (await createAgentKey(admin, created.slug)).key;
  await admin.dispose();
});

// One task of `steps` spans: the root and steps − 1 model calls.
function writeTask(tracer: Tracer, steps: number, start: number) {
  const root = tracer.startSpan(`invoke_agent ${agent.slug}`, { startTime: new Date(start), attributes: { "gen_ai.operation.name": "invoke_agent" } }, ROOT_CONTEXT);
  const parent = trace.setSpan(ROOT_CONTEXT, root);
  for (let step = 1; step < steps; step++) {
    const span = tracer.startSpan("chat gpt-4o", { startTime: new Date(start + step * 100), attributes: { "gen_ai.operation.name": "chat" } }, parent);
    span.end(new Date(start + step * 100 + 50));
  }
  root.setStatus({ code: SpanStatusCode.OK });
  root.end(new Date(start + 1000));
}

async function sendTraffic(baseURL: string, stepsPerTask: number[]) {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": agent.slug }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${baseURL}/api/otlp/v1/traces`, headers: { Authorization: `Bearer ${agent.key}` } }))],
  });
  const tracer = provider.getTracer("e2e-online-evaluators");
  const now = Date.now();
  stepsPerTask.forEach((steps, index) => writeTask(tracer, steps, now - (stepsPerTask.length - index) * 2000));
  await provider.forceFlush();
  await provider.shutdown();
}

test("a developer adds a steps bound and sees live traces scored with their pass rate", async ({ page, baseURL }) => {
  await signInPage(page, "developer");
  await page.goto(`/agents/${agent.slug}/drift`);
  const panel = page.getByRole("region", { name: "Online evaluators" });
  await expect(panel.getByText("No online evaluators")).toBeVisible();

  await panel.getByRole("button", { name: "Add online evaluator" }).click();
  const dialog = page.getByRole("dialog", { name: "Add online evaluator" });
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill("steps bound");
  await dialog.getByLabel("Sample rate").fill("1");
  await dialog.getByLabel("Check").selectOption("max_steps");
  await dialog.getByLabel("Maximum (steps (spans))").fill("3");
  await dialog.getByRole("button", { name: "Add evaluator" }).click();
  await expect(dialog).toBeHidden();
  const row = panel.locator('tr[data-evaluator="steps bound"]');
  await expect(row).toContainText("At most 3 steps");
  await expect(row.getByTestId("pass-rate")).toHaveText("No scores yet");

  // Three tasks within the bound, one over it.
  await sendTraffic(baseURL!, [2, 3, 2, 6]);
  await expect(row.getByTestId("scored")).toHaveText("4", { timeout: 60_000 });
  await expect(row.getByTestId("pass-rate")).toHaveText("75% passed");
  // Its failure rate is a drift monitor of the agent, collecting its baseline.
  await expect(page.locator('tr[data-metric="online:steps bound"]')).toContainText("Collecting baseline", { timeout: 20_000 });
  await page.screenshot({ path: "test-results/online-evaluators.png", fullPage: true });
});

test("a viewer sees the online evaluators without the controls", async ({ page }) => {
  await signInPage(page, "viewer");
  await page.goto(`/agents/${agent.slug}/drift`);
  const row = page.locator('tr[data-evaluator="steps bound"]');
  // The panel loads after the page (its own query): on a busy CI machine that took over 10 s once.
  await expect(row).toContainText("At most 3 steps", { timeout: 30_000 });
  await expect(page.getByRole("button", { name: "Add online evaluator" })).toHaveCount(0);
  await expect(row.getByRole("button", { name: /Delete/ })).toHaveCount(0);
  await expect(row.getByRole("switch")).toHaveCount(0);
});

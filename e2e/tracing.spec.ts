import { readFile } from "node:fs/promises";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { SpanKind, SpanStatusCode, trace, ROOT_CONTEXT, type Tracer } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { formatUsd } from "../lib/costs/format";
import { createAgent, createAgentKey } from "./fixtures/agents";
import { apiAs, signInPage, unique } from "./fixtures/session";

// The tracing path end to end: spans leave this process through the OpenTelemetry SDK's own OTLP
// exporter (as any agent's would), then the pages show them: list, timeline, session replay, the cost
// per agent, and the chargeback CSV of the agent's team.

type ModelCall = { model: string; inputTokens: number; outputTokens: number };
// Token counts chosen so the expected cost is a round figure at list prices (gpt-4o $2.50/$10,
// claude-sonnet-4-5 $3/$15 per million tokens: 0.45 + 0.30 = $0.75 a turn).
const modelCalls: ModelCall[] = [
  { model: "gpt-4o", inputTokens: 100_000, outputTokens: 20_000 },
  { model: "claude-sonnet-4-5", inputTokens: 50_000, outputTokens: 10_000 },
];
const TURNS = 2;
const VERSION = "v3";

const sent = { slug: "", team: "", sessionId: "", traceIds: [] as string[] };

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ baseURL }) => {
  const admin = await apiAs(baseURL!, "admin");
  sent.team = unique("E2E Tracing");
  const team = await admin.post("/api/v1/teams", { data: { name: sent.team } });
  expect(team.status(), await team.text()).toBe(201);
  const agent = await createAgent(admin, sent.team);
  const { key } = await createAgentKey(admin, agent.slug);
  sent.slug = agent.slug;
  sent.sessionId = unique("e2e-session");

  const provider = new BasicTracerProvider({
    // The agent names the version it runs (controlroom.version), as an SDK sets it once per process.
    resource: resourceFromAttributes({ "service.name": agent.slug, "controlroom.version": VERSION }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `${baseURL}/api/otlp/v1/traces`, headers: { Authorization: `Bearer ${key}` } })),
    ],
  });
  const tracer = provider.getTracer("e2e-tracing");
  const now = Date.now();
  for (let turn = 1; turn <= TURNS; turn++) sent.traceIds.push(writeTurn(tracer, agent.slug, turn, now - (TURNS - turn + 1) * 60_000));
  await provider.forceFlush();
  await provider.shutdown();
  await admin.dispose();
});

// One task: an agent span with two model calls around a tool call, at explicit times.
function writeTurn(tracer: Tracer, slug: string, turn: number, start: number): string {
  const root = tracer.startSpan(
    `invoke_agent ${slug}`,
    {
      startTime: new Date(start),
      attributes: {
        "gen_ai.operation.name": "invoke_agent",
        "gen_ai.agent.name": slug,
        "gen_ai.conversation.id": sent.sessionId,
        "gen_ai.workflow.name": "refunds.process",
        "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: `Turn ${turn}: refund order ORD-${turn}` }] }]),
      },
    },
    ROOT_CONTEXT,
  );
  const parent = trace.setSpan(ROOT_CONTEXT, root);
  const child = (name: string, at: number, attributes: Record<string, string | number>, kind = SpanKind.INTERNAL) => {
    const span = tracer.startSpan(name, { kind, startTime: new Date(start + at), attributes }, parent);
    span.setStatus({ code: SpanStatusCode.OK });
    span.end(new Date(start + at + 800));
  };
  const [first, second] = modelCalls;
  child(`chat ${first.model}`, 100, llmAttributes(first, "Looking up the order first."), SpanKind.CLIENT);
  child("execute_tool refunds.issue", 1000, {
    "gen_ai.operation.name": "execute_tool",
    "gen_ai.tool.name": "refunds.issue",
    "gen_ai.tool.call.arguments": JSON.stringify({ orderId: `ORD-${turn}`, amount: 42.5 }),
    "gen_ai.tool.call.result": JSON.stringify({ refundId: `RF-${turn}`, status: "issued" }),
  });
  child(`chat ${second.model}`, 1900, llmAttributes(second, `Refunded order ORD-${turn}.`), SpanKind.CLIENT);
  root.setAttribute("controlroom.outcome", "refunded");
  root.setStatus({ code: SpanStatusCode.OK });
  root.end(new Date(start + 3000));
  return root.spanContext().traceId;
}

function llmAttributes(call: ModelCall, reply: string) {
  return {
    "gen_ai.operation.name": "chat",
    "gen_ai.provider.name": call.model.startsWith("claude") ? "anthropic" : "openai",
    "gen_ai.request.model": call.model,
    "gen_ai.response.model": call.model,
    "gen_ai.usage.input_tokens": call.inputTokens,
    "gen_ai.usage.output_tokens": call.outputTokens,
    "gen_ai.output.messages": JSON.stringify([{ role: "assistant", parts: [{ type: "text", content: reply }], finish_reason: "stop" }]),
  };
}

// What the spans must cost at the price table's current list prices.
async function expectedCostUsd(admin: APIRequestContext): Promise<number> {
  const response = await admin.get("/api/v1/prices");
  expect(response.status()).toBe(200);
  const { prices } = (await response.json()) as { prices: { model: string; inputPerMTok: number; outputPerMTok: number; status: string }[] };
  const perTurn = modelCalls.reduce((sum, call) => {
    const price = prices.find((row) => row.model === call.model && row.status === "current");
    expect(price, `a current price for ${call.model}`).toBeDefined();
    return sum + (call.inputTokens * price!.inputPerMTok + call.outputTokens * price!.outputPerMTok) / 1_000_000;
  }, 0);
  return Math.round(perTurn * TURNS * 1e8) / 1e8;
}

test("the exported spans appear in the trace list and the timeline", async ({ page }) => {
  await signInPage(page, "admin");
  await page.goto(`/traces?agent=${sent.slug}`);
  await expect(page.getByRole("heading", { level: 1, name: "Traces" })).toBeVisible();
  for (const traceId of sent.traceIds) await expect(page.locator(`[data-trace-id="${traceId}"]`)).toBeVisible();

  await page.locator(`[data-trace-id="${sent.traceIds[0]}"] a[href="/traces/${sent.traceIds[0]}"]`).click();
  await expect(page).toHaveURL(new RegExp(`/traces/${sent.traceIds[0]}`));
  const waterfall = page.getByTestId("waterfall");
  for (const name of [`invoke_agent ${sent.slug}`, "chat gpt-4o", "execute_tool refunds.issue", "chat claude-sonnet-4-5"]) {
    await expect(waterfall.getByText(name, { exact: true }).first()).toBeVisible();
  }
});

test("the trace list shows and filters by the version the agent named; so do the trace and its agent's costs", async ({ page }) => {
  await signInPage(page, "admin");
  await page.goto(`/agents/${sent.slug}/traces`);
  const row = page.locator(`[data-trace-id="${sent.traceIds[0]}"]`);
  await expect(row.getByRole("cell", { name: VERSION, exact: true })).toBeVisible();

  await page.getByLabel("Version").fill("v4");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]version=v4/);
  await expect(page.getByTestId("trace-row")).toHaveCount(0);
  await page.getByLabel("Version").fill(VERSION);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]version=${VERSION}`));
  await expect(page.getByTestId("trace-row")).toHaveCount(TURNS);

  await page.goto(`/traces/${sent.traceIds[0]}`);
  await expect(page.getByTestId("trace-version")).toHaveText(VERSION);

  await page.goto(`/agents/${sent.slug}/costs`);
  const versionRow = page.getByTestId("cost-per-version").locator(`tr[data-version="${VERSION}"]`);
  await expect(versionRow.getByRole("cell").nth(1)).toHaveText(String(TURNS));
});

test("the session replay steps through the turns with Next and Previous", async ({ page }) => {
  await signInPage(page, "admin");
  await page.goto(`/sessions/${encodeURIComponent(sent.sessionId)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Session replay" })).toBeVisible();
  const position = page.getByTestId("replay-position");
  await expect(position).toHaveText(/^Step 1 of \d+$/);
  const steps = Number((await position.textContent())!.match(/of (\d+)/)![1]);
  expect(steps).toBeGreaterThanOrEqual(TURNS);

  const previous = page.getByRole("button", { name: "Previous" });
  const next = page.getByRole("button", { name: "Next" });
  await expect(previous).toBeDisabled();
  await next.click();
  await expect(position).toHaveText(`Step 2 of ${steps}`);
  for (let step = 3; step <= steps; step++) {
    await next.click();
    await expect(position).toHaveText(`Step ${step} of ${steps}`);
  }
  await expect(next).toBeDisabled();
  await expect(page.getByText(`turn ${TURNS} of ${TURNS}`)).toBeVisible();
  await previous.click();
  await expect(position).toHaveText(`Step ${steps - 1} of ${steps}`);
});

test("the agent's cost on /costs is the sum of its tokens at list prices", async ({ page, baseURL }) => {
  const admin = await apiAs(baseURL!, "admin");
  const expected = await expectedCostUsd(admin);
  await admin.dispose();
  expect(expected).toBeCloseTo(1.5, 8);

  await signInPage(page, "admin");
  await page.goto("/costs");
  await expect(page.getByRole("heading", { level: 1, name: "Costs" })).toBeVisible();
  const row = page.locator(`tr[data-agent="${sent.slug}"]`);
  await expect(row).toBeVisible();
  // Columns: agent, team, tasks, spend, cost per task, …
  await expect(row.getByRole("cell").nth(1)).toHaveText(sent.team);
  await expect(row.getByRole("cell").nth(2)).toHaveText(String(TURNS));
  await expect(row.getByRole("cell").nth(3)).toHaveText(formatUsd(expected));
  await expect(row.getByRole("cell").nth(4)).toHaveText(formatUsd(expected / TURNS));
});

test("the chargeback CSV downloads with a row for the agent's team", async ({ page }) => {
  await signInPage(page, "admin");
  await page.goto("/costs");
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  const teamRow = csv.split(/\r?\n/).find((line) => line.split(",")[1] === sent.team);
  expect(teamRow, `a row for ${sent.team} in:\n${csv}`).toBeDefined();
  // month, team, tasks, input tokens, output tokens, cost (USD), unpriced spans
  const [, , tasks, inputTokens, outputTokens, costUsd] = teamRow!.split(",");
  expect(Number(tasks)).toBe(TURNS);
  expect(Number(inputTokens)).toBe(TURNS * modelCalls.reduce((sum, call) => sum + call.inputTokens, 0));
  expect(Number(outputTokens)).toBe(TURNS * modelCalls.reduce((sum, call) => sum + call.outputTokens, 0));
  expect(Number(costUsd)).toBeCloseTo(1.5, 6);
});

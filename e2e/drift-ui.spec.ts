import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures/role-fixture";
import { createAgent, createAgentKey } from "./fixtures/agents";
import { anonymousApi } from "./fixtures/session";

// An operator follows a drifting agent from /drift to its chart: the axes, the baseline and the
// version change are drawn, and the change opens the version diff. The agent's history arrives through
// the real paths: versions promoted through the API, tasks sent over OTLP (with past start times), the
// baseline collected by the drift monitors from the first 1,000 production tasks.

const SHOTS = process.env.E2E_SHOTS_DIR;
const HOUR = 3_600_000;

type Attribute = { key: string; value: { stringValue: string } };
const attr = (key: string, value: string): Attribute => ({ key, value: { stringValue: value } });

// One task: a root span with its outcome and version, and a tool call under it.
function task(start: number, outcome: string, version: string, tool: string) {
  const traceId = randomBytes(16).toString("hex");
  const rootId = randomBytes(8).toString("hex");
  const nanos = (ms: number) => `${BigInt(Math.round(ms)) * 1_000_000n}`;
  return [
    { traceId, spanId: rootId, name: "review claim", startTimeUnixNano: nanos(start), endTimeUnixNano: nanos(start + 1800), attributes: [attr("controlroom.outcome", outcome), attr("controlroom.version", version)] },
    {
      traceId,
      spanId: randomBytes(8).toString("hex"),
      parentSpanId: rootId,
      name: `execute_tool ${tool}`,
      startTimeUnixNano: nanos(start + 100),
      endTimeUnixNano: nanos(start + 300),
      attributes: [attr("gen_ai.operation.name", "execute_tool"), attr("gen_ai.tool.name", tool)],
    },
  ];
}

async function send(agent: APIRequestContext, key: string, spans: unknown[]) {
  for (let offset = 0; offset < spans.length; offset += 600) {
    const response = await agent.post("/api/otlp/v1/traces", {
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      data: JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: spans.slice(offset, offset + 600) }] }] }),
    });
    expect(response.status(), await response.text()).toBe(200);
  }
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.nodes.length}): ${violation.nodes[0]?.html.slice(0, 120)}`);
}

test("an operator opens /drift, then the agent's chart with its baseline and the v2 annotation, and follows it to the version diff", async ({ as, baseURL, browser }) => {
  test.slow();
  const admin = as.admin;
  const { slug } = await createAgent(admin, "Claims");
  for (const [label, kb] of [
    ["v1", "2025-11"],
    ["v2", "2026-03"],
  ]) {
    const created = await admin.post(`/api/v1/agents/${slug}/versions`, {
      data: { prompt: `Review claims (${label}).`, model: "gpt-4o-mini", knowledgeBase: { id: "claims-guidelines", version: kb }, tools: [{ name: "claims.lookup" }], message: label },
    });
    expect(created.status(), await created.text()).toBe(201);
  }
  const promote = async (label: string, reason: string) => {
    const response = await admin.post(`/api/v1/agents/${slug}/versions/${label}/promote`, { data: { stage: "production", reason } });
    expect(response.status(), await response.text()).toBe(200);
  };
  await promote("v1", "e2e: first deploy");
  const { key } = await createAgentKey(admin, slug);
  const agent = await anonymousApi(baseURL!);

  // The baseline: 1,000 tasks over days 6 to 2 before now, 85% approved, mostly claims.lookup.
  const now = Date.now();
  const baselineSpans = Array.from({ length: 1000 }, (_, index) =>
    task(now - 6 * 24 * HOUR + index * ((4 * 24 * HOUR) / 1000), index % 20 < 17 ? "approved" : "denied", "v1", index % 4 === 0 ? "policy.check" : "claims.lookup"),
  ).flat();
  await send(agent, key, baselineSpans);
  await expect
    .poll(async () => ((await (await admin.get(`/api/v1/drift?agent=${slug}`)).json()).monitors as { status: string }[]).map((monitor) => monitor.status), { timeout: 60_000 })
    .toContain("healthy");

  // v2 (a new knowledge base) reaches production; its tasks of the last hours approve 97%.
  await promote("v2", "e2e: new claims guidelines");
  const laterSpans = Array.from({ length: 300 }, (_, index) => task(now - 90 * 60_000 + index * 15_000, index % 33 === 0 ? "denied" : "approved", "v2", "claims.lookup")).flat();
  await send(agent, key, laterSpans);

  const context = await browser.newContext({ baseURL, storageState: await as.operator.storageState(), viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await page.goto("/drift");
  await expect(page.getByRole("heading", { level: 1, name: "Drift" })).toBeVisible();
  const card = page.getByTestId("drift-agent").filter({ has: page.getByRole("heading", { name: new RegExp(slug) }) });
  await expect(card).toBeVisible();
  // The detection arrives within seconds of the v2 tasks; the page refreshes every 10 s.
  await expect(card).toContainText("1 drifting", { timeout: 30_000 });
  await expect(card.getByRole("link", { name: 'Rate of outcome "approved"', exact: true })).toHaveAttribute("href", `/agents/${slug}/drift?metric=outcome_rate%3Aapproved`);
  await expect(card).toContainText("85.0% → 9");
  expect(await seriousViolations(page)).toEqual([]);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/drift-fleet.png`, fullPage: true });

  await card.getByRole("link", { name: 'Rate of outcome "approved"', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/agents/${slug}/drift\\?metric=outcome_rate%3Aapproved$`));
  const chart = page.getByTestId("drift-chart");
  await expect(chart).toBeVisible();
  // Axes with their units, the baseline (85.0%) and its band, and the v2 deploy as an annotation.
  const plot = chart.locator("svg.recharts-surface");
  await expect(plot).toContainText("Time (local), per 1 h");
  await expect(plot).toContainText('Rate of outcome "approved" (%)');
  // Ticks: days on the time axis, percents on the rate axis (the band reaches 100%).
  await expect(plot).toContainText(/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}/);
  await expect(plot).toContainText("100%");
  await expect(chart.locator(".recharts-reference-line")).not.toHaveCount(0);
  await expect(plot).toContainText("baseline 85.0%");
  await expect(chart.getByTestId("drift-change-point")).toHaveText("change point");
  await expect(chart.locator(".recharts-reference-area")).toHaveCount(1);
  await expect(chart.getByTestId("drift-annotation-mark").first()).toBeVisible();
  const annotations = page.getByTestId("drift-annotations");
  await expect(annotations.getByRole("link", { name: "v2 to production" })).toHaveAttribute("href", `/agents/${slug}/versions/compare?base=v1&head=v2`);
  await expect(annotations).toContainText("Knowledge base updated (v2)");
  expect(await seriousViolations(page)).toEqual([]);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/drift-chart.png`, fullPage: true });

  // A shorter range, kept in the URL: the chart redraws in 15-minute buckets with the same annotations.
  const ranges = page.getByRole("navigation", { name: "Time range" });
  await expect(ranges.getByRole("link", { name: "Since baseline" })).toHaveAttribute("aria-current", "page");
  await ranges.getByRole("link", { name: "24 h" }).click();
  await expect(page).toHaveURL(new RegExp(`/agents/${slug}/drift\\?metric=outcome_rate%3Aapproved&range=24h$`));
  await expect(ranges.getByRole("link", { name: "24 h" })).toHaveAttribute("aria-current", "page");
  await expect(plot).toContainText("per 15 min");
  await expect(annotations.getByRole("link", { name: "v2 to production" })).toBeVisible();

  // A click on the annotation's mark in the chart opens the diff, as the list's link does.
  await chart.getByTestId("drift-annotation-mark").last().click();
  await expect(page).toHaveURL(new RegExp(`/agents/${slug}/versions/compare\\?base=v1&head=v2$`));
  await context.close();
});

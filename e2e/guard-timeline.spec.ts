import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/role-fixture";
import { createAgentKey } from "./fixtures/agents";
import { anonymousApi, signInPage, unique } from "./fixtures/session";

// Guard decisions on the trace timeline: an agent sends its spans over OTLP and asks the guard before
// each action with the trace and span ids; the timeline shows each decision next to the span it gated,
// and the overview counts what the guard blocked. The demo policy of procurement-agent allows
// purchase.create, holds it above 1000 and denies any tool outside its scope.

const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const nanos = (ms: number) => `${BigInt(ms) * 1_000_000n}`;

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.nodes.length}): ${violation.nodes[0]?.html.slice(0, 120)}`);
}

test("decisions appear next to the span they gated, and the overview counts the deny", async ({ as, baseURL, page }) => {
  // Guard calls, OTLP ingest, the timeline and the overview in one flow: near 60 s on a loaded CI machine.
  test.slow();
  const { key } = await createAgentKey(as.admin, "procurement-agent");
  const agent = await anonymousApi(baseURL!);
  const headers = { Authorization: `Bearer ${key}` };
  const sessionId = unique("e2e-guard-timeline");
  const traceId = hex(16);
  const ids = { root: hex(8), purchase: hex(8), transfer: hex(8) };
  const start = Date.now() - 5_000;
  const span = (spanId: string, name: string, at: number, tool?: string) => ({
    traceId,
    spanId,
    parentSpanId: spanId === ids.root ? "" : ids.root,
    name,
    kind: 1,
    startTimeUnixNano: nanos(start + at),
    endTimeUnixNano: nanos(start + at + (spanId === ids.root ? 3000 : 400)),
    attributes: [
      { key: "gen_ai.conversation.id", value: { stringValue: sessionId } },
      ...(tool
        ? [
            { key: "gen_ai.operation.name", value: { stringValue: "execute_tool" } },
            { key: "gen_ai.tool.name", value: { stringValue: tool } },
          ]
        : [{ key: "gen_ai.operation.name", value: { stringValue: "invoke_agent" } }]),
    ],
    status: { code: 1 },
  });
  const ingest = await agent.post("/api/otlp/v1/traces", {
    headers,
    data: {
      resourceSpans: [
        {
          resource: { attributes: [{ key: "service.name", value: { stringValue: "procurement-agent" } }] },
          scopeSpans: [
            {
              scope: { name: "e2e-guard-timeline" },
              spans: [
                span(ids.root, "invoke_agent procurement-agent", 0),
                span(ids.purchase, "execute_tool purchase.create", 500, "purchase.create"),
                span(ids.transfer, "execute_tool wire.transfer", 1500, "wire.transfer"),
              ],
            },
          ],
        },
      ],
    },
  });
  expect(ingest.status(), await ingest.text()).toBe(200);

  const blockedBefore = (await (await as.admin.get("/api/v1/overview/blocked")).json()).blocked.lastHour;
  const ask = async (data: Record<string, unknown>) => {
    const response = await agent.post("/api/v1/guard", { headers, data: { sessionId, traceId, ...data } });
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()) as { decisionId: string; verdict: string };
  };
  const held = await ask({ check: "action", spanId: ids.purchase, action: { tool: "purchase.create", amount: 2500, params: { vendor: "acme" } } });
  const denied = await ask({ check: "action", spanId: ids.transfer, action: { tool: "wire.transfer", amount: 90_000 } });
  const traceLevel = await ask({ check: "action", action: { tool: "vendor.lookup" } });
  expect([held.verdict, denied.verdict, traceLevel.verdict]).toEqual(["hold", "deny", "allow"]);

  // The read API carries the decisions as an additive field, scoped like the trace.
  const read = await as.admin.get(`/api/v1/traces/${traceId}`);
  expect(read.status()).toBe(200);
  const body = await read.json();
  expect(body.spans).toHaveLength(3);
  expect(body.totals).toBeDefined();
  expect(body.decisions.map((decision: { decisionId: string; spanId: string | null; outcome: string }) => [decision.decisionId, decision.spanId, decision.outcome])).toEqual([
    [held.decisionId, ids.purchase, "pending"],
    [denied.decisionId, ids.transfer, "deny"],
    [traceLevel.decisionId, null, "allow"],
  ]);
  expect((await as.viewer.get(`/api/v1/traces/${traceId}`)).status()).toBe(404);

  const blockedAfter = (await (await as.admin.get("/api/v1/overview/blocked")).json()).blocked.lastHour;
  expect(blockedAfter.denied).toBeGreaterThanOrEqual(blockedBefore.denied + 1);
  expect(blockedAfter.held).toBeGreaterThanOrEqual(blockedBefore.held + 1);

  // A reviewer rejects the held purchase; the timeline shows the review.
  const decided = await as.reviewer.post(`/api/v1/guard/decisions/${held.decisionId}/decide`, { data: { verdict: "deny", note: "Vendor not approved" } });
  expect(decided.status(), await decided.text()).toBe(200);

  await signInPage(page, "admin");
  await page.goto(`/traces/${traceId}?span=${ids.transfer}`);
  const waterfall = page.getByTestId("waterfall");
  const transferRow = waterfall.locator(`[data-span-id="${ids.transfer}"]`);
  await expect(transferRow.getByTestId("guard-shield")).toHaveAttribute("data-outcome", "deny");
  await expect(transferRow).toHaveAccessibleName(/guard: Denied/);
  await expect(waterfall.locator(`[data-span-id="${ids.purchase}"]`).getByTestId("guard-shield")).toHaveAttribute("data-outcome", "rejected");
  await expect(waterfall.locator(`[data-span-id="${ids.root}"]`).getByTestId("guard-shield")).toHaveCount(0);

  const spanGuard = page.getByTestId("span-guard");
  await expect(spanGuard.getByTestId("guard-decision")).toHaveCount(1);
  await expect(spanGuard).toContainText("Denied");
  await expect(spanGuard).toContainText("out_of_scope");
  await expect(spanGuard).toContainText("wire.transfer · amount 90,000");
  await expect(spanGuard).toContainText(/Policy\s*agent@\d/);
  await expect(page.getByTestId("trace-guard").getByTestId("guard-decision")).toHaveCount(1);
  await expect(page.getByTestId("trace-guard")).toContainText("vendor.lookup");
  await page.screenshot({ path: test.info().outputPath("trace-guard.png"), fullPage: true });

  await transferRow.click();
  await page.keyboard.press("ArrowUp");
  await expect(spanGuard).toContainText("Held · rejected");
  await expect(spanGuard).toContainText("Vendor not approved");
  await expect(spanGuard).toContainText("Rejected by");
  await expect(page).toHaveURL(new RegExp(`span=${ids.purchase}`));
  expect(await seriousViolations(page)).toEqual([]);

  // The session replay shows the same decisions on the steps of the spans they gated.
  await page.goto(`/sessions/${sessionId}`);
  const position = page.getByTestId("replay-position");
  const stepCount = Number((await position.textContent())!.match(/of (\d+)/)![1]);
  const stepGuard = page.getByTestId("step-why");
  for (let step = 1; step <= stepCount && !(await page.getByTestId("replay-step").getByRole("heading", { name: /wire\.transfer/ }).isVisible()); step++) {
    await page.getByRole("button", { name: "Next" }).click();
  }
  await expect(page.getByTestId("replay-step").getByRole("heading", { name: /wire\.transfer/ })).toBeVisible();
  await expect(stepGuard).toContainText("Denied");
  await expect(stepGuard).toContainText("out_of_scope");
  expect(await seriousViolations(page)).toEqual([]);

  // The agent's page sums up its last day of decisions.
  await page.goto("/agents/procurement-agent");
  const summary = page.getByTestId("agent-guard-summary");
  await expect(summary).toBeVisible();
  expect(Number(await summary.locator('[data-outcome="deny"] dd').innerText())).toBeGreaterThanOrEqual(1);
  expect(Number(await summary.locator('[data-outcome="rejected"] dd').innerText())).toBeGreaterThanOrEqual(1);

  await page.goto("/");
  const tiles = page.getByTestId("blocked-tiles");
  await expect(tiles.getByText("Blocked (last hour)")).toBeVisible();
  const hint = await tiles.getByText(/denied · [\d,]+ held for review/).innerText();
  const [shownDenied, shownHeld] = (hint.match(/[\d,]+/g) ?? []).map((figure) => Number(figure.replace(/,/g, "")));
  // Other tests decide and remove agents (with their decisions) concurrently, so the fleet's figure
  // moves both ways between the API read above and this page (it failed by one, twice): the page must
  // count at least this test's own deny and hold; the API read just after the asks checked the increase.
  expect(shownDenied).toBeGreaterThanOrEqual(1);
  expect(shownHeld).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId("blocked-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath("overview-blocked.png"), fullPage: true });
  await agent.dispose();
});

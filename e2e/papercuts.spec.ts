import { randomBytes } from "node:crypto";
import { expect, test } from "./fixtures/role-fixture";
import { createAgent, createAgentKey } from "./fixtures/agents";
import { anonymousApi, signInPage, unique } from "./fixtures/session";

// What operators tripped over when walked as each role (issue 12): each test fails on the old screen.

const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const nanos = (ms: number) => `${BigInt(ms) * 1_000_000n}`;
const shots = process.env.PAPERCUTS_SHOTS;

test("pausing asks a reason, and the audit log shows it with the agent's slug", async ({ as, browser, page }) => {
  test.slow();
  const agent = await createAgent(as.admin);
  await signInPage(page, "operator");
  await page.goto(`/agents/${agent.slug}`);
  await page.getByTestId("agent-actions").getByRole("button", { name: "Pause" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Reason (optional, recorded in the audit log)").fill("claims denied since the budget ran out");
  if (shots) await page.screenshot({ path: `${shots}/pause-reason.png` });
  await dialog.getByRole("button", { name: "Pause agent" }).click();
  await expect(page.getByTestId("agent-status")).toContainText("Paused");

  const reviewer = await browser.newPage();
  await signInPage(reviewer, "reviewer");
  await reviewer.goto("/audit?action=agent.pause");
  const row = reviewer.getByRole("row").filter({ hasText: agent.slug });
  await expect(row.getByTestId("audit-target")).toHaveText(agent.slug);
  await expect(row).toContainText("claims denied since the budget ran out");
  if (shots) await reviewer.screenshot({ path: `${shots}/audit.png` });
});

test("the decision log filters by agent, verdict and reason in the URL, and rows lead to their trace", async ({ as, baseURL, page }) => {
  test.slow();
  const { key } = await createAgentKey(as.admin, "procurement-agent");
  const client = await anonymousApi(baseURL!);
  const sessionId = unique("e2e-decisions");
  const traceId = hex(16);
  const ask = async (data: Record<string, unknown>) => {
    const response = await client.post("/api/v1/guard", { headers: { Authorization: `Bearer ${key}` }, data: { sessionId, check: "action", ...data } });
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()) as { decisionId: string; verdict: string; reasons: { code: string }[] };
  };
  const denied = await ask({ traceId, action: { tool: "wire.transfer", amount: 90_000 } });
  const allowed = await ask({ action: { tool: "vendor.lookup" } });
  const order = { vendor: "Ergo Supplies", item: "Standing desk", quantity: 12, unitPrice: 415.5, amount: 4986, currency: "EUR", costCenter: "Claims" };
  const held = await ask({ action: { tool: "purchase.create", amount: order.amount, params: order } });
  expect([denied.verdict, allowed.verdict, held.verdict]).toEqual(["deny", "allow", "hold"]);

  // The API: scoped, filtered, paginated.
  const api = await as.admin.get(`/api/v1/guard/decisions?agent=procurement-agent&verdict=deny&reason=${denied.reasons[0].code}&limit=1`);
  expect(api.status(), await api.text()).toBe(200);
  const body = (await api.json()) as { decisions: { decisionId: string }[]; nextCursor: string | null };
  expect(body.decisions.map((decision) => decision.decisionId)).toEqual([denied.decisionId]);
  expect((await as.viewer.get("/api/v1/guard/decisions?agent=procurement-agent")).status()).toBe(404);

  await signInPage(page, "admin");
  await page.goto("/decisions");
  await page.getByLabel("Agent", { exact: true }).selectOption("procurement-agent");
  await page.getByLabel("Verdict").selectOption("deny");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/agent=procurement-agent/);
  await expect(page).toHaveURL(/verdict=deny/);
  const rows = page.getByTestId("decision-row");
  await expect(rows.first()).toBeVisible();
  await expect(rows.locator('[data-outcome]:not([data-outcome="deny"])')).toHaveCount(0);
  const deniedRow = page.locator(`[data-decision-id="${denied.decisionId}"]`);
  await expect(deniedRow).toContainText("wire.transfer");
  await expect(deniedRow).toContainText("90,000 USD");
  await expect(page.locator(`[data-decision-id="${allowed.decisionId}"]`)).toHaveCount(0);
  if (shots) await page.screenshot({ path: `${shots}/decisions.png`, fullPage: true });
  await deniedRow.getByRole("link", { name: traceId }).click();
  await expect(page).toHaveURL(new RegExp(`/traces/${traceId}`));

  // The held purchase in the queue: its currency and every parameter, and the agent filter in the URL.
  await page.goto("/approvals?agent=procurement-agent");
  await expect(page.getByLabel("Agent", { exact: true })).toHaveValue("procurement-agent");
  const heldRow = page.locator(`[data-decision-id="${held.decisionId}"]`);
  await expect(heldRow.getByTestId("held-amount")).toHaveText("4,986 EUR");
  for (const text of ["quantity", "12", "unitPrice", "415.5", "costCenter", "Claims", "Standing desk"]) await expect(heldRow.getByTestId("action-params")).toContainText(text);
  if (shots) await page.screenshot({ path: `${shots}/approvals.png`, fullPage: true });
  await page.getByLabel("Agent", { exact: true }).selectOption("");
  await expect(page).not.toHaveURL(/agent=/);

  // The agent page's denied count leads to the same log, filtered to the agent and the verdict.
  await page.goto("/agents/procurement-agent");
  await page.getByTestId("agent-guard-summary").getByRole("link", { name: /denied: show these decisions/ }).click();
  await expect(page).toHaveURL(/\/decisions\?agent=procurement-agent&verdict=deny&since=/);
  await expect(page.locator(`[data-decision-id="${denied.decisionId}"]`)).toBeVisible();
});

test("the overview's blocked count leads to the blocked decisions of the last hour", async ({ page }) => {
  await signInPage(page, "admin");
  await page.goto("/");
  await page.getByTestId("blocked-tiles").getByRole("link", { name: /Blocked \(last hour\)/ }).click();
  await expect(page).toHaveURL(/\/decisions\?verdict=blocked&since=/);
  await expect(page.getByLabel("Verdict")).toHaveValue("blocked");
  if (shots) {
    await page.goto("/");
    await expect(page.getByTestId("blocked-chart").locator(".recharts-yAxis")).toBeVisible();
    await page.getByTestId("blocked-chart").screenshot({ path: `${shots}/overview-chart.png` });
    await page.goto("/agents/procurement-agent");
    await page.screenshot({ path: `${shots}/agent-guard-links.png`, fullPage: true });
  }
});

test("a trace whose root span has not arrived shows as in progress, not under a child's name as OK", async ({ as, baseURL, page }) => {
  const agent = await createAgent(as.admin);
  const { key } = await createAgentKey(as.admin, agent.slug);
  const client = await anonymousApi(baseURL!);
  const traceId = hex(16);
  const start = Date.now() - 2_000;
  const ingest = await client.post("/api/otlp/v1/traces", {
    headers: { Authorization: `Bearer ${key}` },
    data: {
      resourceSpans: [
        {
          resource: { attributes: [{ key: "service.name", value: { stringValue: agent.slug } }] },
          scopeSpans: [
            {
              scope: { name: "e2e-papercuts" },
              spans: [
                {
                  traceId,
                  spanId: hex(8),
                  parentSpanId: hex(8),
                  name: "chat gpt-4.1",
                  kind: 1,
                  startTimeUnixNano: nanos(start),
                  endTimeUnixNano: nanos(start + 400),
                  attributes: [{ key: "gen_ai.operation.name", value: { stringValue: "chat" } }],
                  status: { code: 1 },
                },
              ],
            },
          ],
        },
      ],
    },
  });
  expect(ingest.status(), await ingest.text()).toBe(200);
  await signInPage(page, "admin");
  await expect(async () => {
    await page.goto(`/agents/${agent.slug}/traces`);
    await expect(page.locator(`[data-trace-id="${traceId}"]`)).toBeVisible({ timeout: 1_000 });
  }).toPass();
  const row = page.locator(`[data-trace-id="${traceId}"]`);
  await expect(row).toContainText("(in progress)");
  await expect(row).not.toContainText("chat gpt-4.1");
  await expect(row.locator("[data-status]")).toHaveAttribute("data-status", "running");
  await expect(row).toContainText("In progress");
  if (shots) await page.screenshot({ path: `${shots}/traces.png`, fullPage: true });
});

test("the Prices table's Delete buttons are on screen at 1440 × 900", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInPage(page, "admin");
  await page.goto("/admin/prices");
  const deleteButton = page.getByRole("row").nth(1).getByRole("button", { name: /Delete/ });
  await expect(deleteButton).toBeInViewport({ ratio: 1 });
  // No inner scroll box: the last row is reached by scrolling the page, and its Delete is whole.
  const lastDelete = page.getByRole("row").last().getByRole("button", { name: /Delete/ });
  await lastDelete.scrollIntoViewIfNeeded();
  await expect(lastDelete).toBeInViewport({ ratio: 1 });
  if (shots) await page.screenshot({ path: `${shots}/prices.png` });
});

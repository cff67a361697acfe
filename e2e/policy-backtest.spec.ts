import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Browser } from "@playwright/test";
import { expect, test } from "./fixtures/role-fixture";
import { createAgent, createAgentKey } from "./fixtures/agents";
import { anonymousApi, unique, type DemoRole } from "./fixtures/session";

// The backtest of a draft in the policy editor and of a proposal before it is approved. Each test makes
// its own agent and its guard decisions through the real guard (the e2e server runs no simulator, and the
// demo agents' decisions move under concurrent tests).

const purchases = { tools: [{ tool: "purchase.create" }, { tool: "catalog.search" }] };
const holdAbove = (threshold: number) => ({
  ...purchases,
  gates: [{ id: "large-purchase", when: { tool: "purchase.create", conditions: [{ param: "amount", op: "gt", value: threshold }] } }],
});

async function pageAs(browser: Browser, baseURL: string, as: Record<DemoRole, APIRequestContext>, role: DemoRole) {
  const context = await browser.newContext({ baseURL, storageState: await as[role].storageState(), viewport: { width: 1400, height: 1000 } });
  return { page: await context.newPage(), close: () => context.close() };
}

// An agent whose policy allows every purchase, and its decisions: purchases of 200, 1,500 and 2,500.
async function agentWithPurchases(admin: APIRequestContext, baseURL: string) {
  const agent = await createAgent(admin, "Claims");
  const saved = await admin.put(`/api/v1/agents/${agent.slug}/policies/agent`, { data: { document: purchases, baseVersion: null } });
  expect(saved.status(), await saved.text()).toBe(200);
  const { key } = await createAgentKey(admin, agent.slug);
  const client = await anonymousApi(baseURL);
  for (const amount of [200, 1500, 2500]) {
    const response = await client.post("/api/v1/guard", {
      headers: { Authorization: `Bearer ${key}` },
      data: { check: "action", sessionId: unique("e2e-backtest"), action: { tool: "purchase.create", amount } },
    });
    expect(response.status(), await response.text()).toBe(200);
    expect((await response.json()).verdict).toBe("allow");
  }
  await client.dispose();
  return agent;
}

test("an admin backtests a draft in the policy editor: its validation problems, then what it would have held", async ({ as, baseURL, browser }, testInfo) => {
  const agent = await agentWithPurchases(as.admin, baseURL!);
  const { page, close } = await pageAs(browser, baseURL!, as, "admin");
  await page.goto(`/agents/${agent.slug}/policies`);
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const backtest = page.getByTestId("policy-backtest");
  await expect(backtest.getByRole("heading", { name: "Backtest (last 7 days)" })).toBeVisible();

  const editor = page.getByLabel("Policy document (JSON)");
  await editor.fill('{ "tools": [ ');
  await backtest.getByRole("button", { name: "Run backtest" }).click();
  await expect(backtest.getByTestId("backtest-problems")).toContainText("Not valid JSON");

  await editor.fill(JSON.stringify(holdAbove(1000), null, 2));
  await expect(backtest).toContainText("The draft changed since this backtest ran");
  await backtest.getByRole("button", { name: "Run again" }).click();
  await expect(backtest.getByTestId("backtest-summary")).toHaveText("Would have changed 2 of 3 decisions: 2 allow → hold", { timeout: 30_000 });
  const examples = backtest.getByTestId("backtest-examples");
  await expect(examples.getByRole("row")).toHaveCount(3);
  await expect(examples).toContainText("purchase.create · amount 1,500");
  await expect(examples).toContainText("purchase.create · amount 2,500");
  await expect(examples).toContainText("large-purchase");
  await expect(examples.locator('[data-verdict="hold"]')).toHaveCount(2);
  await expect(examples.getByRole("link", { name: /^session e2e-backtest/ })).toHaveCount(2);
  await page.screenshot({ path: testInfo.outputPath("policy-editor-backtest.png"), fullPage: true });
  // The panel alone (axe over the whole live page is a11y.spec.ts's job): badges, arrows and tables named.
  const axe = await new AxeBuilder({ page }).include('[data-testid="policy-backtest"]').analyze();
  expect(axe.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical").map((violation) => violation.id)).toEqual([]);

  // Nothing was saved: the backtest only reads.
  const current = await as.admin.get(`/api/v1/agents/${agent.slug}/policies/agent`);
  expect((await current.json()).policy.version).toBe(1);
  await close();
});

test("a proposal shows its backtest before the Approve button; viewers and operators see no backtest", async ({ as, baseURL, browser }, testInfo) => {
  const agent = await agentWithPurchases(as.admin, baseURL!);
  const proposed = await as.developer.post(`/api/v1/agents/${agent.slug}/policies/proposals`, {
    data: { workflow: "", decisionType: "", document: holdAbove(2000), note: "e2e: hold the largest purchases" },
  });
  expect(proposed.status(), await proposed.text()).toBe(201);

  const { page, close } = await pageAs(browser, baseURL!, as, "admin");
  await page.goto(`/agents/${agent.slug}/policies`);
  const proposal = page.getByTestId("policy-proposal").filter({ hasText: "e2e: hold the largest purchases" });
  const summary = proposal.getByTestId("backtest-summary");
  // Run when the proposal is shown; on the shared 2-core CI box the replay has taken over 10 s.
  await expect(summary).toHaveText("Would have changed 1 of 3 decisions: 1 allow → hold", { timeout: 30_000 });
  await expect(proposal.getByTestId("backtest-examples")).toContainText("purchase.create · amount 2,500");
  const approve = proposal.getByRole("button", { name: "Approve", exact: true });
  const [summaryBox, approveBox] = [await summary.boundingBox(), await approve.boundingBox()];
  expect(summaryBox!.y).toBeLessThan(approveBox!.y);
  await proposal.screenshot({ path: testInfo.outputPath("proposal-backtest.png") });
  await close();

  for (const role of ["viewer", "operator"] as const) {
    const { page: rolePage, close: closeRole } = await pageAs(browser, baseURL!, as, role);
    await rolePage.goto(`/agents/${agent.slug}/policies`);
    await expect(rolePage.getByTestId("policy-proposal").filter({ hasText: "e2e: hold the largest purchases" })).toBeVisible();
    await expect(rolePage.getByTestId("policy-backtest")).toHaveCount(0);
    await closeRole();
  }
  const refused = await as.viewer.post(`/api/v1/agents/${agent.slug}/policies/backtest`, { data: { document: holdAbove(2000) } });
  expect(refused.status()).toBe(403);
});

import type { APIRequestContext, Browser } from "@playwright/test";
import { expect, test } from "./fixtures/role-fixture";
import { createAgent, createAgentKey } from "./fixtures/agents";
import { anonymousApi, unique, type DemoRole } from "./fixtures/session";

const refundPolicy = (limit: number) => ({
  tools: [{ tool: "orders.lookup" }, { tool: "refunds.issue", constraints: [{ param: "amount", op: "lte", value: limit }] }],
});

// A browser page signed in with the role's API session (the login form itself is covered by login-nav.spec.ts).
async function pageAs(browser: Browser, baseURL: string, as: Record<DemoRole, APIRequestContext>, role: DemoRole) {
  const context = await browser.newContext({ baseURL, storageState: await as[role].storageState() });
  return { page: await context.newPage(), close: () => context.close() };
}

async function guardClient(admin: APIRequestContext, baseURL: string, slug: string) {
  const { key } = await createAgentKey(admin, slug);
  const agent = await anonymousApi(baseURL);
  const refund = async (amount: number) => {
    const response = await agent.post("/api/v1/guard", {
      headers: { Authorization: `Bearer ${key}` },
      data: { check: "action", sessionId: unique("e2e-policies"), action: { tool: "refunds.issue", amount } },
    });
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()) as { verdict: string; reasons: { code: string }[] };
  };
  return { refund, dispose: () => agent.dispose() };
}

test("an admin writes and edits a policy in the browser and the guard applies each version on the next call", async ({ as, baseURL, browser }) => {
  const agent = await createAgent(as.admin, "Claims");
  const guard = await guardClient(as.admin, baseURL!, agent.slug);
  expect((await guard.refund(100)).verdict).toBe("deny");

  const { page, close } = await pageAs(browser, baseURL!, as, "admin");
  await page.goto(`/agents/${agent.slug}/policies`);
  await expect(page.getByText("No policy for this scope yet")).toBeVisible();
  await page.getByRole("button", { name: "Write policy" }).click();
  const editor = page.getByLabel("Policy document (JSON)");
  await editor.fill(JSON.stringify({ tools: [{ tool: "refunds.issue", constraints: [{ param: "amount", op: "lte", value: "lots" }] }] }, null, 2));
  await page.getByRole("button", { name: "Create policy" }).click();
  await expect(page.getByTestId("policy-problems")).toContainText("tools[0].constraints[0].value (line 9): Use a number with lte, lt, gte and gt");

  await editor.fill(JSON.stringify(refundPolicy(500), null, 2));
  await page.getByLabel(/^Note/).fill("e2e: first policy");
  await page.getByRole("button", { name: "Create policy" }).click();
  await expect(page.getByText("Version 1", { exact: true })).toBeVisible();
  await expect(page.getByTestId("policy-summary")).toContainText("refunds.issue when amount ≤ 500");
  expect((await guard.refund(100)).verdict).toBe("allow");

  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await editor.fill(JSON.stringify(refundPolicy(50), null, 2));
  await page.getByLabel(/^Note/).fill("e2e: tighter");
  await page.getByRole("button", { name: "Save as version 2" }).click();
  await expect(page.getByText("Version 2", { exact: true })).toBeVisible();
  await expect(page.getByTestId("policy-version-2")).toContainText("e2e: tighter");
  const denied = await guard.refund(100);
  expect(denied.verdict).toBe("deny");
  expect(denied.reasons[0].code).toBe("policy_rule");

  // A save made on a copy that is no longer current is refused, not lost.
  const stale = await as.admin.put(`/api/v1/agents/${agent.slug}/policies/agent`, { data: { document: refundPolicy(10), baseVersion: 1 } });
  expect(stale.status()).toBe(409);

  await page.getByTestId("policy-version-1").getByRole("button", { name: /Restore/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Restore as version 3" }).click();
  await expect(page.getByText("Version 3", { exact: true })).toBeVisible();
  expect((await guard.refund(100)).verdict).toBe("allow");
  await guard.dispose();
  await close();
});

test("a developer proposes a change and an admin approves it into the next version", async ({ as, baseURL, browser }) => {
  const agent = await createAgent(as.admin, "Claims");
  const created = await as.admin.put(`/api/v1/agents/${agent.slug}/policies/agent`, { data: { document: refundPolicy(500), baseVersion: null } });
  expect(created.status(), await created.text()).toBe(200);
  const guard = await guardClient(as.admin, baseURL!, agent.slug);
  expect((await guard.refund(800)).verdict).toBe("deny");

  const { page, close } = await pageAs(browser, baseURL!, as, "developer");
  await page.goto(`/agents/${agent.slug}/policies`);
  await expect(page.getByRole("button", { name: "Edit", exact: true })).toHaveCount(0);
  await page.getByRole("button", { name: "Propose change" }).click();
  await page.getByLabel("Policy document (JSON)").fill(JSON.stringify(refundPolicy(1000), null, 2));
  await page.getByLabel(/^Why/).fill("e2e: larger refunds");
  await page.getByRole("button", { name: "Propose change" }).click();
  const proposal = page.getByTestId("policy-proposal").filter({ hasText: "e2e: larger refunds" });
  await expect(proposal).toBeVisible();
  await expect(proposal.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await expect(proposal.getByRole("button", { name: "Withdraw" })).toBeVisible();
  expect((await guard.refund(800)).verdict).toBe("deny");

  const { page: adminPage, close: closeAdmin } = await pageAs(browser, baseURL!, as, "admin");
  await adminPage.goto(`/agents/${agent.slug}/policies`);
  const pending = adminPage.getByTestId("policy-proposal").filter({ hasText: "e2e: larger refunds" });
  // The admin reads what the proposal changes before approving it.
  await pending.getByRole("button", { name: "View changes" }).click();
  const changes = pending.getByRole("figure", { name: "Changes from version 1 to the proposal" });
  await expect(changes.locator("del")).toContainText(["500"]);
  await expect(changes.locator("ins")).toContainText(["1000"]);
  await expect(changes).toContainText("+1 −1 lines");
  await pending.getByRole("button", { name: "Approve", exact: true }).click();
  await adminPage.getByRole("dialog", { name: "Approve this proposal?" }).getByRole("button", { name: "Approve", exact: true }).click();
  await expect(adminPage.getByText("Version 2", { exact: true })).toBeVisible();
  await expect(adminPage.getByTestId("policy-version-2")).toContainText("e2e: larger refunds");
  await adminPage.getByRole("button", { name: "View version 2" }).click();
  await expect(adminPage.getByRole("figure", { name: "Changes from version 1 to version 2" }).locator("ins")).toContainText(["1000"]);
  await expect(adminPage.getByTestId("policy-proposal")).toHaveCount(0);
  expect((await guard.refund(800)).verdict).toBe("allow");
  await closeAdmin();
  await close();
  await guard.dispose();
});

test("a viewer reads the policy but has no edit controls, and the API refuses their writes", async ({ as, baseURL, browser }) => {
  const agent = await createAgent(as.admin, "Claims");
  expect((await as.admin.put(`/api/v1/agents/${agent.slug}/policies/agent`, { data: { document: refundPolicy(500), baseVersion: null } })).status()).toBe(200);
  const workflow = await as.admin.put(`/api/v1/agents/${agent.slug}/policies/workflow:intake`, { data: { document: { tools: [] }, baseVersion: null } });
  expect(workflow.status(), await workflow.text()).toBe(200);
  const scopes = (await (await as.viewer.get(`/api/v1/agents/${agent.slug}/policies`)).json()).policies as { scopeKey: string; version: number }[];
  expect(scopes.map((scope) => scope.scopeKey)).toEqual(["agent", "workflow:intake"]);

  const { page, close } = await pageAs(browser, baseURL!, as, "viewer");
  await page.goto(`/agents/${agent.slug}/policies`);
  await expect(page.getByTestId("policy-summary")).toContainText("refunds.issue when amount ≤ 500");
  for (const name of ["Edit", "Propose change", "Delete", "New scope", "Write policy"]) {
    await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
  }
  await expect(page.getByTestId("policy-version-1")).toBeVisible();
  await expect(page.getByRole("button", { name: /Restore/ })).toHaveCount(0);
  await page.getByRole("navigation", { name: "Policy scopes" }).getByRole("link", { name: /Workflow intake/ }).click();
  await expect(page.getByTestId("policy-summary")).toContainText("None: every action is out of scope");

  const put = await as.viewer.put(`/api/v1/agents/${agent.slug}/policies/agent`, { data: { document: refundPolicy(1), baseVersion: 1 } });
  expect(put.status()).toBe(403);
  const propose = await as.viewer.post(`/api/v1/agents/${agent.slug}/policies/proposals`, { data: { document: refundPolicy(1), note: "e2e: nope" } });
  expect(propose.status()).toBe(403);
  expect((await as.viewer.get(`/api/v1/agents/${agent.slug}/policies`)).status()).toBe(200);
  await close();
});

import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures/role-fixture";
import { createAgentKey } from "./fixtures/agents";
import { anonymousApi, signInPage, signInThroughForm, unique } from "./fixtures/session";

// The demo policy holds purchase.create of procurement-agent above 1000 for a reviewer.
async function holdPurchase(admin: APIRequestContext, baseURL: string, vendor: string) {
  const { key } = await createAgentKey(admin, "procurement-agent");
  const agent = await anonymousApi(baseURL);
  const headers = { Authorization: `Bearer ${key}` };
  const sessionId = unique("e2e-approvals");
  const response = await agent.post("/api/v1/guard", {
    headers,
    data: { check: "action", sessionId, action: { tool: "purchase.create", amount: 4321, params: { vendor } } },
  });
  const decision = await response.json();
  expect(decision.verdict).toBe("hold");
  return { agent, headers, sessionId, decisionId: decision.decisionId as string };
}

test("a reviewer approves a held purchase in the queue and the waiting agent's long-poll returns allow", async ({ as, baseURL, page }) => {
  const held = await holdPurchase(as.admin, baseURL!, "globex");
  await signInPage(page, "reviewer");
  await page.goto("/approvals");
  await expect(page.getByRole("heading", { level: 1, name: "Approvals" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: held.sessionId });
  await expect(row).toContainText("procurement-agent");
  await expect(row).toContainText("purchase.create");
  // Every parameter as a name/value pair, and the amount with its currency (USD: the action named none).
  await expect(row.getByTestId("action-params").locator("div").filter({ hasText: "vendor" })).toContainText("globex");
  await expect(row.getByTestId("held-amount")).toHaveText("4,321 USD");

  const waiting = held.agent.get(`/api/v1/guard/decisions/${held.decisionId}?wait=30`, { headers: held.headers });
  await row.getByRole("button", { name: "Approve" }).click();
  const dialog = page.getByRole("dialog", { name: "Approve this held action?" });
  await dialog.getByLabel(/^Note/).fill("e2e: vendor approved");
  await dialog.getByRole("button", { name: "Approve" }).click();
  await expect(dialog).toBeHidden();

  const answer = await waiting;
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toMatchObject({ verdict: "allow", note: "e2e: vendor approved" });
  await page.mouse.move(0, 0);
  await expect(page.getByRole("region", { name: "Held actions waiting for a decision" }).getByRole("row").filter({ hasText: held.sessionId })).toHaveCount(0);
  // It moves to the history, with who decided.
  const decided = page.getByRole("region", { name: "Held actions decided in the last 24 hours" }).getByRole("row").filter({ hasText: held.sessionId });
  await expect(decided).toContainText("approved");
  await expect(decided).toContainText("reviewer@demo.local");
  await expect(decided).toContainText("e2e: vendor approved");
  await held.agent.dispose();
});

test("a reviewer whose colleague decided first gets the conflict message", async ({ as, baseURL, page }) => {
  const held = await holdPurchase(as.admin, baseURL!, "initech");
  await signInPage(page, "reviewer");
  await page.goto("/approvals");
  const row = page.getByRole("row").filter({ hasText: held.sessionId });
  await row.getByRole("button", { name: "Reject" }).click();
  const dialog = page.getByRole("dialog", { name: "Reject this held action?" });
  await expect(dialog).toContainText("The agent's action is denied; it gets deny from its long-poll.");
  await dialog.getByLabel(/Reason/).fill("e2e: not this vendor");

  expect((await as.admin.post(`/api/v1/guard/decisions/${held.decisionId}/decide`, { data: { verdict: "allow" } })).status()).toBe(200);
  await dialog.getByRole("button", { name: "Reject" }).click();
  await expect(page.getByText("This held action was already decided")).toBeVisible();
  await held.agent.dispose();
});

// The demo operator works in Claims and Support; procurement holds belong to Procurement, so the
// test signs in a fresh operator of that team.
test("an operator sees the held action but cannot decide it", async ({ as, baseURL, page }) => {
  const held = await holdPurchase(as.admin, baseURL!, "hooli");
  const teams = (await (await as.admin.get("/api/v1/teams")).json()).teams as { id: string; name: string }[];
  const procurement = teams.find((team) => team.name === "Procurement");
  expect(procurement).toBeTruthy();
  const email = `${unique("e2e-operator")}@demo.local`;
  const created = await as.admin.post("/api/v1/users", {
    data: { email, name: "E2E Operator", role: "operator", teamIds: [procurement!.id], password: "a-proper-password" },
  });
  expect(created.status(), await created.text()).toBe(201);

  await signInThroughForm(page, email, "a-proper-password");
  await page.goto("/approvals");
  await expect(page.getByText("Only reviewers and admins decide held actions")).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: held.sessionId });
  await expect(row).toContainText("procurement-agent");
  await expect(row.getByRole("button")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^(Approve|Reject)$/ })).toHaveCount(0);
  await held.agent.dispose();
});

import type { APIRequestContext, BrowserContext } from "@playwright/test";
import { expect, test } from "./fixtures/role-fixture";
import { createAgentKey } from "./fixtures/agents";
import { anonymousApi, signInPage, unique } from "./fixtures/session";

// A department of its own, so its budget touches no other test: a team, an agent allowed every tool,
// and a reviewer of that team (the demo reviewer belongs to the demo teams only).
async function department(admin: APIRequestContext) {
  const teamResponse = await admin.post("/api/v1/teams", { data: { name: unique("e2e-budget-dept") } });
  expect(teamResponse.status(), await teamResponse.text()).toBe(201);
  const team = (await teamResponse.json()).team as { id: string; name: string };
  const slug = unique("e2e-budget-agent");
  expect((await admin.post("/api/v1/agents", { data: { slug, name: `E2E ${slug}`, team: team.id } })).status()).toBe(201);
  const policy = await admin.put(`/api/v1/agents/${slug}/policies/agent`, {
    data: { document: { scope: { agent: slug }, tools: [{ tool: "*" }] }, baseVersion: null, note: "e2e: every tool" },
  });
  expect(policy.status(), await policy.text()).toBe(200);
  const reviewerEmail = `${unique("e2e-reviewer")}@demo.local`;
  const reviewer = await admin.post("/api/v1/users", {
    data: { email: reviewerEmail, name: "E2E Reviewer", role: "reviewer", teamIds: [team.id], password: "a-proper-password" },
  });
  expect(reviewer.status(), await reviewer.text()).toBe(201);
  const { key } = await createAgentKey(admin, slug);
  return { team, slug, key, reviewerEmail };
}

// A priceless model: its tokens count against token budgets.
const act = (agent: APIRequestContext, key: string, sessionId: string, inputTokens: number) =>
  agent.post("/api/v1/guard", {
    headers: { Authorization: `Bearer ${key}` },
    data: { check: "action", sessionId, action: { tool: "vendor.lookup", params: { n: inputTokens } }, usage: { model: "e2e-unpriced-model", inputTokens, outputTokens: 0 } },
  });

// Signs a browser context in over HTTP (its pages share the cookie).
async function signInContext(context: BrowserContext, email: string, password: string) {
  const { csrfToken } = await (await context.request.get("/api/auth/csrf")).json();
  const response = await context.request.post("/api/auth/callback/credentials", { form: { email, password, csrfToken, json: "true" } });
  expect(response.status()).toBe(200);
}

test("an admin sets a department budget, the agent exceeds it, and a reviewer approves the hold with an extension", async ({ as, baseURL, page, browser }, testInfo) => {
  test.slow();
  const { team, slug, key, reviewerEmail } = await department(as.admin);

  // The admin writes a daily limit of 1,000 tokens in the dialog; a wrong field gets its error and focus.
  await signInPage(page, "admin");
  await page.goto("/costs");
  const budgets = page.getByRole("region", { name: "Budgets", exact: true });
  await budgets.getByRole("button", { name: "Edit department budgets" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit department budgets" });
  await dialog.getByLabel("Department (team)").selectOption({ label: team.name });
  await dialog.getByLabel("Daily limit (tokens)").fill("1000");
  await dialog.getByLabel("Weekly limit (USD)").fill("-5");
  await dialog.getByRole("button", { name: "Save budgets" }).click();
  await expect(dialog.getByText("Must be more than 0")).toBeVisible();
  await expect(dialog.getByLabel("Weekly limit (USD)")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Backspace");
  await dialog.getByRole("button", { name: "Save budgets" }).click();
  await expect(dialog).toBeHidden();
  const row = budgets.getByRole("row").filter({ hasText: team.name });
  await expect(row).toContainText("Daily");
  await expect(row).toContainText("1,000 tokens");
  await expect(row).toContainText("Within budget");

  // The agent spends 900 tokens (allowed, 90%), then 200 more: past the limit, the action is held.
  const agent = await anonymousApi(baseURL!);
  const sessionId = unique("e2e-budget-session");
  expect((await (await act(agent, key, sessionId, 900)).json()).verdict).toBe("allow");
  const held = await (await act(agent, key, sessionId, 200)).json();
  expect(held.verdict).toBe("hold");
  expect(held.reasons[0].code).toBe("budget_exceeded");

  await page.reload();
  await expect(row).toContainText("Exceeded");
  await expect(row).toContainText("1,100 of 1,000 tokens");
  await expect(budgets.getByRole("list", { name: "Recent budget alerts" })).toContainText(`department ${team.name}`);
  await budgets.screenshot({ path: testInfo.outputPath("costs-budgets-exceeded.png") });

  // A reviewer of the team sees the budget on the held action and approves it with 5,000 more tokens.
  const reviewerContext = await browser.newContext({ baseURL });
  await signInContext(reviewerContext, reviewerEmail, "a-proper-password");
  const reviewerPage = await reviewerContext.newPage();
  await reviewerPage.goto("/approvals");
  const heldRow = reviewerPage.getByRole("row").filter({ hasText: sessionId });
  await expect(heldRow.getByTestId("held-budget")).toContainText(`department ${team.name} · daily: 1,100 of 1,000 tokens`);
  await heldRow.getByRole("button", { name: "Approve" }).click();
  const approve = reviewerPage.getByRole("dialog", { name: "Approve this held action?" });
  await expect(approve.getByLabel("Extra USD")).toHaveCount(0);
  await approve.getByLabel("Extra tokens").fill("5000");
  await approve.getByLabel(/^Note/).fill("e2e: month-end batch");
  await reviewerPage.screenshot({ path: testInfo.outputPath("approvals-extension.png") });
  await approve.getByRole("button", { name: "Approve" }).click();
  await expect(approve).toBeHidden();
  const decided = await agent.get(`/api/v1/guard/decisions/${held.decisionId}`, { headers: { Authorization: `Bearer ${key}` } });
  expect(await decided.json()).toMatchObject({ verdict: "allow", note: "e2e: month-end batch" });

  // The next action fits in the extended limit.
  expect((await (await act(agent, key, sessionId, 100)).json()).verdict).toBe("allow");
  await page.reload();
  await expect(row).toContainText("+5,000 tokens extension");
  await expect(row).toContainText("1,200 of 6,000 tokens");
  await expect(row).toContainText("Within budget");

  // The agent's costs tab shows the budget that governs it.
  await page.goto(`/agents/${slug}/costs`);
  await expect(page.getByRole("region", { name: "Budgets", exact: true }).getByRole("row").filter({ hasText: team.name })).toContainText("1,200 of 6,000 tokens");
  await page.screenshot({ path: testInfo.outputPath("agent-costs-budgets.png"), fullPage: true });

  await agent.dispose();
  await reviewerContext.close();
});

test("a department budget cannot be set by a non-admin over the API, and invalid budgets get field errors", async ({ as }) => {
  const teams = (await (await as.admin.get("/api/v1/teams")).json()).teams as { id: string; name: string }[];
  const claims = teams.find((team) => team.name === "Claims")!;
  const denied = await as.reviewer.put(`/api/v1/teams/${claims.id}/budgets`, { data: { budgets: [{ window: "day", usd: 1 }] } });
  expect(denied.status()).toBe(403);
  const invalid = await as.admin.put(`/api/v1/teams/${claims.id}/budgets`, { data: { budgets: [{ window: "day" }] } });
  expect(invalid.status()).toBe(422);
  expect((await invalid.json()).error.details.fieldErrors).toEqual({ "budgets.0": ["Give a limit in usd, tokens or both"] });
  const listed = await as.viewer.get("/api/v1/budgets");
  expect(listed.status()).toBe(200);
  expect(await listed.json()).toMatchObject({ budgets: expect.any(Array), alerts: expect.any(Array) });
});

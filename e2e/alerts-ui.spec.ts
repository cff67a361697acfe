import type { APIRequestContext, BrowserContext } from "@playwright/test";
import { expect, test } from "./fixtures/role-fixture";
import { createAgentKey } from "./fixtures/agents";
import { anonymousApi, unique } from "./fixtures/session";

// A team of its own with a 1,000-token daily budget, an agent allowed every tool and an operator of
// that team: the budget alert this test raises touches no other test.
async function department(admin: APIRequestContext) {
  const teamResponse = await admin.post("/api/v1/teams", { data: { name: unique("e2e-alerts-dept") } });
  expect(teamResponse.status(), await teamResponse.text()).toBe(201);
  const team = (await teamResponse.json()).team as { id: string; name: string };
  const slug = unique("e2e-alerts-agent");
  expect((await admin.post("/api/v1/agents", { data: { slug, name: `E2E ${slug}`, team: team.id } })).status()).toBe(201);
  const policy = await admin.put(`/api/v1/agents/${slug}/policies/agent`, {
    data: { document: { scope: { agent: slug }, tools: [{ tool: "*" }] }, baseVersion: null, note: "e2e: every tool" },
  });
  expect(policy.status(), await policy.text()).toBe(200);
  const budgets = await admin.put(`/api/v1/teams/${team.id}/budgets`, { data: { budgets: [{ window: "day", tokens: 1000, alertAtPercent: 80 }] } });
  expect(budgets.status(), await budgets.text()).toBe(200);
  const operatorEmail = `${unique("e2e-operator")}@demo.local`;
  const operator = await admin.post("/api/v1/users", {
    data: { email: operatorEmail, name: "E2E Operator", role: "operator", teamIds: [team.id], password: "a-proper-password" },
  });
  expect(operator.status(), await operator.text()).toBe(201);
  const { key } = await createAgentKey(admin, slug);
  return { team, slug, key, operatorEmail };
}

async function signInContext(context: BrowserContext, email: string, password: string) {
  const { csrfToken } = await (await context.request.get("/api/auth/csrf")).json();
  const response = await context.request.post("/api/auth/callback/credentials", { form: { email, password, csrfToken, json: "true" } });
  expect(response.status()).toBe(200);
}

test("an operator acknowledges, then resolves, the budget alert an agent raised, from /alerts", async ({ as, baseURL, browser }, testInfo) => {
  test.slow();
  const { team, slug, key, operatorEmail } = await department(as.admin);

  // The agent spends 900 of its department's 1,000 daily tokens: past the 80% alert level.
  const agent = await anonymousApi(baseURL!);
  const guard = await agent.post("/api/v1/guard", {
    headers: { Authorization: `Bearer ${key}` },
    data: { check: "action", sessionId: unique("e2e-alerts-session"), action: { tool: "vendor.lookup", params: {} }, usage: { model: "e2e-unpriced-model", inputTokens: 900, outputTokens: 0 } },
  });
  expect((await guard.json()).verdict).toBe("allow");

  const context = await browser.newContext({ baseURL });
  await signInContext(context, operatorEmail, "a-proper-password");
  const page = await context.newPage();
  const title = `Department ${team.name} reached 80% of its daily budget`;
  // The breach shows where the operator looks first: the overview, and the page of an agent of that department.
  await page.goto("/");
  await expect(page.getByTestId("open-alerts")).toContainText(title);
  await page.goto(`/agents/${slug}`);
  await expect(page.getByTestId("open-alerts")).toContainText(title);
  await page.goto("/alerts");
  const row = page.getByRole("row").filter({ hasText: title });
  await expect(row).toContainText("Warning");
  await expect(row).toContainText("Open");
  // The nav badge counts it (this operator's only team has this one open alert).
  await expect(page.getByTestId("open-alerts-count")).toHaveText("1");

  // Filters live in the URL: budget alerts that are open.
  await page.getByLabel("Status").selectOption("open");
  await page.getByLabel("Kind").selectOption("budget");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=open/);
  await expect(page).toHaveURL(/kind=budget/);
  await expect(row).toBeVisible();

  // Acknowledge with the keyboard: the dialog takes the focus, Enter on the button submits.
  await row.getByRole("button", { name: "Acknowledge" }).click();
  const acknowledge = page.getByRole("dialog", { name: "Acknowledge this alert?" });
  await acknowledge.getByLabel(/^Note/).fill("e2e: looking into the spend");
  await acknowledge.getByRole("button", { name: "Acknowledge" }).press("Enter");
  await expect(acknowledge).toBeHidden();

  // Acknowledged alerts are no longer "open": the filtered view drops it; the unfiltered view shows who.
  await page.goto("/alerts");
  await expect(row).toContainText("Acknowledged");
  await expect(row).toContainText(operatorEmail);
  await expect(page.getByTestId("open-alerts-count")).toHaveCount(0);

  // Resolving asks for a note.
  await row.getByRole("button", { name: "Resolve" }).click();
  const resolve = page.getByRole("dialog", { name: "Resolve this alert?" });
  await resolve.getByRole("button", { name: "Resolve" }).click();
  await expect(resolve.getByText("Say what was done or why it is resolved")).toBeVisible();
  await resolve.getByLabel(/^What was done/).fill("e2e: budget raised for month end");
  await resolve.getByRole("button", { name: "Resolve" }).click();
  await expect(resolve).toBeHidden();
  await expect(row).toContainText("Resolved");
  await expect(row.getByRole("button")).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("alerts-resolved.png"), fullPage: true });

  // The API agrees, and says who did what.
  const teamAlerts = (await (await page.request.get("/api/v1/alerts?kind=budget")).json()).alerts as { id: string; title: string; status: string; acknowledgedBy: string; resolvedBy: string }[];
  const resolved = teamAlerts.find((alert) => alert.title === title);
  expect(resolved).toMatchObject({ status: "resolved", acknowledgedBy: operatorEmail, resolvedBy: operatorEmail });

  // Over the API: resolving twice is a conflict, another team's operator is told it does not exist,
  // and a viewer may not act at all.
  const again = await as.admin.post(`/api/v1/alerts/${resolved!.id}/resolve`, { data: { note: "again" } });
  expect(again.status(), await again.text()).toBe(409);
  expect((await as.operator.post(`/api/v1/alerts/${resolved!.id}/acknowledge`, { data: {} })).status()).toBe(404);
  expect((await as.viewer.post(`/api/v1/alerts/${resolved!.id}/acknowledge`, { data: {} })).status()).toBe(403);

  await agent.dispose();
  await context.close();
});

test("admins add, list and delete webhooks over the API; the secret is never returned and other roles are refused", async ({ as }) => {
  const secret = `e2e-secret-${unique("s")}`;
  const created = await as.admin.post("/api/v1/webhooks", { data: { team: "Claims", url: "https://hooks.example.test/e2e", events: ["alert.raised"], secret } });
  expect(created.status(), await created.text()).toBe(201);
  const { webhook } = await created.json();
  expect(webhook).toMatchObject({ team: { name: "Claims" }, signed: true });

  const listed = await as.admin.get("/api/v1/webhooks");
  expect(await listed.text()).not.toContain(secret);
  expect((await as.admin.get(`/api/v1/webhooks/${webhook.id}/deliveries`)).status()).toBe(200);

  const notHttp = await as.admin.post("/api/v1/webhooks", { data: { team: "Claims", url: "ftp://example.test/x", events: ["alert.raised"] } });
  expect(notHttp.status()).toBe(422);
  expect((await as.operator.post("/api/v1/webhooks", { data: { team: "Claims", url: "https://example.test", events: ["alert.raised"] } })).status()).toBe(403);
  expect((await as.operator.get("/api/v1/webhooks")).status()).toBe(403);

  expect((await as.admin.delete(`/api/v1/webhooks/${webhook.id}`)).status()).toBe(200);
  expect((await as.admin.get(`/api/v1/webhooks/${webhook.id}/deliveries`)).status()).toBe(404);
});

import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures/role-fixture";
import { createAgent, createAgentKey } from "./fixtures/agents";
import { anonymousApi, unique, type DemoRole } from "./fixtures/session";

const SHOTS = process.env.E2E_SHOTS_DIR ?? "/tmp/shots-ui";

// A browser page signed in with the role's API session (the login form itself is covered by login-nav.spec.ts).
async function pageAs(browser: Browser, baseURL: string, as: Record<DemoRole, APIRequestContext>, role: DemoRole) {
  const context = await browser.newContext({ baseURL, storageState: await as[role].storageState(), viewport: { width: 1400, height: 1000 } });
  return { page: await context.newPage(), close: () => context.close() };
}

const firstPrompt = "You review insurance claims.\nBe brief.\nNever promise a payout.";

async function createVersion(admin: APIRequestContext, slug: string, data: Record<string, unknown>) {
  const response = await admin.post(`/api/v1/agents/${slug}/versions`, { data });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).version as { label: string };
}

async function promote(admin: APIRequestContext, slug: string, label: string, data: Record<string, unknown>) {
  const response = await admin.post(`/api/v1/agents/${slug}/versions/${label}/promote`, { data });
  expect(response.status(), await response.text()).toBe(200);
}

async function stageOf(admin: APIRequestContext, slug: string, label: string) {
  const response = await admin.get(`/api/v1/agents/${slug}/versions/${label}`);
  expect(response.status()).toBe(200);
  return (await response.json()).version.stage as string;
}

// An agent of team Claims with v1 in production (an admin's ungated first deploy).
async function agentInProduction(admin: APIRequestContext) {
  const agent = await createAgent(admin, "Claims");
  await createVersion(admin, agent.slug, {
    prompt: firstPrompt,
    model: "gpt-4o-mini",
    params: { temperature: 0.2 },
    tools: [{ name: "claims.lookup" }],
    message: "First version",
  });
  await promote(admin, agent.slug, "v1", { stage: "production", reason: "e2e: first deploy" });
  return agent.slug;
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.nodes.length}): ${violation.nodes[0]?.html.slice(0, 120)}`);
}

test("a developer creates a version and asks for production, a reviewer approves, an operator rolls back, and the config call serves the previous version", async ({
  as,
  baseURL,
  browser,
}) => {
  test.slow();
  const slug = await agentInProduction(as.admin);

  // The developer creates v2 from the form, prefilled from production, changing one prompt line.
  const developer = await pageAs(browser, baseURL!, as, "developer");
  await developer.page.goto(`/agents/${slug}/versions`);
  await expect(developer.page.getByTestId("live-versions")).toContainText("v1");
  await developer.page.getByRole("link", { name: "New version" }).click();
  await expect(developer.page.getByText("Prefilled from v1 (production)")).toBeVisible();
  await expect(developer.page.getByLabel("System prompt")).toHaveValue(firstPrompt);
  await developer.page.getByLabel("Parameters").fill("{ temperature: 0.1 ");
  await developer.page.getByRole("button", { name: "Create version" }).click();
  await expect(developer.page.getByText(/^Not valid JSON/)).toBeVisible();
  await expect(developer.page.getByText("Say what changed")).toBeVisible();
  await expect(developer.page.getByLabel("Parameters")).toBeFocused();
  await shot(developer.page, "02-new-version-errors");
  await developer.page.getByLabel("Parameters").fill('{ "temperature": 0.1 }');
  await developer.page.getByLabel("System prompt").fill(firstPrompt.replace("Be brief.", "Be brief and cite the policy clause."));
  await developer.page.getByLabel("Message").fill("Cite the policy clause");
  await developer.page.getByRole("button", { name: "Create version" }).click();
  await expect(developer.page).toHaveURL(new RegExp(`/agents/${slug}/versions/v2$`));
  await expect(developer.page.getByRole("heading", { name: "v2", exact: true })).toBeVisible();
  await expect(developer.page.getByText("Cite the policy clause", { exact: true })).toBeVisible();

  // …and moves it to staging; a canary needs an admin while the agent has no evaluation gate.
  await developer.page.getByRole("button", { name: "Move to staging" }).click();
  await developer.page.getByRole("dialog").getByRole("button", { name: "Move to staging" }).click();
  await expect(developer.page.getByTestId("version-actions")).not.toContainText("Move to staging");
  await expect(developer.page.locator("[data-stage=staging]").first()).toBeVisible();
  expect(await stageOf(as.admin, slug, "v2")).toBe("staging");
  await expect(developer.page.getByRole("button", { name: "Start canary" })).toBeDisabled();
  await expect(developer.page.getByText("This agent has no evaluation gate yet: only admins start a canary")).toBeVisible();
  await expect(developer.page.getByRole("button", { name: "Ask for production" })).toBeDisabled();
  await shot(developer.page, "03-version-staging-developer");

  // The admin starts a 10% canary; the developer asks for production with a note.
  await promote(as.admin, slug, "v2", { stage: "canary", canaryPercent: 10, reason: "e2e: try v2 on a tenth" });
  await developer.page.reload();
  await developer.page.getByRole("button", { name: "Ask for production" }).click();
  const ask = developer.page.getByRole("dialog", { name: "Ask for v2 in production?" });
  await ask.getByLabel(/^Note for the reviewer/).fill("e2e: the canary looks fine");
  await ask.getByRole("button", { name: "Ask for production" }).click();
  await expect(ask).toBeHidden();
  await expect(developer.page.getByTestId("pending-request")).toContainText("developer@demo.local asked for production");
  await expect(developer.page.getByRole("button", { name: "Ask for production" })).toBeDisabled();
  await expect(developer.page.getByText("Already asked: waiting for reviewers and admins.")).toBeVisible();
  await shot(developer.page, "04-version-canary-requested");

  // The compare page shows the changed prompt line (marked, not only coloured) and the parameter.
  await developer.page.goto(`/agents/${slug}/versions/compare?base=v1&head=v2`);
  const diff = developer.page.getByTestId("prompt-diff");
  await expect(diff.locator("[data-kind=removed]")).toHaveText(["-removed: Be brief."]);
  await expect(diff.locator("[data-kind=added]")).toHaveText(["+added: Be brief and cite the policy clause."]);
  await expect(developer.page.getByTestId("change-list")).toContainText("temperature");
  await shot(developer.page, "05-compare");
  expect(await seriousViolations(developer.page)).toEqual([]);
  await developer.close();

  // A reviewer approves it on the Approvals page.
  const reviewer = await pageAs(browser, baseURL!, as, "reviewer");
  await reviewer.page.goto("/approvals");
  const request = reviewer.page.getByTestId("production-request").filter({ hasText: slug });
  await expect(request).toContainText("v2");
  await expect(request).toContainText("Canary");
  await expect(request).toContainText("developer@demo.local");
  await expect(request).toContainText("e2e: the canary looks fine");
  await expect(request).toContainText("ungated");
  await expect(request.getByRole("link", { name: "Compare with production" })).toHaveAttribute("href", `/agents/${slug}/versions/compare?head=v2`);
  await shot(reviewer.page, "06-approvals");
  await request.getByRole("button", { name: "Approve" }).click();
  const approve = reviewer.page.getByRole("dialog", { name: "Approve this production request?" });
  await approve.getByLabel(/^Note/).fill("e2e: approved");
  await approve.getByRole("button", { name: "Approve" }).click();
  await expect(approve).toBeHidden();
  await expect(reviewer.page.getByTestId("production-request").filter({ hasText: slug })).toHaveCount(0);
  expect(await stageOf(as.admin, slug, "v2")).toBe("production");
  await reviewer.close();

  // A canary of v3 runs when the operator rolls back: the confirmation names both changes.
  await createVersion(as.admin, slug, { prompt: "v3 prompt", model: "gpt-4o", message: "Try a bigger model" });
  await promote(as.admin, slug, "v3", { stage: "canary", canaryPercent: 10, reason: "e2e: a canary to end" });
  const operator = await pageAs(browser, baseURL!, as, "operator");
  await operator.page.goto(`/agents/${slug}`);
  await expect(operator.page.getByTestId("agent-summary")).toContainText("v2 · canary v3 10%");
  await operator.page.getByRole("button", { name: "Roll back" }).click();
  const rollback = operator.page.getByRole("dialog", { name: /^Roll back/ });
  await expect(rollback.getByLabel("Roll back to", { exact: true })).toHaveValue("v1");
  await expect(rollback.getByTestId("rollback-consequence")).toHaveText(
    "Production goes from v2 to v1. The canary v3 (10%) ends. The next config call of every session gets v1.",
  );
  await rollback.getByRole("button", { name: "Roll back to v1" }).click();
  await expect(rollback.getByText(/^Say why you roll back/)).toBeVisible();
  await rollback.getByLabel(/^Reason/).fill("e2e: v2 cites the wrong clauses");
  await shot(operator.page, "07-rollback-dialog");
  await rollback.getByRole("button", { name: "Roll back to v1" }).click();
  await expect(rollback).toBeHidden();
  await expect(operator.page.getByText(/rolled back: production is v1 \(was v2\)\. The canary v3 ended\./)).toBeVisible();
  await expect(operator.page.getByTestId("agent-summary")).toContainText("v1");
  await expect(operator.page.getByTestId("agent-summary")).not.toContainText("canary");
  await shot(operator.page, "08-after-rollback");

  // The timeline says what happened, newest first.
  await operator.page.goto(`/agents/${slug}/versions`);
  const events = operator.page.getByTestId("deployment-event");
  await expect(events.first()).toContainText("Rolled back");
  await expect(events.first()).toContainText("production v2 → v1");
  await expect(events.first()).toContainText("operator@demo.local");
  await expect(events.first()).toContainText("e2e: v2 cites the wrong clauses");
  await expect(operator.page.getByTestId("deployment-event").filter({ hasText: "Production approved" })).toContainText("reviewer@demo.local");
  await shot(operator.page, "01-versions-tab");
  expect(await seriousViolations(operator.page)).toEqual([]);
  await operator.close();

  // The agent's next config call gets v1.
  const { key } = await createAgentKey(as.admin, slug);
  const agentClient = await anonymousApi(baseURL!);
  const config = await agentClient.get(`/api/v1/agents/self/config?sessionId=${unique("e2e-versions")}`, { headers: { Authorization: `Bearer ${key}` } });
  expect(config.status(), await config.text()).toBe(200);
  expect(await config.json()).toMatchObject({ version: { label: "v1", stage: "production" }, prompt: firstPrompt });
  await agentClient.dispose();
});

test("lib's refusal shows in the dialog, and a viewer sees the bundle without controls", async ({ as, baseURL, browser }) => {
  const slug = await agentInProduction(as.admin);
  await createVersion(as.admin, slug, { prompt: "second", model: "gpt-4o-mini", message: "Second", knowledgeBase: { id: "claims-guidelines", version: "2026-03" } });

  // The dialog checks the share itself; a conflict only lib knows of (a canary started meanwhile) shows
  // lib's own message inside the dialog.
  const admin = await pageAs(browser, baseURL!, as, "admin");
  await admin.page.goto(`/agents/${slug}/versions/v2`);
  await admin.page.getByRole("button", { name: "Start canary" }).click();
  const canary = admin.page.getByRole("dialog", { name: "Start a canary of v2?" });
  await canary.getByLabel(/^Share of sessions/).fill("80");
  await canary.getByLabel(/^Reason/).fill("e2e: try it");
  await canary.getByRole("button", { name: "Start canary" }).click();
  await expect(canary.getByText("A whole number from 1 to 50")).toBeVisible();
  await canary.getByLabel(/^Share of sessions/).fill("20");
  await createVersion(as.admin, slug, { prompt: "third", model: "gpt-4o-mini", message: "Third" });
  await promote(as.admin, slug, "v3", { stage: "canary", canaryPercent: 5, reason: "e2e: a canary started meanwhile" });
  await canary.getByRole("button", { name: "Start canary" }).click();
  await expect(canary.getByRole("alert")).toHaveText("v3 is in canary: end it (move it to staging) or promote it first");
  await shot(admin.page, "12-canary-conflict");
  await canary.getByRole("button", { name: "Cancel" }).click();
  await admin.page.reload();
  await expect(admin.page.getByText("v3 is in canary: end it first.")).toBeVisible();
  await admin.page.getByRole("button", { name: "Deploy to production" }).click();
  const deploy = admin.page.getByRole("dialog", { name: "Deploy v2 to production?" });
  await expect(deploy).toContainText("Production goes from v1 to v2");
  await expect(deploy).toContainText("The canary v3 (5%) ends");
  await expect(deploy).toContainText("Ungated");
  await shot(admin.page, "09-deploy-dialog-admin");
  await deploy.getByRole("button", { name: "Cancel" }).click();

  // The admin widens the running canary.
  await admin.page.goto(`/agents/${slug}/versions/v3`);
  await admin.page.getByRole("button", { name: "Change share" }).click();
  const share = admin.page.getByRole("dialog", { name: "Change the canary share of v3?" });
  await expect(share.getByLabel(/^Share of sessions/)).toHaveValue("5");
  await share.getByLabel(/^Share of sessions/).fill("20");
  await share.getByLabel(/^Reason/).fill("e2e: more traffic");
  await share.getByRole("button", { name: "Change share" }).click();
  await expect(share).toBeHidden();
  await expect(admin.page.getByTestId("agent-summary")).toContainText("v1 · canary v3 20%");
  await admin.close();

  const viewer = await pageAs(browser, baseURL!, as, "viewer");
  await viewer.page.goto(`/agents/${slug}/versions/v2`);
  await expect(viewer.page.getByText("claims-guidelines @ 2026-03")).toBeVisible();
  await expect(viewer.page.getByText("Only developers and admins move versions between stages.")).toBeVisible();
  await expect(viewer.page.getByTestId("version-actions").getByRole("button")).toHaveCount(0);
  await viewer.page.goto(`/agents/${slug}`);
  await expect(viewer.page.getByRole("button", { name: "Roll back" })).toHaveCount(0);
  await viewer.page.goto(`/agents/${slug}/versions/new`);
  await expect(viewer.page.getByText("Your role cannot open this page")).toBeVisible();
  await viewer.page.goto(`/agents?q=${slug}`);
  await expect(viewer.page.getByTestId("agent-row").filter({ hasText: slug })).toContainText("v1 · canary v3 20%");
  await shot(viewer.page, "10-agents-list");
  await viewer.page.goto("/");
  await shot(viewer.page, "11-overview");
  await viewer.close();
});

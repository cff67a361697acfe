import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures/role-fixture";
import { createAgent, createAgentKey } from "./fixtures/agents";
import { anonymousApi, signInPage, unique } from "./fixtures/session";

// A paused agent's held actions are never released: pausing denies them (reason agent_paused), the
// agent's long-poll hears deny, /approvals says why, and a reviewer's approval is refused with 409.
// Each test pauses an agent of its own (Procurement, so the demo reviewer may decide its holds).

async function heldPurchase(admin: APIRequestContext, baseURL: string) {
  const { slug } = await createAgent(admin, "Procurement");
  const policy = await admin.put(`/api/v1/agents/${slug}/policies/agent`, {
    data: {
      document: {
        scope: { agent: slug },
        tools: [{ tool: "purchase.create" }],
        gates: [{ id: "large-purchase", when: { tool: "purchase.create", conditions: [{ param: "amount", op: "gt", value: 1000 }] }, expiresInSeconds: 900 }],
      },
      baseVersion: null,
      note: "e2e: hold large purchases",
    },
  });
  expect(policy.status(), await policy.text()).toBe(200);
  const { key } = await createAgentKey(admin, slug);
  const agent = await anonymousApi(baseURL);
  const headers = { Authorization: `Bearer ${key}` };
  const sessionId = unique("e2e-paused");
  const response = await agent.post("/api/v1/guard", { headers, data: { check: "action", sessionId, action: { tool: "purchase.create", amount: 5000 } } });
  const decision = await response.json();
  expect(decision.verdict).toBe("hold");
  return { slug, agent, headers, sessionId, decisionId: decision.decisionId as string };
}

test("pausing an agent denies its held purchase: the long-poll hears deny, /approvals says why, approving is refused", async ({ as, baseURL, page }) => {
  const held = await heldPurchase(as.admin, baseURL!);
  await signInPage(page, "reviewer");
  await page.goto("/approvals");
  const queueRow = page.getByRole("region", { name: "Held actions waiting for a decision" }).getByRole("row").filter({ hasText: held.sessionId });
  await expect(queueRow).toContainText("5,000");

  const waiting = held.agent.get(`/api/v1/guard/decisions/${held.decisionId}?wait=30`, { headers: held.headers });
  const paused = await as.admin.post(`/api/v1/agents/${held.slug}/pause`, { data: { reason: "e2e: runaway purchases" } });
  expect(paused.status(), await paused.text()).toBe(200);
  const answer = await waiting;
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toMatchObject({ verdict: "deny", reasons: [{ code: "agent_paused" }], note: "e2e: runaway purchases" });

  const refused = await as.reviewer.post(`/api/v1/guard/decisions/${held.decisionId}/decide`, { data: { verdict: "allow", note: "looks fine" } });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.message).toContain(`${held.slug} is paused`);

  await page.mouse.move(0, 0);
  await expect(queueRow).toHaveCount(0);
  const historyRow = page.getByRole("region", { name: "Held actions decided in the last 24 hours" }).getByRole("row").filter({ hasText: held.sessionId });
  await expect(historyRow).toContainText("denied — agent paused");
  await expect(historyRow).toContainText("system");
  await expect(historyRow).toContainText("e2e: runaway purchases");
  await held.agent.dispose();
});

test("a reviewer approving while the agent is paused gets the reason, not a release", async ({ as, baseURL, page }) => {
  const held = await heldPurchase(as.admin, baseURL!);
  await signInPage(page, "reviewer");
  await page.goto("/approvals");
  const row = page.getByRole("row").filter({ hasText: held.sessionId });
  await row.getByRole("button", { name: "Approve" }).click();
  const dialog = page.getByRole("dialog", { name: "Approve this held action?" });
  await expect(dialog).toBeVisible();

  expect((await as.admin.post(`/api/v1/agents/${held.slug}/pause`, { data: { reason: "e2e: paused mid-review" } })).status()).toBe(200);
  await dialog.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText(`${held.slug} is paused: its held actions cannot be approved`)).toBeVisible();
  await expect(dialog).toBeHidden();

  const answer = await held.agent.get(`/api/v1/guard/decisions/${held.decisionId}`, { headers: held.headers });
  expect(await answer.json()).toMatchObject({ verdict: "deny", reasons: [{ code: "agent_paused" }] });
  await held.agent.dispose();
});

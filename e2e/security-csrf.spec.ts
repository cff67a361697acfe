import type { APIRequestContext, Browser } from "@playwright/test";
import { expect, test } from "./fixtures/role-fixture";
import { agentStatus, createAgent } from "./fixtures/agents";
import { autoSubmitForm, startOtherOrigin, type OtherOrigin } from "./fixtures/other-origin";
import type { DemoRole } from "./fixtures/session";

// Same-site CSRF: a page on another port of localhost (same site, other origin) submits forms to the app
// while an admin is signed in in the same browser. SameSite=Lax cookies go along, so only the app's own
// origin check can refuse them.
let site: OtherOrigin;
test.beforeAll(async () => {
  site = await startOtherOrigin();
});
test.afterAll(async () => {
  await site.close();
});

async function signedInPage(browser: Browser, baseURL: string, as: Record<DemoRole, APIRequestContext>, role: DemoRole) {
  const context = await browser.newContext({ baseURL, storageState: await as[role].storageState() });
  return { page: await context.newPage(), close: () => context.close() };
}

const forms: { name: string; action: string; enctype: string; fields: Record<string, string> }[] = [
  { name: "an empty text/plain form to /terminate", action: "terminate", enctype: "text/plain", fields: {} },
  { name: "an empty text/plain form to /pause", action: "pause", enctype: "text/plain", fields: {} },
  { name: "a urlencoded form to /pause", action: "pause", enctype: "application/x-www-form-urlencoded", fields: { reason: "csrf" } },
  { name: "a multipart form to /terminate", action: "terminate", enctype: "multipart/form-data", fields: { reason: "csrf" } },
];

for (const form of forms) {
  test(`${form.name} from another origin of the site is refused (403) and the agent stays active`, async ({ as, baseURL, browser }) => {
    const agent = await createAgent(as.admin);
    const target = `${baseURL}/api/v1/agents/${agent.slug}/${form.action}`;
    const path = `/${agent.slug}-${form.action}`;
    site.page(path, autoSubmitForm(target, form.enctype, form.fields));
    const { page, close } = await signedInPage(browser, baseURL!, as, "admin");
    const answered = page.waitForResponse((response) => response.url() === target);
    await page.goto(site.url(path));
    const response = await answered;
    expect(response.status()).toBe(403);
    expect((await response.json()).error).toMatchObject({ code: "forbidden", message: expect.stringMatching(/origin|site/i) });
    expect(await agentStatus(as.admin, agent.slug)).toBe("active");
    await close();
  });
}

test("a developer's proposal cannot be approved with the admin's cookie from another origin", async ({ as, baseURL, browser }) => {
  const agent = await createAgent(as.admin);
  const proposed = await as.developer.post(`/api/v1/agents/${agent.slug}/policies/proposals`, {
    data: { document: { tools: [{ tool: "refunds.issue" }] }, note: "e2e: csrf target" },
  });
  expect(proposed.status(), await proposed.text()).toBe(201);
  const proposalId = (await proposed.json()).proposal.id as string;
  const target = `${baseURL}/api/v1/agents/${agent.slug}/policies/proposals/${proposalId}/approve`;
  site.page(`/approve-${proposalId}`, autoSubmitForm(target, "text/plain"));
  const { page, close } = await signedInPage(browser, baseURL!, as, "admin");
  const answered = page.waitForResponse((response) => response.url() === target);
  await page.goto(site.url(`/approve-${proposalId}`));
  expect((await answered).status()).toBe(403);
  const pending = (await (await as.admin.get(`/api/v1/agents/${agent.slug}/policies/proposals?status=pending`)).json()).proposals as { id: string }[];
  expect(pending.map((proposal) => proposal.id)).toContain(proposalId);
  await close();
});

test("the app's own pages still change things with the cookie: same-origin JSON is accepted", async ({ as, baseURL, browser }) => {
  const agent = await createAgent(as.admin);
  const { page, close } = await signedInPage(browser, baseURL!, as, "admin");
  await page.goto(`/agents/${agent.slug}`);
  const status = await page.evaluate(async (slug) => {
    const response = await fetch(`/api/v1/agents/${slug}/pause`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ reason: "same origin" }),
    });
    return response.status;
  }, agent.slug);
  expect(status).toBe(200);
  expect(await agentStatus(as.admin, agent.slug)).toBe("paused");
  await close();
});

// Server actions are Next's own: it compares Origin with Host. A form can call one without JavaScript
// (React's progressive enhancement: $ACTION_REF_ with bound arguments), so check it refuses other origins.
test("a server action cannot be called by a form from another origin (Next's origin check)", async ({ as, baseURL, browser }) => {
  const [probe, victim, control] = [await createAgent(as.admin), await createAgent(as.admin), await createAgent(as.admin)];
  const { page, close } = await signedInPage(browser, baseURL!, as, "admin");

  // The pause action's id, as the agent page's own Pause button sends it.
  await page.goto(`/agents/${probe.slug}`);
  const actionRequest = page.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"]));
  await page.getByTestId("agent-actions").getByRole("button", { name: "Pause" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Pause agent" }).click();
  const actionId = (await actionRequest).headers()["next-action"];
  await expect.poll(() => agentStatus(as.admin, probe.slug)).toBe("paused");

  // Posted to the page whose Pause button uses the action (Next looks actions up per page).
  const actionPage = `${baseURL}/agents/${probe.slug}`;
  const boundCall = (slug: string) =>
    autoSubmitForm(actionPage, "multipart/form-data", {
      $ACTION_REF_1: "",
      "$ACTION_1:0": JSON.stringify({ id: actionId, bound: "$@1" }),
      "$ACTION_1:1": JSON.stringify([slug, "csrf"]),
    });

  // Control: the same form served from the app's own origin does call the action (so the form is right).
  await page.route(`${baseURL}/csrf-control`, (route) => route.fulfill({ contentType: "text/html", body: boundCall(control.slug) }));
  await page.goto(`${baseURL}/csrf-control`);
  await expect.poll(() => agentStatus(as.admin, control.slug)).toBe("paused");

  site.page(`/action-${victim.slug}`, boundCall(victim.slug));
  const answered = page.waitForResponse((response) => response.url() === actionPage);
  await page.goto(site.url(`/action-${victim.slug}`));
  expect((await answered).status()).toBeGreaterThanOrEqual(400);
  expect(await agentStatus(as.admin, victim.slug)).toBe("active");
  await close();
});

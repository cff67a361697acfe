import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures/role-fixture";
import { createAgent, createAgentKey } from "./fixtures/agents";
import { anonymousApi, signInPage, unique } from "./fixtures/session";

const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const nanos = (ms: number) => `${BigInt(ms) * 1_000_000n}`;

const bundle = (message: string) => ({ prompt: `You review claims. ${message}`, model: "gpt-4o-mini", tools: [{ name: "claims.decide" }], message });

// An agent of the Claims team (the demo operator's) with v1 then v2 in production and v3 as a canary
// that fails every task: the guarded canary ends it within its 15 s pass and raises an alert about the
// agent, the alert an operator turns into an incident.
async function agentWithAFailedCanary(admin: APIRequestContext, baseURL: string) {
  const agent = await createAgent(admin, "Claims");
  const slug = agent.slug;
  for (const [label, stage] of [["v1", "production"], ["v2", "production"], ["v3", "canary"]] as const) {
    const created = await admin.post(`/api/v1/agents/${slug}/versions`, { data: bundle(label) });
    expect(created.status(), await created.text()).toBe(201);
    const promoted = await admin.post(`/api/v1/agents/${slug}/versions/${label}/promote`, { data: { stage, reason: "e2e deploy", ...(stage === "canary" ? { canaryPercent: 50 } : {}) } });
    expect(promoted.status(), await promoted.text()).toBeLessThan(300);
  }
  const settings = await admin.put(`/api/v1/agents/${slug}/canary-settings`, { data: { minSamplePerSide: 20 } });
  expect(settings.status(), await settings.text()).toBe(200);

  const { key } = await createAgentKey(admin, slug);
  const agentApi = await anonymousApi(baseURL);
  // After the canary started: it is judged on what happened since.
  const start = Date.now();
  const task = (version: string, index: number, failed: boolean) => ({
    resource: {
      attributes: [
        { key: "service.name", value: { stringValue: slug } },
        { key: "controlroom.version", value: { stringValue: version } },
      ],
    },
    scopeSpans: [
      {
        scope: { name: "e2e-incidents" },
        spans: [
          {
            traceId: hex(16),
            spanId: hex(8),
            parentSpanId: "",
            name: `invoke_agent ${slug}`,
            kind: 1,
            startTimeUnixNano: nanos(start + index * 100),
            endTimeUnixNano: nanos(start + index * 100 + 50),
            attributes: [{ key: "gen_ai.operation.name", value: { stringValue: "invoke_agent" } }],
            status: { code: failed ? 2 : 1 },
          },
        ],
      },
    ],
  });
  const resourceSpans = Array.from({ length: 25 }, (_, index) => [task("v2", index, false), task("v3", index, true)]).flat();
  const ingest = await agentApi.post("/api/otlp/v1/traces", { headers: { Authorization: `Bearer ${key}` }, data: { resourceSpans } });
  expect(ingest.status(), await ingest.text()).toBe(200);
  await agentApi.dispose();
  return slug;
}

test("an operator opens an incident from an alert, rolls back from it, resolves it and downloads the report", async ({ as, baseURL, page }) => {
  test.slow();
  const slug = await agentWithAFailedCanary(as.admin, baseURL!);
  const title = "Canary v3 ended: worse than production";
  test.info().annotations.push({ type: "agent", description: slug });
  // The guarded canary runs every 15 s.
  await expect
    .poll(async () => ((await (await as.operator.get(`/api/v1/alerts?agent=${slug}`)).json()).alerts as { title: string }[]).map((alert) => alert.title), { timeout: 45_000 })
    .toContain(title);

  await signInPage(page, "operator");
  await page.goto(`/alerts?agent=${slug}`);
  let clicks = 0;
  const click = async (locator: import("@playwright/test").Locator) => {
    clicks += 1;
    await locator.click();
  };
  const row = page.getByRole("row").filter({ hasText: title });
  await click(row.getByRole("button", { name: "Open incident" }));
  await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/);
  const incidentId = page.url().split("/").at(-1)!;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  const timeline = page.getByTestId("incident-timeline");
  await expect(timeline.locator('li[data-kind="alert"]')).toContainText(title);
  await expect(timeline.locator('li[data-kind="incident_opened"]')).toContainText("operator@demo.local opened the incident");
  await expect(page.getByTestId("incident-summary")).toContainText("Open");

  // Roll back from the incident: production goes from v2 to v1.
  await click(page.getByRole("button", { name: "Roll back" }));
  await page.getByLabel(/Reason/).fill("v3's canary failed every task; back to the last known good");
  await click(page.getByRole("button", { name: "Roll back to v1" }));
  await expect(timeline.locator('li[data-kind="rollback"]')).toContainText("Rolled back to v1");

  // Resolve with a summary (required).
  await click(page.getByRole("button", { name: "Resolve" }));
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/Summary/).fill("The v3 canary failed every task; rolled production back to v1");
  await click(dialog.getByRole("button", { name: "Resolve" }));
  await expect(page.getByTestId("incident-summary")).toContainText("Resolved");
  await expect(page.getByTestId("time-to-resolution")).not.toHaveText("Still open");
  await expect(timeline.locator('li[data-kind="resolved"]')).toContainText("resolved the incident");

  // Download the report and read it.
  const downloading = page.waitForEvent("download");
  await click(page.getByRole("link", { name: "Download report" }));
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`incident-${incidentId.slice(0, 8)}.md`);
  const chunks: Buffer[] = [];
  for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
  const markdown = Buffer.concat(chunks).toString("utf8");
  expect(markdown).toMatch(new RegExp(`^# Incident: ${title}\\n`));
  expect(markdown).toContain("## Summary\n\nThe v3 canary failed every task; rolled production back to v1\n");
  expect(markdown).toContain("to the rollback to v1");
  expect(markdown).toContain("operator@demo.local — rolled production back to v1: v3's canary failed every task");
  expect(markdown).toContain("## Time from alert to resolution");
  expect(markdown).toContain("## Follow-ups");
  // From the alert list to the downloaded report: open, roll back + confirm, resolve + confirm, download.
  expect(clicks).toBe(6);
  console.log(`incident flow: ${clicks} clicks from /alerts to the downloaded report`);

  // The alert went with it; the list shows the incident resolved.
  await page.goto(`/alerts?agent=${slug}`);
  await expect(page.getByRole("row").filter({ hasText: title })).toContainText("Resolved");
  await expect(page.getByRole("row").filter({ hasText: title }).getByRole("link", { name: "View incident" })).toBeVisible();
  await page.goto(`/incidents?agent=${slug}`);
  await expect(page.getByRole("row").filter({ hasText: title })).toContainText("Resolved");
});

test("viewers and developers may read incidents and their report but not open or resolve them; resolving twice is 409", async ({ as }) => {
  const agent = await createAgent(as.admin, "Claims");
  const data = { agent: agent.slug, title: unique("e2e incident"), severity: "warning" };
  expect((await as.viewer.post("/api/v1/incidents", { data })).status()).toBe(403);
  expect((await as.developer.post("/api/v1/incidents", { data })).status()).toBe(403);
  const opened = await as.operator.post("/api/v1/incidents", { data });
  expect(opened.status(), await opened.text()).toBe(201);
  const { incident } = await opened.json();
  expect((await as.viewer.get(`/api/v1/incidents/${incident.id}`)).status()).toBe(200);
  expect((await as.viewer.post(`/api/v1/incidents/${incident.id}/resolve`, { data: { summary: "x" } })).status()).toBe(403);
  expect((await as.developer.post(`/api/v1/incidents/${incident.id}/resolve`, { data: { summary: "x" } })).status()).toBe(403);
  const report = await as.viewer.get(`/api/v1/incidents/${incident.id}/report`);
  expect(report.headers()["content-type"]).toContain("text/markdown");
  expect(report.headers()["content-disposition"]).toBe(`attachment; filename="incident-${incident.id.slice(0, 8)}.md"`);
  const resolved = await as.operator.post(`/api/v1/incidents/${incident.id}/resolve`, { data: { summary: "false alarm" } });
  expect(resolved.status()).toBe(200);
  expect((await as.operator.post(`/api/v1/incidents/${incident.id}/resolve`, { data: { summary: "again" } })).status()).toBe(409);
});

test("/incidents and an incident's page pass axe", async ({ as, page }) => {
  test.slow();
  const agent = await createAgent(as.admin, "Claims");
  const opened = await as.operator.post("/api/v1/incidents", { data: { agent: agent.slug, title: unique("e2e a11y incident"), severity: "critical" } });
  expect(opened.status(), await opened.text()).toBe(201);
  const { incident } = await opened.json();
  await signInPage(page, "admin");
  for (const path of ["/incidents", `/incidents/${incident.id}`, `/incidents/${incident.id}/report`]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => `${violation.id} (${violation.nodes.length}): ${violation.nodes[0]?.html.slice(0, 120)}`);
    expect(serious, path).toEqual([]);
  }
});

import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures/role-fixture";
import { createAgentKey } from "./fixtures/agents";
import { anonymousApi, signInPage, unique } from "./fixtures/session";

// Datasets as users click them: the agent's Datasets tab, a dataset's page, "Add to dataset" on a
// trace; and what a viewer is (not) offered.

const SLUG = "claims-agent";
const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const nanos = (ms: number) => `${BigInt(ms) * 1_000_000n}`;
const attribute = (key: string, value: string) => ({ key, value: { stringValue: value } });

// One finished claims-agent task over OTLP: a root with the user's request and outcome "approved",
// and the tools lookup_policy then create_claim.
async function ingestClaimTask(admin: APIRequestContext, baseURL: string, input: string): Promise<string> {
  const { key } = await createAgentKey(admin, SLUG);
  const agentApi = await anonymousApi(baseURL);
  const traceId = hex(16);
  const root = hex(8);
  const start = Date.now() - 5_000;
  const span = (name: string, spanId: string, parentSpanId: string, from: number, attributes: ReturnType<typeof attribute>[]) => ({
    traceId, spanId, parentSpanId, name, kind: 1, startTimeUnixNano: nanos(start + from), endTimeUnixNano: nanos(start + from + 40), attributes, status: { code: 1 },
  });
  const tool = (name: string, from: number) => span(`execute_tool ${name}`, hex(8), root, from, [attribute("gen_ai.operation.name", "execute_tool"), attribute("gen_ai.tool.name", name)]);
  const resourceSpans = [
    {
      resource: { attributes: [attribute("service.name", SLUG)] },
      scopeSpans: [
        {
          scope: { name: "e2e-datasets" },
          spans: [
            span(`invoke_agent ${SLUG}`, root, "", 0, [attribute("gen_ai.operation.name", "invoke_agent"), attribute("controlroom.outcome", "approved"), attribute("traceloop.entity.input", input)]),
            tool("lookup_policy", 50),
            tool("create_claim", 150),
          ],
        },
      ],
    },
  ];
  const response = await agentApi.post("/api/otlp/v1/traces", { headers: { Authorization: `Bearer ${key}` }, data: { resourceSpans } });
  expect(response.status(), await response.text()).toBe(200);
  await agentApi.dispose();
  return traceId;
}

const itemRows = (page: Page) => page.getByTestId("dataset-item");

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.nodes.length}): ${violation.nodes[0]?.html.slice(0, 120)}`);
  expect(serious, page.url()).toEqual([]);
}

test("a developer creates a dataset, adds items from a trace and by hand, imports JSONL and deletes an item", async ({ page, as, baseURL }) => {
  // Many round trips on a 2-core machine that the demo history loads at the same time.
  test.slow();
  const input = `Burst pipe flooded the kitchen, policy ${unique("P")}`;
  const traceId = await ingestClaimTask(as.admin, baseURL!, input);
  const name = unique("e2e regressions");
  await signInPage(page, "developer");

  await page.goto(`/agents/${SLUG}/datasets`);
  await expect(page.getByRole("link", { name: "Datasets", exact: true })).toHaveAttribute("aria-current", "page");
  const create = page.getByRole("button", { name: "Create dataset" });
  await create.click();
  await expect(page.getByText("Name the dataset")).toBeVisible();
  await page.getByLabel("Name of a new dataset").fill(name);
  await page.getByLabel("Name of a new dataset").press("Enter");
  // Creating opens the new dataset: a server action, then a navigation (over 10 s on a loaded machine).
  await expect(page.getByRole("heading", { name })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("No items yet")).toBeVisible();

  // From the trace page: the dialog prefills what the task did; correct the outcome and add.
  await page.goto(`/traces/${traceId}`);
  await page.getByRole("button", { name: "Add to dataset" }).click();
  const fromTrace = page.getByRole("dialog", { name: "Add this trace to a dataset" });
  await expect(fromTrace.getByLabel("Dataset")).toBeEnabled();
  await fromTrace.getByLabel("Dataset").selectOption({ label: `${name} (0 items)` });
  await expect(fromTrace.getByLabel("Expected outcome")).toHaveValue("approved");
  await expect(fromTrace.getByLabel("Expected tools, in order")).toHaveValue("lookup_policy\ncreate_claim");
  await fromTrace.getByLabel("Expected outcome").fill("rejected");
  await page.screenshot({ path: "test-results/datasets-add-from-trace.png" });
  await fromTrace.getByRole("button", { name: "Add item" }).click();
  await expect(fromTrace).toBeHidden();

  await page.goto(`/agents/${SLUG}/datasets`);
  await page.getByRole("link", { name }).click();
  await expect(itemRows(page)).toHaveCount(1);
  const traced = itemRows(page).first();
  await expect(traced).toContainText(input);
  await expect(traced).toContainText("rejected");
  await expect(traced).toContainText("create_claim");
  await expect(traced.getByRole("link", { name: `${traceId.slice(0, 8)}…` })).toHaveAttribute("href", `/traces/${traceId}`);

  // By hand.
  await page.getByRole("button", { name: "Add item" }).click();
  const byHand = page.getByRole("dialog", { name: "Add an item by hand" });
  await byHand.getByRole("button", { name: "Add item" }).click();
  await expect(byHand.getByText("Write the input the agent is given")).toBeVisible();
  await byHand.getByLabel("Input").fill("Hail dented the car roof, policy P-9");
  await byHand.getByLabel("Expected outcome").fill("approved");
  await byHand.getByLabel("Expected tools, in order").fill("lookup_policy, create_claim");
  await byHand.getByRole("button", { name: "Add item" }).click();
  await expect(byHand).toBeHidden();
  await expect(itemRows(page)).toHaveCount(2);
  await expect(itemRows(page).nth(1)).toContainText("by hand");

  // JSON Lines with one bad line: nothing is stored, the bad line is named.
  await page.getByRole("button", { name: "Import JSONL" }).click();
  const importer = page.getByRole("dialog", { name: "Import items from JSON Lines" });
  await importer.getByLabel("Or paste the lines").fill('{"input": "Storm blew the fence down", "expected": {"outcome": "approved"}}\n{"inptu": "typo"}');
  await importer.getByRole("button", { name: "Import" }).click();
  const rejected = importer.getByRole("region", { name: "Rejected lines" });
  await expect(rejected).toContainText("Line 2");
  await expect(rejected).toContainText("input: Required");
  await expect(importer.getByText("Nothing imported: 1 bad line")).toBeVisible();
  await page.screenshot({ path: "test-results/datasets-import-rejected.png" });
  await importer.getByRole("button", { name: "Cancel" }).click();
  await expect(itemRows(page)).toHaveCount(2);

  // Edit what the hand-written item expects.
  await page.getByRole("button", { name: /^Edit expected of item Hail/ }).click();
  const editor = page.getByRole("dialog", { name: "Edit what this item expects" });
  await editor.getByLabel("Expected outcome").fill("escalated");
  await editor.getByRole("button", { name: "Save expected" }).click();
  await expect(editor).toBeHidden();
  await expect(itemRows(page).nth(1)).toContainText("escalated");
  await page.screenshot({ path: "test-results/datasets-dataset-page.png", fullPage: true });

  // Delete, with the consequence spelled out.
  await page.getByRole("button", { name: /^Delete item Hail/ }).click();
  const confirm = page.getByRole("dialog", { name: "Delete this item?" });
  await expect(confirm).toContainText("later evaluation runs no longer test it");
  await confirm.getByRole("button", { name: "Delete item" }).click();
  await expect(itemRows(page)).toHaveCount(1);
  await expect(itemRows(page).first()).toContainText(input);

  await page.goto(`/agents/${SLUG}/datasets`);
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("1");
  await page.screenshot({ path: "test-results/datasets-list.png", fullPage: true });
  await expectNoSeriousAxeViolations(page);
});

test("a viewer sees the datasets and their items but no create, add, import, edit or delete controls", async ({ page, as, baseURL }) => {
  test.slow();
  const name = unique("e2e viewer set");
  const created = await as.developer.post("/api/v1/datasets", { data: { agent: SLUG, name } });
  expect(created.status(), await created.text()).toBe(201);
  const { dataset } = await created.json();
  const added = await as.developer.post(`/api/v1/datasets/${dataset.id}/items`, { data: { input: "Theft of a bicycle, policy P-3", expected: { outcome: "approved" } } });
  expect(added.status(), await added.text()).toBe(201);
  const traceId = await ingestClaimTask(as.admin, baseURL!, "Window smashed, policy P-4");
  await signInPage(page, "viewer");

  await page.goto(`/agents/${SLUG}/datasets`);
  await expect(page.getByRole("link", { name })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create dataset" })).toHaveCount(0);
  await page.getByRole("link", { name }).click();
  await expect(itemRows(page)).toHaveCount(1);
  await expect(itemRows(page).first()).toContainText("Theft of a bicycle");
  for (const control of ["Add item", "Import JSONL", /^Delete item/, /^Edit expected/]) await expect(page.getByRole("button", { name: control })).toHaveCount(0);
  await page.screenshot({ path: "test-results/datasets-viewer.png", fullPage: true });
  await expectNoSeriousAxeViolations(page);

  await page.goto(`/traces/${traceId}`);
  await expect(page.locator("h1")).toHaveText(`invoke_agent ${SLUG}`);
  await expect(page.getByRole("button", { name: "Add to dataset" })).toHaveCount(0);
});

type DriftAlert = { id: string; metric: string | null; incidentId: string | null };

test("a developer turns the demo drift incident's approved tasks into regression items expecting rejected", async ({ page, as }) => {
  test.slow();
  // The demo history's approval-rate alert (sent in the background from server start); another spec may
  // open, or resolve, its incident at the same time: either way there is one to use.
  let alert: DriftAlert | undefined;
  await expect
    .poll(
      async () => {
        const { alerts } = (await (await as.operator.get(`/api/v1/alerts?agent=${SLUG}&kind=drift`)).json()) as { alerts: DriftAlert[] };
        alert = alerts.find((candidate) => candidate.metric === "outcome_rate:approved");
        return Boolean(alert);
      },
      { timeout: 150_000, intervals: [2_000] },
    )
    .toBe(true);
  let incidentId = alert!.incidentId;
  if (!incidentId) {
    const opened = await as.admin.post("/api/v1/incidents", { data: { alertId: alert!.id, agent: SLUG, title: "Approvals up after v4", severity: "warning" } });
    const body = await opened.json();
    incidentId = opened.status() === 409 ? body.error.details.incidentId : body.incident.id;
  }
  const name = unique("e2e incident regressions");
  await signInPage(page, "developer");

  await page.goto(`/incidents/${incidentId}`);
  await page.getByRole("button", { name: "Add failing tasks to a dataset" }).click();
  const dialog = page.getByRole("dialog", { name: "Add the failing tasks to a dataset" });
  await expect(dialog).toContainText('ended with outcome "approved"');
  await expect(dialog.getByLabel("Dataset")).toBeEnabled();
  await dialog.getByLabel("Dataset").selectOption({ label: "New dataset…" });
  await dialog.getByLabel("New dataset's name").fill(name);
  await dialog.getByRole("button", { name: "Add items" }).click();
  await expect(dialog.getByText("Pick the outcome these tasks should have had")).toBeVisible();
  await dialog.getByLabel("Correct outcome").fill("rejected");
  await dialog.getByLabel("At most this many tasks (newest first)").fill("3");
  await page.screenshot({ path: "test-results/datasets-from-incident.png" });
  await dialog.getByRole("button", { name: "Add items" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/Added 3 items to/)).toBeVisible();

  await page.goto(`/agents/${SLUG}/datasets`);
  await page.getByRole("link", { name }).click();
  await expect(itemRows(page)).toHaveCount(3);
  for (const row of await itemRows(page).all()) {
    await expect(row).toContainText("rejected");
    await expect(row.getByRole("link", { name: /^[0-9a-f]{8}…$/ })).toBeVisible();
  }
  await page.screenshot({ path: "test-results/datasets-incident-items.png", fullPage: true });
});

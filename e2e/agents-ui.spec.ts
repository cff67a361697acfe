import { expect, test } from "@playwright/test";
import { createAgent } from "./fixtures/agents";
import { apiAs, signInPage, unique } from "./fixtures/session";

test("a developer registers an agent: invalid fields show the schema's errors, then it appears in the inventory", async ({ page }) => {
  await signInPage(page, "developer");
  await page.goto("/agents");
  await page.getByRole("link", { name: "Register agent" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Register an agent" })).toBeVisible();

  await page.getByLabel("Slug").fill("Not A Slug");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("UI agent");
  await page.getByRole("button", { name: "Register agent" }).click();
  await expect(page.getByText("Lowercase letters, digits and single hyphens (e.g. claims-agent)")).toBeVisible();

  const slug = unique("ui-agent");
  await page.getByLabel("Slug").fill(slug);
  await page.getByLabel("Team").selectOption({ label: "Claims" });
  await page.getByLabel("Description").fill("Registered from the e2e test");
  await page.getByRole("button", { name: "Register agent" }).click();
  await expect(page).toHaveURL(new RegExp(`/agents/${slug}$`));
  await expect(page.getByRole("heading", { level: 1, name: "UI agent" })).toBeVisible();

  await page.goto(`/agents?q=${slug}`);
  await expect(page.getByTestId("agent-row")).toHaveCount(1);
  await expect(page.getByTestId("agent-row")).toContainText("Claims");
});

test("a registered slug cannot be taken twice (409 shown on the field)", async ({ page }) => {
  await signInPage(page, "developer");
  await page.goto("/agents/new");
  await page.getByLabel("Slug").fill("claims-agent");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Duplicate");
  await page.getByLabel("Team").selectOption({ label: "Claims" });
  await page.getByRole("button", { name: "Register agent" }).click();
  await expect(page.getByText("Already taken")).toBeVisible();
});

test("an operator pauses and resumes an agent with confirmation, and the audit log records it", async ({ page, browser }) => {
  // Three roles signed in and a dozen page loads: on a loaded 2-core CI machine this came near 60 s.
  test.slow();
  // Set up a fresh agent as the developer, act as the operator.
  await signInPage(page, "developer");
  const slug = unique("pause-ui");
  await page.goto("/agents/new");
  await page.getByLabel("Slug").fill(slug);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Pause UI agent");
  await page.getByLabel("Team").selectOption({ label: "Claims" });
  await page.getByRole("button", { name: "Register agent" }).click();
  await expect(page).toHaveURL(new RegExp(`/agents/${slug}$`));

  const operator = await browser.newPage();
  await signInPage(operator, "operator");
  await operator.goto(`/agents/${slug}`);
  const actions = operator.getByTestId("agent-actions");
  await expect(actions.getByRole("button", { name: "Terminate" })).toHaveCount(0);
  await expect(actions.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await actions.getByRole("button", { name: "Pause" }).click();
  const dialog = operator.getByRole("dialog");
  await expect(dialog).toContainText("agent_paused");
  await dialog.getByRole("button", { name: "Pause agent" }).click();
  await expect(operator.getByTestId("agent-status")).toContainText("Paused");

  // The inventory shows 50 agents a page: the search keeps this one on the first.
  await operator.goto(`/agents?status=paused&q=${slug}`);
  await expect(operator.locator(`[data-testid="agent-row"][data-slug="${slug}"]`)).toBeVisible();

  await operator.goto(`/agents/${slug}`);
  await operator.getByTestId("agent-actions").getByRole("button", { name: "Resume" }).click();
  await operator.getByRole("dialog").getByRole("button", { name: "Resume agent" }).click();
  await expect(operator.getByTestId("agent-status")).toContainText("Active");

  const reviewer = await browser.newPage();
  await signInPage(reviewer, "reviewer");
  await reviewer.goto("/audit?action=agent.pause&actor=operator");
  await expect(reviewer.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await expect(reviewer.getByRole("table")).toContainText("agent.pause");
  await expect(reviewer.getByRole("table")).toContainText("operator@demo.local");
});

test("an admin terminates an agent only with a reason", async ({ page }) => {
  await signInPage(page, "admin");
  const slug = unique("terminate-ui");
  await page.goto("/agents/new");
  await page.getByLabel("Slug").fill(slug);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Terminate UI agent");
  await page.getByLabel("Team").selectOption({ label: "Payments" });
  await page.getByRole("button", { name: "Register agent" }).click();
  await expect(page).toHaveURL(new RegExp(`/agents/${slug}$`));

  await page.getByTestId("agent-actions").getByRole("button", { name: "Terminate" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Terminate agent" }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Reason (recorded in the audit log)").fill("retired in favour of v2");
  await dialog.getByRole("button", { name: "Terminate agent" }).click();
  await expect(page.getByTestId("agent-status")).toContainText("Terminated");
  await expect(page.getByTestId("agent-actions").getByRole("button", { name: "Resume" })).toHaveCount(0);
});

test("the agents list and an agent's page are live: a pause made elsewhere shows without reloading", async ({ page, baseURL }) => {
  const admin = await apiAs(baseURL!, "admin");
  const agent = await createAgent(admin);
  await signInPage(page, "operator");
  await page.goto(`/agents?q=${agent.slug}`);
  const row = page.getByTestId("agent-row");
  await expect(row).toContainText("Active");
  await expect(page.getByText(/Live · updated/)).toBeVisible();
  const paused = await admin.post(`/api/v1/agents/${agent.slug}/pause`, { data: { reason: "live list check" } });
  expect(paused.status(), await paused.text()).toBe(200);
  await expect(row).toContainText("Paused", { timeout: 20_000 });

  await page.goto(`/agents/${agent.slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const resumed = await admin.post(`/api/v1/agents/${agent.slug}/resume`, { data: {} });
  expect(resumed.status(), await resumed.text()).toBe(200);
  await expect(page.getByRole("region", { name: "Details" }).or(page.locator("[aria-labelledby=agent-details-title]"))).toContainText("Active", {
    timeout: 20_000,
  });
  await admin.dispose();
});

test("the inventory shows 50 agents a page, the page is in the URL, and a new sort starts from the first", async ({ page, baseURL }) => {
  // Its own 51 agents under one slug prefix, listed through the search box: agents other tests
  // create meanwhile in a shared database do not change what this list holds.
  const admin = await apiAs(baseURL!, "admin");
  const prefix = unique("e2e-pages");
  const total = 51;
  for (let i = 0; i < total; i++) {
    const slug = `${prefix}-${String(i).padStart(2, "0")}`;
    const response = await admin.post("/api/v1/agents", { data: { slug, name: `Paged ${slug}`, team: "Claims" } });
    expect(response.status(), await response.text()).toBe(201);
  }
  await admin.dispose();

  await signInPage(page, "admin");
  await page.goto(`/agents?q=${prefix}`);
  const rows = page.getByTestId("agent-row");
  const pager = page.getByRole("navigation", { name: "Agent pages" });
  await expect(page.getByTestId("agent-count")).toHaveText(`${total} agents match the filters`);
  await expect(rows).toHaveCount(50);
  await expect(pager).toContainText(`Agents 1–50 of ${total}`);
  const firstOnPageOne = await rows.first().getAttribute("data-slug");

  await pager.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${prefix}(&|$)`));
  await expect(pager).toContainText(`Agents 51–51 of ${total}`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).not.toHaveAttribute("data-slug", firstOnPageOne!);

  await page.getByRole("columnheader", { name: /Agent/ }).getByRole("link").click();
  await expect(page).toHaveURL(/sort=name/);
  await expect(page).not.toHaveURL(/page=/);
  await expect(pager).toContainText(`Agents 1–50 of ${total}`);
});

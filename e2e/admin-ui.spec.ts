import { expect, test } from "@playwright/test";
import { createAgent, createAgentKey } from "./fixtures/agents";
import { anonymousApi, apiAs, signInPage, signInThroughForm, unique } from "./fixtures/session";

test("an admin creates an agent key in the UI; it is shown once and works until revoked", async ({ page, baseURL }) => {
  await signInPage(page, "admin");
  await page.goto("/admin/keys");
  await page.getByRole("button", { name: "Create agent key" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Agent").selectOption("support-agent");
  const name = unique("ui key");
  await dialog.getByLabel("Key name").fill(name);
  await dialog.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(key).toMatch(/^cr_/);
  await page.getByRole("button", { name: "I have copied it" }).click();
  // The agent's keys, newest first: keys other tests create meanwhile cannot page this one away.
  await page.getByLabel("Agent", { exact: true }).selectOption("support-agent");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]agent=support-agent/);

  const agent = await anonymousApi(baseURL!);
  const headers = { Authorization: `Bearer ${key}` };
  expect((await agent.get("/api/v1/agents/self", { headers })).status()).toBe(200);

  await expect(page.getByText(key)).toHaveCount(0);
  await page.getByRole("row", { name: new RegExp(name) }).getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  // While the dialog is open the table is hidden from the accessibility tree: wait for it to close.
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByText(`Revoked key ${name}`)).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toHaveCount(0);
  expect((await agent.get("/api/v1/agents/self", { headers })).status()).toBe(401);
});

test("the keys table shows 50 keys a page, keeps the filter in its page links, and a new filter starts from the first", async ({ page, baseURL }) => {
  const admin = await apiAs(baseURL!, "admin");
  const agent = await createAgent(admin);
  for (let index = 0; index < 51; index++) await createAgentKey(admin, agent.slug);
  await admin.dispose();

  await signInPage(page, "admin");
  await page.goto(`/admin/keys?agent=${agent.slug}`);
  const rows = page.getByRole("region", { name: "API keys" }).locator("tbody tr");
  const pager = page.getByRole("navigation", { name: "Key pages" });
  await expect(rows).toHaveCount(50);
  await expect(pager).toContainText("Keys 1–50 of 51");
  await pager.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect(page).toHaveURL(new RegExp(`[?&]agent=${agent.slug}(&|$)`));
  await expect(pager).toContainText("Keys 51–51 of 51");
  await expect(rows).toHaveCount(1);

  await page.getByLabel("Show revoked").check();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]revoked=1/);
  await expect(page).not.toHaveURL(/page=/);
  await expect(pager).toContainText("Keys 1–50 of 51");
});

test("an admin adds a user, who can then sign in with the role given", async ({ page, browser }) => {
  await signInPage(page, "admin");
  await page.goto("/admin/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog");
  const email = `${unique("new-user")}@example.test`;
  await dialog.getByRole("textbox", { name: "Email", exact: true }).fill(email);
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill("New Operator");
  await dialog.getByRole("combobox", { name: "Role", exact: true }).selectOption("operator");
  await dialog.getByLabel("Claims", { exact: true }).check();
  await dialog.getByLabel("Initial password").fill("short");
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog.getByText("At least 10 characters", { exact: true })).toBeVisible();
  await dialog.getByLabel("Initial password").fill("a-proper-password");
  await dialog.getByRole("button", { name: "Add user" }).click();
  // The table shows 50 users a page; the filter finds any of them.
  await page.getByLabel("Filter", { exact: true }).fill(email);
  await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("Operator");

  const newcomer = await browser.newPage();
  await signInThroughForm(newcomer, email, "a-proper-password");
  await expect(newcomer.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["Overview", "Agents", "Traces", "Costs", "Approvals", "Decisions", "Drift", "Alerts", "Incidents"]);
});

test("the users table shows 50 users a page, filters across all of them, and its Edit dialog saves a rename", async ({ page, baseURL }) => {
  // Its own 52 users under one email prefix, listed through the filter: users other tests create
  // meanwhile in a shared database do not change what this list holds.
  const admin = await apiAs(baseURL!, "admin");
  const prefix = unique("pager");
  const total = 52;
  for (let index = 0; index < total - 1; index++) {
    const response = await admin.post("/api/v1/users", { data: { email: `${prefix}-${index}@example.test`, name: "Pager", role: "viewer", password: "a-proper-password" } });
    expect(response.status(), await response.text()).toBe(201);
  }
  const email = `${prefix}-renamed@example.test`;
  expect((await admin.post("/api/v1/users", { data: { email, name: "Before Rename", role: "viewer", password: "a-proper-password" } })).status()).toBe(201);
  await admin.dispose();

  await signInPage(page, "admin");
  await page.goto("/admin/users");
  const rows = page.getByRole("region", { name: "Users" }).locator("tbody tr");
  const pager = page.getByRole("navigation", { name: "User pages" });
  await expect(rows).toHaveCount(50);
  await page.getByLabel("Filter", { exact: true }).fill(prefix);
  await expect(rows).toHaveCount(50);
  await expect(pager).toContainText(`Users 1–50 of ${total}`);
  await expect(pager.getByRole("button", { name: "Previous" })).toBeDisabled();
  const firstOfPageOne = await rows.first().getAttribute("data-user");
  await pager.getByRole("button", { name: "Next" }).click();
  await expect(pager).toContainText(`Users 51–52 of ${total}`);
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).not.toHaveAttribute("data-user", firstOfPageOne!);

  // The filter searches every user, not the page shown, and starts again from the first page.
  await page.getByLabel("Filter", { exact: true }).fill(email);
  await expect(rows).toHaveCount(1);
  await expect(pager).toHaveCount(0);
  await page.getByRole("button", { name: `Edit ${email}` }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("textbox", { name: "Name", exact: true })).toHaveValue("Before Rename");
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill("After Rename");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(`Saved ${email}`)).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await expect(rows.first()).toContainText("After Rename");
});

test("an admin creates, renames and deletes a team; each edit dialog opens on the team's current values", async ({ page }) => {
  await signInPage(page, "admin");
  await page.goto("/admin/teams");
  await page.getByRole("button", { name: "Create team" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill("x");
  await dialog.getByRole("button", { name: "Create team" }).click();
  await expect(dialog.getByText("At least 2 characters", { exact: true })).toBeVisible();
  const name = unique("Team UI");
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await dialog.getByLabel("Description").fill("Made in the browser");
  await dialog.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByText(`Created team ${name}`)).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator(`tr[data-team="${name}"]`)).toContainText("Made in the browser");

  // A second opening of the create dialog starts empty.
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(dialog.getByRole("textbox", { name: "Name", exact: true })).toHaveValue("");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  const renamed = `${name} renamed`;
  await page.getByRole("button", { name: `Edit team ${name}` }).click();
  await expect(dialog.getByRole("textbox", { name: "Name", exact: true })).toHaveValue(name);
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(renamed);
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(`Saved team ${renamed}`)).toBeVisible();
  await expect(page.locator(`tr[data-team="${renamed}"]`)).toBeVisible();
  await page.getByRole("button", { name: `Edit team ${renamed}` }).click();
  await expect(dialog.getByRole("textbox", { name: "Name", exact: true })).toHaveValue(renamed);
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await page.getByRole("button", { name: `Delete team ${renamed}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete team" }).click();
  await expect(page.getByText(`Deleted team ${renamed}`)).toBeVisible();
  await expect(page.locator(`tr[data-team="${renamed}"]`)).toHaveCount(0);
});

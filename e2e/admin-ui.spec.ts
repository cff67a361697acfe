import { expect, test } from "@playwright/test";
import { anonymousApi, signInPage, signInThroughForm, unique } from "./fixtures/session";

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

test("an admin adds a user, who can then sign in with the role given", async ({ page, browser }) => {
  await signInPage(page, "admin");
  await page.goto("/admin/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog");
  const email = `${unique("new-user")}@example.test`;
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Name").fill("New Operator");
  await dialog.getByLabel("Role").selectOption("operator");
  await dialog.getByLabel("Claims", { exact: true }).check();
  await dialog.getByLabel("Initial password").fill("short");
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog.getByText("At least 10 characters", { exact: true })).toBeVisible();
  await dialog.getByLabel("Initial password").fill("a-proper-password");
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("Operator");

  const newcomer = await browser.newPage();
  await signInThroughForm(newcomer, email, "a-proper-password");
  await expect(newcomer.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["Overview", "Agents", "Traces", "Costs", "Approvals", "Decisions", "Drift", "Alerts", "Incidents"]);
});

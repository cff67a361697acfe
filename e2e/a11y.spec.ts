import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signInPage } from "./fixtures/session";

// No serious or critical accessibility violations on the main pages.
const pages = ["/", "/agents", "/agents/claims-agent", "/agents/new", "/traces", "/costs", "/audit", "/admin/users", "/admin/teams", "/admin/keys", "/admin/prices"];

test("the login page passes axe", async ({ page }) => {
  await page.goto("/login");
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
});

test("the main pages pass axe", async ({ page }) => {
  await signInPage(page, "admin");
  for (const path of pages) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious, `${path}: ${serious.map((v) => `${v.id} (${v.nodes.length})`).join(", ")}`).toEqual([]);
  }
});

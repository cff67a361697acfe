import { expect, test } from "@playwright/test";
import { apiAs, signInPage } from "./fixtures/session";
import { createAgent } from "./fixtures/agents";

// The canary page: reached from the Versions tab, it lists what the guarded canary judges and what it
// only shows, and says when no canary runs.
test("an operator opens the canary vs production page from the Versions tab", async ({ page, baseURL }) => {
  const admin = await apiAs(baseURL!, "admin");
  const { slug } = await createAgent(admin);
  for (const label of ["v1", "v2"]) {
    expect((await admin.post(`/api/v1/agents/${slug}/versions`, { data: { prompt: `prompt ${label}`, model: "gpt-4o-mini", message: label } })).status()).toBe(201);
  }
  expect((await admin.post(`/api/v1/agents/${slug}/versions/v1/promote`, { data: { stage: "production", reason: "first" } })).status()).toBe(200);

  await signInPage(page, "operator");
  await page.goto(`/agents/${slug}/versions/canary`);
  await expect(page.getByText("No canary is running")).toBeVisible();

  expect((await admin.post(`/api/v1/agents/${slug}/versions/v2/promote`, { data: { stage: "canary", canaryPercent: 20, reason: "e2e canary" } })).status()).toBe(200);
  await page.goto(`/agents/${slug}/versions`);
  await page.getByRole("link", { name: "Canary vs production" }).click();
  await expect(page).toHaveURL(new RegExp(`/agents/${slug}/versions/canary$`));
  await expect(page.getByText(/Canary v2 on 20% of new sessions against production v1/)).toBeVisible();
  const rows = page.getByRole("row");
  await expect(rows.filter({ hasText: "Guard deny rate" })).toContainText("Collecting");
  await expect(rows.filter({ hasText: "Cost per task" })).toContainText("98% Hodges–Lehmann");
  await expect(page.getByText("Live")).toBeVisible();
  await admin.dispose();
});

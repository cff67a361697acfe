import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signInPage } from "./fixtures/session";

// No serious or critical accessibility violations on the main pages.
const pages = ["/", "/agents", "/agents/claims-agent", "/agents/claims-agent/versions", "/agents/claims-agent/versions/new", "/agents/support-agent/versions/canary", "/agents/new", "/traces", "/costs", "/approvals", "/decisions", "/audit", "/admin/users", "/admin/teams", "/admin/keys", "/admin/prices", "/alerts", "/incidents", "/admin/webhooks", "/drift", "/agents/claims-agent/drift"];

async function seriousViolations(page: import("@playwright/test").Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.nodes.length}): ${violation.nodes[0]?.html.slice(0, 120)}`);
}

test("the login page passes axe", async ({ page }) => {
  await page.goto("/login");
  expect(await seriousViolations(page)).toEqual([]);
});

for (const path of pages) {
  test(`${path} passes axe`, async ({ page }) => {
    // axe walks the whole DOM of pages that keep refreshing live; on a loaded 2-core CI machine that
    // alone came near the default 60 s.
    test.slow();
    await signInPage(page, "admin");
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}

import type { Locator } from "@playwright/test";
import { expect, test } from "./fixtures/role-fixture";
import { signInPage } from "./fixtures/session";

// The seed's incident story on the demo fleet as an operator lives it (issue 12): the claims agent's
// history (v1–v3 at about 85% approvals, v4's knowledge-base update at about 91%) was sent through
// OTLP when the server started; drift monitoring flagged the approval rate and named v4. The operator
// follows the alert to the chart, opens an incident, rolls back from it, resolves it and downloads the
// report. The clicks are counted: a handful from the overview to the report.

type Alert = { id: string; title: string; metric: string | null; status: string; changesNear: { kind: string; label: string }[] };

test("an operator follows the claims agent's drift from the alert to a rollback, a resolution and the report", async ({ as, page }) => {
  test.slow();
  // The backfill runs in the background from server start (CONTROLROOM_DEMO_HISTORY=small for e2e).
  let alert: Alert | undefined;
  await expect
    .poll(
      async () => {
        const { alerts } = (await (await as.operator.get("/api/v1/alerts?agent=claims-agent&kind=drift")).json()) as { alerts: Alert[] };
        alert = alerts.find((candidate) => candidate.metric === "outcome_rate:approved" && candidate.status !== "resolved");
        return alert?.title ?? "";
      },
      { timeout: 150_000, intervals: [2_000] },
    )
    .toContain("Knowledge base updated (v4)");
  expect(alert!.changesNear.map((change) => change.label)).toEqual(expect.arrayContaining(["v4 to production", "Knowledge base updated (v4)"]));

  let clicks = 0;
  const click = async (locator: Locator) => {
    clicks += 1;
    await locator.click();
  };

  await signInPage(page, "operator");
  await page.goto("/");
  await expect(page.getByText(alert!.title).first()).toBeVisible();

  // The drift page names the drifting metric; its chart shows v4's annotation.
  await click(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Drift" }));
  const card = page.getByTestId("drift-agent").filter({ has: page.getByRole("heading", { name: /claims-agent|Claims/ }) });
  await expect(card).toContainText("drifting");
  await click(card.getByRole("link", { name: 'Rate of outcome "approved"', exact: true }));
  await expect(page.getByTestId("drift-chart")).toBeVisible();
  const annotations = page.getByTestId("drift-annotations");
  await expect(annotations.getByRole("link", { name: "v4 to production" })).toHaveAttribute("href", "/agents/claims-agent/versions/compare?base=v3&head=v4");
  await expect(annotations).toContainText("Knowledge base updated (v4)");

  // From the alert to an incident, with the chart around the shift.
  await click(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Alerts" }));
  const row = page.getByRole("row").filter({ hasText: alert!.title });
  await click(row.getByRole("button", { name: "Open incident" }).or(row.getByRole("link", { name: "View incident" })));
  await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/);
  const incidentId = page.url().split("/").at(-1)!;
  await expect(page.getByTestId("drift-chart")).toBeVisible();
  const timeline = page.getByTestId("incident-timeline");
  await expect(timeline.locator('li[data-kind="knowledge_base"]').first()).toContainText("Knowledge base updated (v4)");

  // One-click rollback to v3 (confirmed, with a reason), then the resolution.
  await click(page.getByRole("button", { name: "Roll back" }));
  await page.getByLabel(/Reason/).fill("v4's guidelines approve about 6 points more claims; back to v3 while claims review them");
  await click(page.getByRole("button", { name: "Roll back to v3" }));
  await expect(timeline.locator('li[data-kind="rollback"]')).toContainText("Rolled back to v3");
  await click(page.getByRole("button", { name: "Resolve" }));
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/Summary/).fill("Approval rate rose with v4's claims guidelines 2026-03; rolled back to v3");
  await click(dialog.getByRole("button", { name: "Resolve" }));
  await expect(page.getByTestId("incident-summary")).toContainText("Resolved");

  const downloading = page.waitForEvent("download");
  await click(page.getByRole("link", { name: "Download report" }));
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`incident-${incidentId.slice(0, 8)}.md`);
  const chunks: Buffer[] = [];
  for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
  const markdown = Buffer.concat(chunks).toString("utf8");
  expect(markdown).toContain("Knowledge base updated (v4)");
  expect(markdown).toContain("rolled production back to v3");
  expect(markdown).toContain("## Time from alert to resolution");

  // Drift → chart → Alerts → Open incident → Roll back → confirm → Resolve → confirm → Download.
  test.info().annotations.push({ type: "clicks", description: String(clicks) });
  expect(clicks).toBe(9);
  const { alerts } = (await (await as.operator.get("/api/v1/alerts?agent=claims-agent&kind=drift")).json()) as { alerts: Alert[] };
  expect(alerts.find((candidate) => candidate.id === alert!.id)?.status).toBe("resolved");
});

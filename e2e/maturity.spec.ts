import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures/role-fixture";
import { createAgent, createAgentKey } from "./fixtures/agents";
import { anonymousApi, signInPage } from "./fixtures/session";

type Maturity = { level: number; criteria: { id: string; level: number; met: boolean; detail: string }[] };
const levelNames = ["Registered", "Traced", "Governed", "Production-grade", "Run like infrastructure"];

test("the agent page shows a demo agent's maturity level and checklist as the API computes it", async ({ as, page }) => {
  test.slow();
  // The support agent: the claims agent's versions and gate change under the evaluation story running beside this test.
  const answer = await as.viewer.get("/api/v1/agents/support-agent/maturity");
  expect(answer.status(), await answer.text()).toBe(200);
  const maturity = (await answer.json()) as Maturity;
  expect(maturity.criteria).toHaveLength(13);
  test.info().annotations.push({ type: "support-agent level", description: String(maturity.level) });

  await signInPage(page, "viewer");
  await page.goto("/agents/support-agent");
  const card = page.getByTestId("maturity-card");
  await expect(card.getByTestId("maturity-level")).toHaveText(`Level ${maturity.level} · ${levelNames[maturity.level]}`);
  await expect(card.locator('[aria-current="step"]')).toContainText(`${maturity.level} · ${levelNames[maturity.level]}`);
  for (const criterion of maturity.criteria.filter((each) => each.level > 0)) {
    const item = card.locator(`[data-criterion="${criterion.id}"]`);
    await expect(item).toHaveAttribute("data-met", String(criterion.met));
    // Up to a relative time ("the latest 3 minutes ago"), which may tick over between the API call and the page.
    await expect(item).toContainText(criterion.detail.split(" (the ")[0]);
  }
  // The next level's first missing criterion is marked as the next step.
  const next = maturity.criteria.find((each) => !each.met && each.level === maturity.level + 1);
  if (next) await expect(card.locator(`[data-criterion="${next.id}"]`)).toContainText("Next step");
  await card.screenshot({ path: test.info().outputPath("maturity-card.png") });
  const scan = await new AxeBuilder({ page }).include('[data-testid="maturity-card"]').analyze();
  expect(scan.violations).toEqual([]);
});

test("a new agent moves from level 0 to 1 with its first live trace, on its page and on the overview", async ({ as, baseURL, page }) => {
  test.slow();
  const agent = await createAgent(as.admin, "Claims");
  await signInPage(page, "viewer");
  await page.goto(`/agents/${agent.slug}`);
  const card = page.getByTestId("maturity-card");
  await expect(card.getByTestId("maturity-level")).toHaveText("Level 0 · Registered");
  await expect(card.locator('[data-criterion="traced"]')).toContainText("Next step");

  const { key } = await createAgentKey(as.admin, agent.slug);
  const agentApi = await anonymousApi(baseURL!);
  const now = BigInt(Date.now()) * 1_000_000n;
  const span = { traceId: randomBytes(16).toString("hex"), spanId: randomBytes(8).toString("hex"), name: `invoke_agent ${agent.slug}`, kind: 1, startTimeUnixNano: `${now - 1_000_000_000n}`, endTimeUnixNano: `${now}`, status: { code: 1 } };
  const ingest = await agentApi.post("/api/otlp/v1/traces", { headers: { Authorization: `Bearer ${key}` }, data: { resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: "e2e-maturity" }, spans: [span] }] }] } });
  expect(ingest.status(), await ingest.text()).toBe(200);
  await agentApi.dispose();

  await page.reload();
  await expect(card.getByTestId("maturity-level")).toHaveText("Level 1 · Traced");
  await expect(card.locator('[data-criterion="traced"]')).toHaveAttribute("data-met", "true");
  await expect(card.locator('[data-criterion="policy"]')).toContainText("Next step");

  // The overview's tile lists the agent with its level, linking to its page, and counts the fleet.
  const fleet = (await (await as.viewer.get("/api/v1/maturity")).json()) as { agents: { slug: string; level: number }[]; distribution: { level: number; agents: number }[]; median: number };
  expect(fleet.agents.find((each) => each.slug === agent.slug)?.level).toBe(1);
  await page.goto("/");
  const tile = page.getByTestId("fleet-maturity");
  await expect(tile).toBeVisible();
  // The median as read a moment ago, unless agents other tests create meanwhile moved it.
  await expect(tile.getByText(new RegExp(`^[0-4] · (${levelNames.join("|")})$`)).first()).toBeVisible();
  // The tile lists the lowest levels first (other tests' new agents among them): follow the first one.
  const first = tile.locator("[data-agent]").first();
  const slug = (await first.getAttribute("data-agent"))!;
  await first.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/agents/${slug}$`));
  const shown = ((await (await as.viewer.get(`/api/v1/agents/${slug}/maturity`)).json()) as Maturity).level;
  await expect(page.getByTestId("maturity-level")).toHaveText(`Level ${shown} · ${levelNames[shown]}`);
});

test("the overview's maturity tile shows agents per level and is accessible", async ({ page }) => {
  test.slow();
  await signInPage(page, "viewer");
  await page.goto("/");
  const tile = page.getByTestId("fleet-maturity");
  const distribution = tile.getByTestId("maturity-distribution");
  // Other specs add and terminate agents concurrently: the counts are checked for shape, not exact figures.
  await expect(distribution.locator("[data-level]")).toHaveCount(5);
  for (const [level, name] of levelNames.entries()) await expect(distribution.locator(`[data-level="${level}"] dt`)).toHaveText(`${level} · ${name}`);
  const counts = (await distribution.locator("dd").allTextContents()).map(Number);
  expect(counts.every((count) => Number.isInteger(count) && count >= 0)).toBe(true);
  expect(counts.reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
  await tile.screenshot({ path: test.info().outputPath("fleet-maturity.png") });
  const scan = await new AxeBuilder({ page }).include('[data-testid="fleet-maturity"]').analyze();
  expect(scan.violations).toEqual([]);
});

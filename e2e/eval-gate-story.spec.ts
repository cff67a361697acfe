import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures/role-fixture";
import { signInPage, unique } from "./fixtures/session";

// Issue 13's story on the demo fleet, as a developer: a dataset built from the claims agent's recorded
// traces, a gating suite made on the Evaluations tab, a new version (a draft of the claims guidelines)
// run through the simulator's harness (npm run eval), the failed gate refusing its canary, the version
// fixed, run again, and promoted to canary.

const run = promisify(execFile);
type Trace = { traceId: string; outcome: string | null };
type Item = { id: string; input: string };

// Claims the harness replays as recorded: first turns of v1 (guidelines 2025-11) whose approval a
// reviewer would not hold (≤ 5,000 EUR).
async function addRecordedClaims(api: APIRequestContext, datasetId: string, outcome: string, wanted: number) {
  const { traces } = (await (await api.get(`/api/v1/traces?agent=claims-agent&version=v1&outcome=${outcome}&limit=100`)).json()) as { traces: Trace[] };
  let added = 0;
  for (const trace of traces) {
    if (added === wanted) break;
    const response = await api.post(`/api/v1/datasets/${datasetId}/items`, { data: { fromTraceId: trace.traceId } });
    expect(response.status(), await response.text()).toBe(201);
    const { item } = (await response.json()) as { item: Item };
    const amount = Number(/^New claim .*Claimed amount ([\d.]+) EUR/.exec(item.input)?.[1] ?? Infinity);
    if (amount <= 5000) added += 1;
    else expect((await api.delete(`/api/v1/datasets/${datasetId}/items/${item.id}`)).status()).toBe(200);
  }
  expect(added, `recorded ${outcome} claims of v1`).toBe(wanted);
}

async function newVersion(api: APIRequestContext, guidelines: string, message: string) {
  const { version: base } = (await (await api.get("/api/v1/agents/claims-agent/versions/v3")).json()) as { version: Record<string, unknown> };
  const created = await api.post("/api/v1/agents/claims-agent/versions", {
    data: { prompt: base.prompt, model: base.model, params: base.params, tools: base.tools, knowledgeBase: { id: "claims-guidelines", version: guidelines }, message },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { version } = (await created.json()) as { version: { label: string } };
  const staged = await api.post(`/api/v1/agents/claims-agent/versions/${version.label}/promote`, { data: { stage: "staging" } });
  expect(staged.status(), await staged.text()).toBe(200);
  return version.label;
}

// The demo harness, as a developer would run it against this server (signs in as the demo admin).
async function harness(baseURL: string, version: string) {
  const outcome = await run("npx", ["tsx", "--conditions=react-server", "scripts/eval.ts", "--agent", "claims-agent", "--version", version, "--url", baseURL], { timeout: 150_000 }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? -1, stdout: `${error.stdout ?? ""}${error.stderr ?? ""}` }),
  );
  return outcome;
}

test("a developer gates the claims agent on a suite built from its traces, sees a regression fail and promotes the fix to canary", async ({ as, page, baseURL }) => {
  test.setTimeout(360_000);
  const developer = as.developer;
  // The v1 history is sent in the background from server start.
  await expect.poll(async () => ((await (await developer.get("/api/v1/traces?agent=claims-agent&version=v1&outcome=rejected&limit=100")).json()) as { traces: Trace[] }).traces.length, { timeout: 150_000, intervals: [2_000] }).toBeGreaterThan(8);

  const datasetName = unique("claims-regression");
  const created = await developer.post("/api/v1/datasets", { data: { agent: "claims-agent", name: datasetName } });
  expect(created.status()).toBe(201);
  const { dataset } = (await created.json()) as { dataset: { id: string } };
  await addRecordedClaims(developer, dataset.id, "approved", 6);
  await addRecordedClaims(developer, dataset.id, "rejected", 4);

  const suiteName = unique("gate");
  let suiteId: string | undefined;
  try {
    // The suite, made the gate on the Evaluations tab.
    await signInPage(page, "developer");
    await page.goto("/agents/claims-agent/evaluations");
    await page.getByRole("button", { name: "New suite" }).click();
    const dialog = page.getByRole("dialog", { name: "New evaluation suite" });
    await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(suiteName);
    await dialog.getByLabel("Dataset").selectOption({ label: `${datasetName} (10 items)` });
    await dialog.getByLabel("Pass threshold (% of items)").fill("90");
    await dialog.getByRole("checkbox", { name: /Gate promotions with this suite/ }).check();
    await dialog.getByRole("button", { name: "Create suite" }).click();
    await expect(dialog).toBeHidden();
    const suiteRow = page.getByTestId("suite-row").filter({ hasText: suiteName });
    await expect(suiteRow).toContainText("Gate");
    const { suites } = (await (await developer.get("/api/v1/agents/claims-agent/suites")).json()) as { suites: { id: string; name: string; gating: boolean }[] };
    suiteId = suites.find((suite) => suite.name === suiteName)?.id;
    expect(suites.find((suite) => suite.gating)?.id).toBe(suiteId);

    // v5 reads a draft of the guidelines that approves nearly every claim: the gate catches it.
    const draft = await newVersion(developer, "2027-01-draft", "Claims guidelines 2027-01 (draft)");
    const failed = await harness(baseURL!, draft);
    expect(failed.code, failed.stdout).toBe(1);
    expect(failed.stdout).toContain(`FAILED: claims-agent ${draft}`);

    await page.goto(`/agents/claims-agent/versions/${draft}`);
    await expect(page.getByTestId("gate-status")).toContainText("Failed");
    const actions = page.getByTestId("version-actions");
    await expect(actions.getByRole("button", { name: "Start canary" })).toBeDisabled();
    await expect(actions).toContainText(`The gating suite has not passed on ${draft}`);
    // The API says the same, with a link to what is missing.
    const refused = await developer.post(`/api/v1/agents/claims-agent/versions/${draft}/promote`, { data: { stage: "canary", canaryPercent: 10 } });
    expect(refused.status()).toBe(409);
    const { error } = (await refused.json()) as { error: { code: string; message: string; details: { link: string } } };
    expect(error).toMatchObject({ code: "evaluation_required", details: { link: expect.stringMatching(/^\/agents\/claims-agent\/evaluations\/runs\//) } });
    expect(error.message).toContain(`latest run of the gating suite "${suiteName}" failed`);

    // The failed run says which claims it approved that it should have rejected.
    await page.getByTestId("gate-status").getByRole("link", { name: "latest run" }).click();
    await expect(page.getByTestId("run-pass-rate")).toContainText("needs 90%");
    await expect(page.getByTestId("run-item").filter({ hasText: "expected outcome rejected" }).first()).toBeVisible();

    // The fix: back to the guidelines the claims were decided under. Its run passes; the canary starts.
    const fixed = await newVersion(developer, "2025-11", "Back to claims guidelines 2025-11");
    const passed = await harness(baseURL!, fixed);
    expect(passed.code, passed.stdout).toBe(0);
    await page.goto(`/agents/claims-agent/versions/${fixed}`);
    await expect(page.getByTestId("gate-status")).toContainText("Passed");
    await page.getByTestId("version-actions").getByRole("button", { name: "Start canary" }).click();
    const canaryDialog = page.getByRole("dialog", { name: `Start a canary of ${fixed}?` });
    await expect(canaryDialog).toContainText("A passed run of the gating suite vouches for it.");
    await canaryDialog.getByRole("button", { name: "Start canary" }).click();
    await expect(canaryDialog).toBeHidden();
    await expect(page.locator('[data-stage="canary"]').first()).toBeVisible();

    // End the canary again: the other stories on this server expect the claims agent without one.
    const ended = await developer.post(`/api/v1/agents/claims-agent/versions/${fixed}/promote`, { data: { stage: "staging" } });
    expect(ended.status(), await ended.text()).toBe(200);
  } finally {
    if (suiteId) await developer.patch(`/api/v1/agents/claims-agent/suites/${suiteId}`, { data: { gating: false } });
  }
});

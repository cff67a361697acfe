import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import type { UserPrincipal } from "../../lib/auth/principal";
import { getCostSummary } from "../../lib/costs/cost-summary";
import { chargebackToCsv, getChargeback } from "../../lib/costs/chargeback";
import { addPrice, deletePrice, listPrices, updatePrice } from "../../lib/costs/manage-prices";
import { loadPriceBook } from "../../lib/costs/load-prices";
import { priceSpan } from "../../lib/costs/price-span";
import { auditOf, expectAppError, makeAgent, makeTeam, makeUser, unique, type TestTeam } from "./helpers";
import { insertTrace } from "./cost-fixtures";

// Fixed days in March 2024 (and one in February, the previous period of March), in teams made for
// this file, so the sums hold on a Postgres that keeps other runs' rows.
const march = { from: "2024-03-01", to: "2024-03-31" };

let claims: TestTeam;
let payments: TestTeam;
let claimsAgent: Awaited<ReturnType<typeof makeAgent>>;
let intakeAgent: Awaited<ReturnType<typeof makeAgent>>;
let refundAgent: Awaited<ReturnType<typeof makeAgent>>;
let viewerClaims: UserPrincipal;
let admin: UserPrincipal;
let expensiveTraceId: string;

beforeAll(async () => {
  claims = await makeTeam("claims");
  payments = await makeTeam("payments");
  claimsAgent = await makeAgent(claims);
  intakeAgent = await makeAgent(claims);
  refundAgent = await makeAgent(payments);
  viewerClaims = await makeUser("viewer", [claims.id]);
  admin = await makeUser("admin");

  const priced = (costUsd: number, inputTokens = 1000, outputTokens = 100) => ({ costUsd, inputTokens, outputTokens });
  // claims-agent: three March tasks ($0.06 in all, one with an unpriced span) and one in February.
  await insertTrace(claimsAgent, { start: "2024-03-01T08:00:00Z", workflow: "claims.triage", spans: [priced(0.01)] });
  await insertTrace(claimsAgent, {
    start: "2024-03-02T09:00:00Z",
    workflow: "claims.triage",
    spans: [priced(0.02), { model: "in-house-llm", inputTokens: 500, outputTokens: 50, costUsd: null }],
  });
  expensiveTraceId = await insertTrace(claimsAgent, { start: "2024-03-31T23:59:59Z", workflow: null, spans: [priced(0.03)] });
  await insertTrace(claimsAgent, { start: "2024-02-15T12:00:00Z", workflow: "claims.triage", spans: [priced(0.01)] });
  // intake agent: one small March task.
  await insertTrace(intakeAgent, { start: "2024-03-02T10:00:00Z", workflow: "claims.intake", spans: [priced(0.0042, 300, 20)] });
  // The payments team's agent: March spend that claims' people must never see, and an April task.
  await insertTrace(refundAgent, { start: "2024-03-02T11:00:00Z", workflow: "refunds", spans: [priced(5)] });
  await insertTrace(refundAgent, { start: "2024-04-01T00:00:00Z", workflow: "refunds", spans: [priced(7)] });
});

const seriesTotals = (summary: Awaited<ReturnType<typeof getCostSummary>>) =>
  Object.fromEntries(summary.spend.series.map((series) => [series.label, { costUsd: series.costUsd, unpricedSpans: series.unpricedSpans }]));

describe("getCostSummary", () => {
  it("sums spend per agent for the period, with days in UTC and empty days as zero", async () => {
    const summary = await getCostSummary(viewerClaims, { ...march, groupBy: "agent" });
    expect(summary.period).toMatchObject({ preset: "custom", fromDay: "2024-03-01", toDay: "2024-03-31", days: 31 });
    expect(summary.hasTraces).toBe(true);
    const totals = seriesTotals(summary);
    expect(Object.keys(totals).sort()).toEqual([claimsAgent.slug, intakeAgent.slug].sort());
    expect(totals[claimsAgent.slug].costUsd).toBeCloseTo(0.06, 8);
    expect(totals[claimsAgent.slug].unpricedSpans).toBe(1);
    expect(totals[intakeAgent.slug].costUsd).toBeCloseTo(0.0042, 8);
    expect(summary.spend.points).toHaveLength(31);
    const byDay = Object.fromEntries(summary.spend.points.map((point) => [point.day, point]));
    expect(byDay["2024-03-02"].totalUsd).toBeCloseTo(0.0242, 8);
    expect(byDay["2024-03-02"].unpricedSpans).toBe(1);
    expect(byDay["2024-03-31"].totalUsd).toBeCloseTo(0.03, 8);
    expect(byDay["2024-03-15"].totalUsd).toBe(0);
  });

  it("groups by workflow (traces without one together) and by team", async () => {
    const byWorkflow = seriesTotals(await getCostSummary(viewerClaims, { ...march, groupBy: "workflow" }));
    expect(Object.keys(byWorkflow).sort()).toEqual(["No workflow", "claims.intake", "claims.triage"]);
    expect(byWorkflow["claims.triage"].costUsd).toBeCloseTo(0.03, 8);
    expect(byWorkflow["No workflow"].costUsd).toBeCloseTo(0.03, 8);

    const byTeam = seriesTotals(await getCostSummary(admin, { ...march, groupBy: "team" }));
    expect(byTeam[claims.name].costUsd).toBeCloseTo(0.0642, 8);
    expect(byTeam[payments.name].costUsd).toBeCloseTo(5, 8);
  });

  it("gives cost and tokens per task per agent with the trend against the previous period", async () => {
    const summary = await getCostSummary(viewerClaims, march);
    const claimsRow = summary.costPerTask.find((row) => row.slug === claimsAgent.slug);
    expect(claimsRow).toMatchObject({ tasks: 3, inputTokens: 3500, outputTokens: 350, unpricedSpans: 1, team: claims.name });
    expect(claimsRow?.costPerTaskUsd).toBeCloseTo(0.02, 8);
    expect(claimsRow?.tokensPerTask).toBeCloseTo(3850 / 3, 6);
    expect(claimsRow?.previous).toMatchObject({ tasks: 1 });
    expect(claimsRow?.trend).toEqual({ direction: "up", changePct: 100 });
    const intakeRow = summary.costPerTask.find((row) => row.slug === intakeAgent.slug);
    expect(intakeRow?.trend).toEqual({ direction: "new", changePct: null });
    expect(summary.totals).toMatchObject({ tasks: 4, unpricedSpans: 1 });
    expect(summary.totals.costUsd).toBeCloseTo(0.0642, 8);
  });

  it("lists the most expensive traces first", async () => {
    const summary = await getCostSummary(viewerClaims, { ...march, limit: 2 });
    expect(summary.topTraces.map((trace) => trace.costUsd)).toEqual([0.03, 0.02]);
    expect(summary.topTraces[0]).toMatchObject({ traceId: expensiveTraceId, agent: { slug: claimsAgent.slug }, team: claims.name });
    expect(summary.topTraces[1].unpricedSpans).toBe(1);
  });

  it("narrows to one agent for its cost tab", async () => {
    const summary = await getCostSummary(viewerClaims, { ...march, agent: intakeAgent.slug });
    expect(summary.agent?.slug).toBe(intakeAgent.slug);
    expect(summary.costPerTask.map((row) => row.slug)).toEqual([intakeAgent.slug]);
    expect(summary.totals.tasks).toBe(1);
  });

  it("never shows another team's costs to a non-admin", async () => {
    const summary = await getCostSummary(viewerClaims, { ...march, groupBy: "team" });
    expect(summary.spend.series.map((series) => series.label)).toEqual([claims.name]);
    expect(summary.costPerTask.some((row) => row.slug === refundAgent.slug)).toBe(false);
    expect(summary.topTraces.some((trace) => trace.agent.slug === refundAgent.slug)).toBe(false);
    await expectAppError(getCostSummary(viewerClaims, { ...march, agent: refundAgent.slug }), "not_found");

    const teamless = await makeUser("operator", []);
    const nothing = await getCostSummary(teamless, march);
    expect(nothing).toMatchObject({ hasTraces: false, costPerTask: [], topTraces: [], totals: { tasks: 0, costUsd: 0 } });
  });

  it("refuses an agent key and a malformed period", async () => {
    await expectAppError(getCostSummary({ kind: "agent", agentId: refundAgent.id, agentSlug: refundAgent.slug, teamId: payments.id, keyId: "k" }, march), "forbidden");
    await expect(getCostSummary(viewerClaims, { from: "2024-03-31", to: "2024-03-01" })).rejects.toThrow(/before the first/);
  });
});

describe("getChargeback", () => {
  it("bills each department for the traces started in the UTC month", async () => {
    const chargeback = await getChargeback(admin, { month: "2024-03" });
    const row = (teamId: string) => chargeback.rows.find((entry) => entry.teamId === teamId);
    expect(row(claims.id)).toMatchObject({ month: "2024-03", team: claims.name, tasks: 4, inputTokens: 3800, outputTokens: 370, unpricedSpans: 1 });
    expect(row(claims.id)?.costUsd).toBeCloseTo(0.0642, 8);
    expect(row(payments.id)).toMatchObject({ tasks: 1, costUsd: 5 });

    const april = await getChargeback(admin, { month: "2024-04" });
    expect(april.rows.find((entry) => entry.teamId === payments.id)).toMatchObject({ tasks: 1, costUsd: 7 });
    expect(april.rows.some((entry) => entry.teamId === claims.id)).toBe(false);
  });

  it("shows a non-admin only their departments, and totals what it shows", async () => {
    const chargeback = await getChargeback(viewerClaims, { month: "2024-03" });
    expect(chargeback.rows.map((row) => row.team)).toEqual([claims.name]);
    expect(chargeback.totals).toMatchObject({ tasks: 4, unpricedSpans: 1 });
    const csv = chargebackToCsv(chargeback.rows).split("\r\n");
    expect(csv[0]).toBe("month,team,tasks,input_tokens,output_tokens,cost_usd,unpriced_spans");
    expect(csv[1]).toBe(`2024-03,${claims.name},4,3800,370,0.064200,1`);
  });

  it("rejects a malformed month", async () => {
    await expect(getChargeback(admin, { month: "2024-13" })).rejects.toThrow(/YYYY-MM/);
  });
});

describe("price management", () => {
  const model = () => `test-model-${unique()}`;

  it("lets only admins change prices; everyone who reads costs may list them", async () => {
    for (const role of ["viewer", "operator", "developer", "reviewer"] as const) {
      const principal = await makeUser(role, [claims.id]);
      await expectAppError(addPrice(principal, { model: model(), inputPerMTok: 1, outputPerMTok: 2, effectiveFrom: "2024-01-01" }), "forbidden");
      expect(Array.isArray(await listPrices(principal))).toBe(true);
    }
    const price = await addPrice(admin, { model: model(), inputPerMTok: 1, outputPerMTok: 2, effectiveFrom: "2024-01-01" });
    await expectAppError(updatePrice(viewerClaims, price.id, { inputPerMTok: 0 }), "forbidden");
    await expectAppError(deletePrice(viewerClaims, price.id), "forbidden");
    expect(await db().modelPrice.findUnique({ where: { id: price.id } })).not.toBeNull();
  });

  it("records every change in the audit log", async () => {
    const name = model();
    const price = await addPrice(admin, { model: name.toUpperCase(), provider: "acme", inputPerMTok: "1.5", outputPerMTok: "6", cachedInputPerMTok: "", effectiveFrom: "2024-01-01" });
    expect(price).toMatchObject({ model: name, provider: "acme", inputPerMTok: 1.5, outputPerMTok: 6, cachedInputPerMTok: null });
    await updatePrice(admin, price.id, { outputPerMTok: 8 });
    await deletePrice(admin, price.id);
    const entries = await auditOf(price.id);
    expect(entries.map((entry) => entry.action)).toEqual(["price.create", "price.update", "price.delete"]);
    expect(entries[0]).toMatchObject({ actorId: admin.userId, targetType: "model_price" });
    expect(entries[1].before).toMatchObject({ outputPerMTok: 6 });
    expect(entries[1].after).toMatchObject({ outputPerMTok: 8 });
    expect(await db().modelPrice.findUnique({ where: { id: price.id } })).toBeNull();
  });

  it("refuses a second row for the same model and start, and unknown ids", async () => {
    const name = model();
    await addPrice(admin, { model: name, inputPerMTok: 1, outputPerMTok: 2, effectiveFrom: "2024-01-01" });
    const conflict = await expectAppError(addPrice(admin, { model: name, inputPerMTok: 3, outputPerMTok: 4, effectiveFrom: "2024-01-01" }), "conflict");
    expect(conflict.details).toMatchObject({ fieldErrors: { effectiveFrom: [expect.any(String)] } });
    await expectAppError(updatePrice(admin, "00000000-0000-4000-8000-000000000000", { inputPerMTok: 1 }), "not_found");
    await expectAppError(deletePrice(admin, "not-a-uuid"), "not_found");
  });

  it("applies a new price from its effectiveFrom on, through the reloaded price book", async () => {
    const name = model();
    const usage = (at: string) => ({ model: name, inputTokens: 1_000_000, outputTokens: 0, cachedInputTokens: null, startTime: new Date(at) });
    await addPrice(admin, { model: name, inputPerMTok: 1, outputPerMTok: 2, effectiveFrom: "2024-01-01" });
    expect(priceSpan(await loadPriceBook(), usage("2024-03-01T00:00:00Z"))).toBe(1);

    const change = await addPrice(admin, { model: name, inputPerMTok: 3, outputPerMTok: 4, effectiveFrom: "2024-06-01" });
    const book = await loadPriceBook();
    expect(priceSpan(book, usage("2023-12-31T23:59:59Z"))).toBeNull();
    expect(priceSpan(book, usage("2024-05-31T23:59:59Z"))).toBe(1);
    expect(priceSpan(book, usage("2024-06-01T00:00:00Z"))).toBe(3);

    await deletePrice(admin, change.id);
    expect(priceSpan(await loadPriceBook(), usage("2024-07-01T00:00:00Z"))).toBe(1);
    const statuses = (await listPrices(admin, new Date("2024-07-01T00:00:00Z"))).filter((price) => price.model === name);
    expect(statuses.map((price) => price.status)).toEqual(["current"]);
  });
});

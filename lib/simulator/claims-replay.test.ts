import { describe, expect, it } from "vitest";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { claimsScenario } from "./scenarios/claims";
import { createSessionPool } from "./sessions";
import { localGuard, virtualClock } from "./local-guard.test-helper";
import { presettableIds } from "./span-ids";
import { createWaitingSessions } from "./waiting";
import { seededProduction } from "./served-config.test-helper";
import type { ServedConfig } from "./config-client";

// The simulated claims agent decides from the claim as written, so the evaluation harness can replay a
// recorded claim: the same text under the same guidelines gets the same decision — for live claims and
// for the backfilled history, whose decisions come from a seeded roll.

const withGuidelines = (version: string): ServedConfig => ({ ...seededProduction("claims-agent"), knowledgeBase: { id: "claims-guidelines", version } });

async function runClaims(config: ServedConfig, runs: number, options: { roll?: () => number; item?: (index: number) => string } = {}) {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ idGenerator: presettableIds, spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer("test");
  const sessions = createSessionPool([0, 0]);
  const clock = virtualClock(Date.UTC(2026, 10, 24, 9, 0, 0));
  const guard = localGuard("claims-agent", "allow", clock);
  const results: { input: string; outcome: string }[] = [];
  for (let index = 0; index < runs; index++) {
    const now = clock.now();
    const input = options.item?.(index);
    const session = input ? { id: `eval-${index}`, turn: 1, turns: 1, history: [], memory: {} } : sessions.take(claimsScenario, now);
    const result = await claimsScenario.run(tracer, {
      startTime: now,
      session,
      guard: guard.client,
      clock,
      waiting: createWaitingSessions(input ? 0 : 100),
      config,
      outcomeRoll: options.roll,
      evalItem: input ? { runId: "run", itemId: `item-${index}`, input } : undefined,
    });
    const root = exporter.getFinishedSpans().findLast((span) => !span.parentSpanContext)!;
    results.push({ input: input ?? String(root.attributes["gen_ai.input.messages"] ?? root.attributes["input.value"] ?? ""), outcome: result.outcome });
    if (!input) sessions.release(claimsScenario, session, result.endTime);
    clock.advance(Math.max(0, result.endTime + 1 - clock.now()));
  }
  return { results, spans: exporter.getFinishedSpans() };
}

const claimText = (text: string) => /(New claim CLM-\d+[^"\\]*?repair estimate\.)/.exec(text)?.[1];

describe("claims replay", () => {
  it("replays backfilled claims with the decision their seeded roll made, under the same guidelines", async () => {
    let seed = 7;
    const roll = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const history = await runClaims(withGuidelines("2025-11"), 60, { roll });
    const firstTurns = history.results
      .map((result) => ({ ...result, claim: claimText(result.input) }))
      .filter((result): result is { input: string; outcome: string; claim: string } => Boolean(result.claim) && ["approved", "rejected"].includes(result.outcome))
      .filter((result) => Number(/Claimed amount ([\d.]+)/.exec(result.claim)?.[1]) <= 5000);
    expect(firstTurns.length).toBeGreaterThan(10);
    const replay = await runClaims(withGuidelines("2025-11"), firstTurns.length, { item: (index) => firstTurns[index].claim });
    expect(replay.results.map((result) => result.outcome)).toEqual(firstTurns.map((result) => result.outcome));

    const root = replay.spans.find((span) => !span.parentSpanContext)!;
    expect(root.attributes).toMatchObject({ "controlroom.eval.run_id": "run", "controlroom.eval.item_id": "item-0" });
  });

  it("approves nearly every claim under the 2027-01 draft guidelines", async () => {
    const claims = Array.from({ length: 40 }, (_, index) => `New claim CLM-${String(100000 + index * 7919).slice(0, 6)} from Tom Baker (policy POL-1234567): a stone thrown up on the motorway cracked the windscreen. Claimed amount 400.00 EUR. Attachments: photos (4), repair estimate.`);
    const current = await runClaims(withGuidelines("2025-11"), claims.length, { item: (index) => claims[index] });
    const draft = await runClaims(withGuidelines("2027-01-draft"), claims.length, { item: (index) => claims[index] });
    const approved = (results: { outcome: string }[]) => results.filter((result) => result.outcome === "approved").length;
    expect(approved(draft.results)).toBeGreaterThan(approved(current.results));
    expect(approved(draft.results)).toBeGreaterThanOrEqual(38);
  });
});

import type { Scenario } from "../types";
import { startAgentRun, type AgentRun } from "../agent-run";
import { toolConfig } from "../config-client";
import { claimOutcome } from "./claims-outcomes";
import { chance, money, pick, randomInt, reference, rollOf } from "../random";

// Claims adjudication: read the claim file, check the policy, then approve, reject, ask for documents
// or escalate. Multi-turn: a claim missing documents comes back when the claimant uploads them. The
// served version decides the model, the prompt, the policy service's timeout and, through its claims
// guidelines (knowledge base), how often a claim is approved (claims-outcomes.ts). The decision follows
// from the claim as written (a roll fixed by the input text), so an evaluation that gives a version the
// same claim replays the same decision under the same guidelines (lib/simulator/eval-harness.ts).
const claimKinds = [
  { kind: "water damage", detail: "a burst pipe under the kitchen sink flooded the floor and damaged the cabinets", range: [800, 6500], line: "home" },
  { kind: "windscreen", detail: "a stone thrown up on the motorway cracked the windscreen", range: [250, 950], line: "motor" },
  { kind: "theft", detail: "a laptop and a camera were stolen from the locked boot of the car", range: [900, 3800], line: "home" },
  { kind: "storm damage", detail: "roof tiles were blown off during the storm and rain came into the attic", range: [1500, 9800], line: "home" },
  { kind: "collision", detail: "the car was rear-ended at a traffic light; bumper, boot lid and tail light are damaged", range: [1200, 5200], line: "motor" },
] as const;

const claimants = ["Maria Keller", "Tom Baker", "Aisha Khan", "Lukas Weber", "Sofia Rossi", "James Okafor", "Emma Laurent", "Noah Schmidt"];

const ESCALATION_LIMIT = 10_000; // the prompt's limit: a claim above it goes to a senior adjuster
const LARGE_CLAIM = 5000; // the demo policy's large-claim gate holds claim.approve above this
const MAX_TURNS = 3;

export const claimsScenario: Scenario = {
  name: "claims.adjudicate",
  agent: "claims-agent",
  weight: 3,
  maxTurns: 2,
  replaysInput: true,
  async run(tracer, ctx) {
    const { config, session } = ctx;
    const memory = session.memory as Partial<{ claimId: string; policyId: string; claimant: string; kind: (typeof claimKinds)[number]; amount: number }>;
    if (ctx.evalItem) Object.assign(memory, claimFromText(ctx.evalItem.input));
    if (!memory.claimId) {
      const kind = pick(claimKinds);
      // While the review queue is full the claims that reach the agent are ones it settles alone.
      const high = ctx.waiting.hasRoom() ? kind.range[1] : Math.min(kind.range[1], LARGE_CLAIM);
      Object.assign(memory, { claimId: reference("CLM"), policyId: reference("POL", 7), claimant: pick(claimants), kind, amount: money(kind.range[0], high) });
    }
    const { policyId, claimant, kind, amount } = memory as Required<typeof memory>;
    const deductible = kind.line === "motor" ? 150 : 250;
    const write = (id: string) => session.turn === 1
      ? `New claim ${id} from ${claimant} (policy ${policyId}): ${kind.detail}. Claimed amount ${amount.toFixed(2)} EUR. Attachments: photos (4), repair estimate.`
      : `Claim ${id}: ${claimant} uploaded the itemised invoice ${reference("INV")} and the requested photos.`;
    let input = ctx.evalItem?.input ?? write(memory.claimId!);
    let planned = claimOutcome(config, rollOf(input));
    if (ctx.outcomeRoll && !ctx.evalItem) {
      // A given roll (the history backfill's seeded series) decides; the claim is then written so that its
      // text decides the same, as a live claim's does: a new claim number (a new invoice number on a
      // later turn) until it does. Each outcome holds ≥ 0.5% of rolls, so this ends within a few hundred.
      const decided = claimOutcome(config, ctx.outcomeRoll());
      for (let attempt = 0; planned !== decided && attempt < 2000; attempt++) {
        if (session.turn === 1) memory.claimId = reference("CLM");
        input = write(memory.claimId!);
        planned = claimOutcome(config, rollOf(input));
      }
      planned = decided;
    }
    const claimId = memory.claimId!;
    const model = config.model;
    const guidelines = config.knowledgeBase ?? { id: "claims-guidelines", version: "unversioned" };
    const lookupTimeoutMs = Number(toolConfig(config, "policy.lookup").timeoutMs ?? 5000);
    // A decided claim ends the conversation; a documents request keeps it open for the claimant's answer.
    session.turns = session.turn;
    const run = await startAgentRun(tracer, ctx, {
      agent: "claims-agent",
      workflow: "claims.adjudicate",
      dialect: chance(0.2) ? "genai-legacy" : "genai",
      version: "2.3.1",
      system: config.prompt,
      input,
      toolDefinitionTokens: 1150,
    });

    await run.retrieval({
      source: "claims-documents",
      query: `${claimId} ${kind.kind} attachments`,
      embeddingModel: "text-embedding-3-small",
      durationMs: 220,
      documents: [
        { id: `${claimId}/estimate.pdf`, score: 0.91, content: `Repair estimate for ${kind.kind}: labour and materials ${amount.toFixed(2)} EUR incl. VAT.` },
        { id: `${claimId}/photos.txt`, score: 0.84, content: `Photo report: 4 images consistent with ${kind.kind}; timestamps within 24 h of the reported date.` },
        { id: `${guidelines.id}@${guidelines.version}/${kind.line}`, score: 0.8, content: `Claims guidelines ${guidelines.version}, ${kind.line} section: how ${kind.kind} is assessed, evidence needed, deductible ${deductible} EUR.` },
      ],
    });
    run.llm({ model, toolCalls: [{ name: "policy.lookup", arguments: { policyId } }] });

    const outage = planned === "failed" || (planned === "escalated" && rollOf(`${input}|outage`) < 0.5);
    if (outage) {
      await run.tool({ name: "policy.lookup", description: "Fetch a policy's coverage, limits and exclusions", arguments: { policyId }, durationMs: lookupTimeoutMs, error: `policy service timed out after ${lookupTimeoutMs} ms` });
      if (planned === "failed") return run.finish({ outcome: "failed", error: "policy service unavailable; claim left unprocessed" });
      return escalate(run, model, claimId, "policy service unavailable", "adjusters", `I could not reach the policy service, so ${claimId} went to the adjusters' queue.`);
    }

    const excluded = planned === "rejected";
    const policy = {
      policyId,
      line: kind.line,
      status: "active",
      deductible,
      limit: kind.line === "motor" ? 25_000 : 50_000,
      exclusions: excluded ? [`${kind.kind} caused by lack of maintenance`] : [],
    };
    await run.tool({ name: "policy.lookup", description: "Fetch a policy's coverage, limits and exclusions", arguments: { policyId }, result: policy, durationMs: 180 });

    if (planned === "info_requested") {
      const documents = ["itemised invoice", "photos of the damage"];
      if (session.turn < MAX_TURNS) session.turns = session.turn + 1;
      run.llm({ model, toolCalls: [{ name: "claim.request_documents", arguments: { claimId, documents } }] });
      await run.tool({ name: "claim.request_documents", description: "Ask the claimant for missing documents", arguments: { claimId, documents }, result: { requested: documents, dueInDays: 14 }, durationMs: 140 });
      run.llm({ model, reply: `The estimate for ${claimId} is not itemised, so I asked ${claimant} for an itemised invoice and photos before deciding.` });
      return run.finish({ outcome: "info_requested", reply: `Asked ${claimant} for an itemised invoice and photos.` });
    }

    const payout = Math.max(0, Math.round((amount - deductible) * 100) / 100);
    // Large claims wait for a reviewer; when the fleet already has enough sessions waiting, the agent
    // hands them to the adjusters instead of adding to the approvals queue.
    const reviewQueueFull = payout > LARGE_CLAIM && !ctx.waiting.hasRoom();
    if (planned === "escalated" || amount > ESCALATION_LIMIT || reviewQueueFull) {
      const reason = reviewQueueFull
        ? `claimed ${amount.toFixed(2)} EUR needs a reviewer and the review queue is full`
        : amount > ESCALATION_LIMIT
          ? `claimed ${amount.toFixed(2)} EUR exceeds the ${ESCALATION_LIMIT} EUR adjudication limit`
          : "the repair estimate comes from a garage with 14 similar claims this year (fraud indicator)";
      return escalate(run, model, claimId, reason, "senior-adjusters", `Escalated ${claimId}: ${reason}. Coverage looks valid.`);
    }

    if (excluded) {
      const reason = `Policy ${policyId} excludes ${kind.kind} caused by lack of maintenance; the photo report shows long-term corrosion.`;
      run.llm({ model, toolCalls: [{ name: "claim.reject", arguments: { claimId, reason } }] });
      await run.tool({ name: "claim.reject", description: "Reject a claim with a reason the claimant will read", arguments: { claimId, reason }, result: { status: "rejected", letterId: reference("LTR") }, durationMs: 160 });
      run.llm({ model, reply: `Rejected ${claimId}. ${reason}` });
      return run.finish({ outcome: "rejected", reply: `Rejected ${claimId}: excluded by the policy.` });
    }

    run.llm({ model, toolCalls: [{ name: "claim.approve", arguments: { claimId, amount: payout, currency: "EUR" } }] });
    const approved = await run.tool(
      { name: "claim.approve", description: "Approve a claim and schedule the payout", arguments: { claimId, amount: payout, currency: "EUR" }, result: { status: "approved", paymentReference: reference("PAY", 8) }, durationMs: 210 },
      { decisionType: "claim.approve", amount: payout },
    );
    if (!approved) return run.finish({ outcome: "stopped" });
    run.llm({ model, reply: `Approved ${claimId}: ${kind.kind} is covered by ${policyId}. Payout ${payout.toFixed(2)} EUR after the ${deductible} EUR deductible.` });
    return run.finish({ outcome: "approved", reply: `Approved ${claimId}, payout ${payout.toFixed(2)} EUR.` });
  },
};

async function escalate(run: AgentRun, model: string, claimId: string, reason: string, queue: string, reply: string) {
  run.llm({ model, toolCalls: [{ name: "claim.escalate", arguments: { claimId, reason } }] });
  await run.tool({ name: "claim.escalate", description: "Send the claim to a human adjuster", arguments: { claimId, reason }, result: { queue, position: randomInt(1, 40) }, durationMs: 115 });
  run.llm({ model, reply });
  return run.finish({ outcome: "escalated", reply: `Escalated ${claimId} to the ${queue} queue.` });
}

// The facts of a claim written the way this agent's claims arrive ("New claim CLM-… from … (policy
// POL-…): <detail>. Claimed amount 1234.50 EUR."), for an evaluation item; what the text does not say is
// left to the scenario's defaults (a claim of unknown kind is a water damage, of unknown amount 1,000 EUR).
export function claimFromText(text: string) {
  const claimId = /\b(CLM-\d+)/.exec(text)?.[1] ?? reference("CLM");
  const policyId = /\b(POL-\d+)/.exec(text)?.[1] ?? reference("POL", 7);
  const claimant = /from ([^()]+?) \(policy/.exec(text)?.[1]?.trim() ?? pick(claimants);
  const kind = claimKinds.find((candidate) => text.includes(candidate.detail)) ?? claimKinds[0];
  const amount = Number(/Claimed amount ([\d.]+) EUR/.exec(text)?.[1] ?? 1000);
  return { claimId, policyId, claimant, kind, amount: Number.isFinite(amount) ? amount : 1000 };
}

import type { Scenario } from "../types";
import { startAgentRun } from "../agent-run";
import { chance, money, pick, randomInt, reference } from "../random";

// Claims adjudication: read the claim file, check the policy, then approve, reject, ask for documents
// or escalate. Multi-turn: a claim missing documents comes back when the claimant uploads them.
const claimKinds = [
  { kind: "water damage", detail: "a burst pipe under the kitchen sink flooded the floor and damaged the cabinets", range: [800, 6500], line: "home" },
  { kind: "windscreen", detail: "a stone thrown up on the motorway cracked the windscreen", range: [250, 950], line: "motor" },
  { kind: "theft", detail: "a laptop and a camera were stolen from the locked boot of the car", range: [900, 3800], line: "home" },
  { kind: "storm damage", detail: "roof tiles were blown off during the storm and rain came into the attic", range: [1500, 14000], line: "home" },
  { kind: "collision", detail: "the car was rear-ended at a traffic light; bumper, boot lid and tail light are damaged", range: [1200, 5200], line: "motor" },
] as const;

const claimants = ["Maria Keller", "Tom Baker", "Aisha Khan", "Lukas Weber", "Sofia Rossi", "James Okafor", "Emma Laurent", "Noah Schmidt"];

const SYSTEM = `You are the claims adjudication agent of Northwind Insurance. For each claim: read the claim file,
look up the policy with policy.lookup, check coverage, exclusions and limits, then call exactly one of
claim.approve, claim.reject, claim.request_documents or claim.escalate. Approve at most the claimed amount
minus the deductible. Escalate anything above 10,000 EUR or where fraud indicators are present.
Explain the decision to the claims handler in two or three sentences.`;

const ESCALATION_LIMIT = 10_000;
const LARGE_CLAIM = 5000; // the demo policy's large-claim gate holds claim.approve above this

export const claimsScenario: Scenario = {
  name: "claims.adjudicate",
  agent: "claims-agent",
  weight: 3,
  maxTurns: 2,
  async run(tracer, ctx) {
    const memory = ctx.session.memory as Partial<{ claimId: string; policyId: string; claimant: string; kind: (typeof claimKinds)[number]; amount: number }>;
    if (!memory.claimId) {
      const kind = pick(claimKinds);
      Object.assign(memory, { claimId: reference("CLM"), policyId: reference("POL", 7), claimant: pick(claimants), kind, amount: money(kind.range[0], kind.range[1]) });
    }
    const { claimId, policyId, claimant, kind, amount } = memory as Required<typeof memory>;
    const deductible = kind.line === "motor" ? 150 : 250;
    const firstTurn = ctx.session.turn === 1;
    const input = firstTurn
      ? `New claim ${claimId} from ${claimant} (policy ${policyId}): ${kind.detail}. Claimed amount ${amount.toFixed(2)} EUR. Attachments: photos (4), repair estimate.`
      : `Claim ${claimId}: ${claimant} uploaded the itemised invoice ${reference("INV")} and the requested photos.`;
    const model = pick(["claude-sonnet-4-5", "claude-sonnet-4-5", "gpt-4.1", "gpt-5"]);
    const run = await startAgentRun(tracer, ctx, {
      agent: "claims-agent",
      workflow: "claims.adjudicate",
      dialect: chance(0.2) ? "genai-legacy" : "genai",
      version: "2.3.1",
      system: SYSTEM,
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
        { id: `${claimId}/intake.txt`, score: 0.77, content: `Intake form filed by ${claimant}; no prior claims in the last 36 months.` },
      ],
    });
    run.llm({ model, toolCalls: [{ name: "policy.lookup", arguments: { policyId } }] });

    if (chance(0.03)) {
      await run.tool({ name: "policy.lookup", description: "Fetch a policy's coverage, limits and exclusions", arguments: { policyId }, durationMs: 5000, error: "policy service timed out after 5000 ms" });
      if (chance(0.5)) return run.finish({ outcome: "failed", error: "policy service unavailable; claim left unprocessed" });
      run.llm({ model, toolCalls: [{ name: "claim.escalate", arguments: { claimId, reason: "policy service unavailable" } }] });
      await run.tool({ name: "claim.escalate", description: "Send the claim to a human adjuster", arguments: { claimId, reason: "policy service unavailable" }, result: { queue: "adjusters", position: randomInt(1, 40) }, durationMs: 120 });
      return run.finish({ outcome: "escalated", reply: `I could not reach the policy service, so ${claimId} went to the adjusters' queue.` });
    }

    const excluded = chance(0.18);
    const policy = {
      policyId,
      line: kind.line,
      status: "active",
      deductible,
      limit: kind.line === "motor" ? 25_000 : 50_000,
      exclusions: excluded ? [`${kind.kind} caused by lack of maintenance`] : [],
    };
    await run.tool({ name: "policy.lookup", description: "Fetch a policy's coverage, limits and exclusions", arguments: { policyId }, result: policy, durationMs: 180 });

    if (firstTurn && ctx.session.turns > 1) {
      const documents = ["itemised invoice", "photos of the damage"];
      run.llm({ model, toolCalls: [{ name: "claim.request_documents", arguments: { claimId, documents } }] });
      await run.tool({ name: "claim.request_documents", description: "Ask the claimant for missing documents", arguments: { claimId, documents }, result: { requested: documents, dueInDays: 14 }, durationMs: 140 });
      run.llm({ model, reply: `The estimate for ${claimId} is not itemised, so I asked ${claimant} for an itemised invoice and photos before deciding.` });
      return run.finish({ outcome: "info_requested", reply: `Asked ${claimant} for an itemised invoice and photos.` });
    }

    // Large claims wait for a reviewer; when the fleet already has enough sessions waiting, the agent
    // hands them to the adjusters instead of adding to the approvals queue.
    const reviewQueueFull = amount - deductible > LARGE_CLAIM && !ctx.waiting.hasRoom();
    if (amount > ESCALATION_LIMIT || reviewQueueFull) {
      const reason = reviewQueueFull
        ? `claimed ${amount.toFixed(2)} EUR needs a reviewer and the review queue is full`
        : `claimed ${amount.toFixed(2)} EUR exceeds the ${ESCALATION_LIMIT} EUR adjudication limit`;
      run.llm({ model, toolCalls: [{ name: "claim.escalate", arguments: { claimId, reason } }] });
      await run.tool({ name: "claim.escalate", description: "Send the claim to a human adjuster", arguments: { claimId, reason }, result: { queue: "senior-adjusters", position: randomInt(1, 12) }, durationMs: 110 });
      run.llm({ model, reply: `Escalated ${claimId}: the ${reason}. Coverage looks valid.` });
      return run.finish({ outcome: "escalated", reply: `Escalated ${claimId} to a senior adjuster.` });
    }

    if (excluded) {
      const reason = `Policy ${policyId} excludes ${kind.kind} caused by lack of maintenance; the photo report shows long-term corrosion.`;
      run.llm({ model, toolCalls: [{ name: "claim.reject", arguments: { claimId, reason } }] });
      await run.tool({ name: "claim.reject", description: "Reject a claim with a reason the claimant will read", arguments: { claimId, reason }, result: { status: "rejected", letterId: reference("LTR") }, durationMs: 160 });
      run.llm({ model, reply: `Rejected ${claimId}. ${reason}` });
      return run.finish({ outcome: "rejected", reply: `Rejected ${claimId}: excluded by the policy.` });
    }

    const payout = Math.max(0, Math.round((amount - deductible) * 100) / 100);
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

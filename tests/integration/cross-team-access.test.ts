import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import type { UserPrincipal } from "../../lib/auth/principal";
import type { AppError } from "../../lib/errors/app-error";
import { getAgent } from "../../lib/agents/get-agent";
import { changeAgentStatus } from "../../lib/agents/change-agent-status";
import { decideDecision } from "../../lib/approvals/decide-decision";
import { getTrace } from "../../lib/traces/get-trace";
import { getSession } from "../../lib/traces/get-session";
import { listTraceDecisions } from "../../lib/guard/trace-decisions";
import { getPolicy } from "../../lib/policies/get-policy";
import { listPolicies } from "../../lib/policies/list-policies";
import { savePolicy } from "../../lib/policies/save-policy";
import { proposePolicy } from "../../lib/policies/propose-policy";
import { appErrorOf, expectAppError, makeAgent, makeTeam, makeUser, system, unique } from "./helpers";

// Another team's object answers exactly as a missing one: 404 not_found, same wording, whatever the
// kind (agent, decision, trace, session, policy) and whether it is read or acted on. An object the user
// can see but whose role may not act on it stays 403.

type Agent = Awaited<ReturnType<typeof makeAgent>>;

let insider: { viewer: UserPrincipal; operator: UserPrincipal; reviewer: UserPrincipal; developer: UserPrincipal };
let outsider: { viewer: UserPrincipal; operator: UserPrincipal; reviewer: UserPrincipal; developer: UserPrincipal };
let agent: Agent;
let traceId: string;
let sessionId: string;
let decisionId: string;

const hexId = () => randomBytes(16).toString("hex");

// What a caller learns from an error, with the id they asked for taken out.
const answer = (error: AppError, id: string) => ({ status: error.status, code: error.code, message: error.message.replace(id, "<id>") });

async function sameAsMissing(call: (id: string) => Promise<unknown>, existingId: string, missingId: string) {
  const other = await expectAppError(call(existingId), "not_found");
  const missing = await expectAppError(call(missingId), "not_found");
  expect(answer(other, existingId)).toEqual(answer(missing, missingId));
  expect(other.status).toBe(404);
}

beforeAll(async () => {
  const home = await makeTeam("access-home");
  const away = await makeTeam("access-away");
  const roles = async (teamId: string) => ({
    viewer: await makeUser("viewer", [teamId]),
    operator: await makeUser("operator", [teamId]),
    reviewer: await makeUser("reviewer", [teamId]),
    developer: await makeUser("developer", [teamId]),
  });
  insider = await roles(home.id);
  outsider = await roles(away.id);
  agent = await makeAgent(home);
  traceId = hexId();
  sessionId = `session-${unique()}`;
  const now = new Date();
  await db().trace.create({ data: { traceId, agentId: agent.id, teamId: home.id, sessionId, startTime: now, endTime: now } });
  const decision = await db().guardDecision.create({
    data: { agentId: agent.id, teamId: home.id, sessionId, traceId, check: "action", verdict: "hold", status: "pending", latencyMs: 1 },
  });
  decisionId = decision.id;
  await savePolicy(system, agent.slug, "agent", { document: { scope: { agent: agent.slug }, tools: [{ tool: "orders.lookup" }] }, baseVersion: null });
});

describe("another team's object", () => {
  it("an agent: not found, read or paused, by slug or by id", async () => {
    await sameAsMissing((slug) => getAgent(outsider.viewer, slug), agent.slug, `missing-${unique()}`);
    await sameAsMissing((id) => getAgent(outsider.viewer, id), agent.id, randomUUID());
    await sameAsMissing((slug) => changeAgentStatus(outsider.operator, slug, "pause"), agent.slug, `missing-${unique()}`);
    expect((await db().agent.findUniqueOrThrow({ where: { id: agent.id } })).status).toBe("active");
  });

  it("a held decision: not found to a reviewer of another team, and still pending", async () => {
    await sameAsMissing((id) => decideDecision(outsider.reviewer, id, { verdict: "allow", note: "" }), decisionId, randomUUID());
    expect((await db().guardDecision.findUniqueOrThrow({ where: { id: decisionId } })).status).toBe("pending");
  });

  it("a trace, its guard decisions and its session: not found", async () => {
    await sameAsMissing((id) => getTrace(outsider.viewer, id), traceId, hexId());
    await sameAsMissing((id) => listTraceDecisions(outsider.viewer, id), traceId, hexId());
    await sameAsMissing((id) => getSession(outsider.viewer, id), sessionId, `missing-${unique()}`);
  });

  it("a policy: not found, read or written", async () => {
    await sameAsMissing((slug) => getPolicy(outsider.viewer, slug, "agent"), agent.slug, `missing-${unique()}`);
    await sameAsMissing((slug) => listPolicies(outsider.developer, slug), agent.slug, `missing-${unique()}`);
    const document = { scope: { agent: agent.slug }, tools: [] };
    await sameAsMissing((slug) => proposePolicy(outsider.developer, slug, { document, note: "cross-team" }), agent.slug, `missing-${unique()}`);
  });
});

describe("an object of the user's own team", () => {
  it("is readable by its members", async () => {
    expect((await getAgent(insider.viewer, agent.slug)).id).toBe(agent.id);
    expect((await getTrace(insider.viewer, traceId)).traceId).toBe(traceId);
    expect((await getPolicy(insider.viewer, agent.slug, "agent")).policy.version).toBe(1);
  });

  it("stays 403 when the role may not act on it", async () => {
    const pause = await appErrorOf(changeAgentStatus(insider.viewer, agent.slug, "pause"));
    expect({ status: pause.status, code: pause.code }).toEqual({ status: 403, code: "forbidden" });
    await expectAppError(decideDecision(insider.operator, decisionId, { verdict: "allow", note: "" }), "forbidden");
    await expectAppError(savePolicy(insider.viewer, agent.slug, "agent", { document: { scope: { agent: agent.slug }, tools: [] }, baseVersion: 1 }), "forbidden");
  });
});

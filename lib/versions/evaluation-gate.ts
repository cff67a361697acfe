import type { Tx } from "../db/client";
import type { Gate } from "./stage-rules";

// The evaluation gate's hook: whether a passed run of the agent's gating suite vouches for this exact
// version. Evaluation suites arrive with issue 13; until then no agent has a gating suite, so every
// canary and production deploy is an ungated one (an admin's, or a reviewer-approved request).
export async function evaluationGate(_tx: Tx, _agentId: string, _versionId: string): Promise<Gate> {
  return { kind: "none" };
}

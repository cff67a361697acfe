import type { Tx } from "../../db/client";
import { raiseAlert } from "../../alerts/raise-alert";

type FailedRun = {
  id: string;
  agentId: string;
  teamId: string;
  versionLabel: string;
  gating: boolean;
  threshold: number;
  passRate: number;
  passedItems: number;
  items: number;
  agent: { slug: string };
  suite: { id: string; name: string };
};

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

// A failed run is an evaluation alert: critical when it was the agent's gate (the version cannot be
// promoted), a warning otherwise. One open alert per suite and version: a re-run that fails again while
// it is open adds nothing.
export async function raiseRunFailedAlert(tx: Tx, run: FailedRun) {
  return raiseAlert(
    {
      kind: "evaluation",
      severity: run.gating ? "critical" : "warning",
      agentId: run.agentId,
      teamId: run.teamId,
      title: `${run.agent.slug}: ${run.versionLabel} failed suite "${run.suite.name}" — ${percent(run.passRate)} passed (${run.passedItems} of ${run.items}), needs ${percent(run.threshold)}`,
      metric: null,
      details: {
        runId: run.id,
        suiteId: run.suite.id,
        suite: run.suite.name,
        version: run.versionLabel,
        gating: run.gating,
        passRate: run.passRate,
        threshold: run.threshold,
        link: `/agents/${run.agent.slug}/evaluations/runs/${run.id}`,
      },
      dedupeKey: `evaluation:${run.id}`,
      openKey: `evaluation:${run.agentId}:${run.suite.id}:${run.versionLabel}`,
    },
    tx,
  );
}

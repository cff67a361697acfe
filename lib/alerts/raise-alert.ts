import type { Tx } from "../db/client";
import { transaction } from "../db/transaction";
import { emit } from "../events/emit";
import { alertRaised } from "./events";

export type AlertInput = {
  kind: "canary" | "drift" | "budget" | "evaluation";
  severity: "critical" | "warning" | "info";
  agentId: string | null;
  teamId: string;
  title: string;
  metric?: string | null;
  details?: Record<string, unknown>;
  // Names the occurrence: raising it again (another replica, a retry) changes nothing.
  dedupeKey: string;
  // Names the condition: while an alert with this key is open or acknowledged, raising another is a
  // no-op (one alert per ongoing problem). Defaults to kind + agent + metric when a metric is given;
  // null (no open-key dedupe) for one-off events such as a canary ended.
  openKey?: string | null;
};

export function defaultOpenKey(input: Pick<AlertInput, "kind" | "agentId" | "teamId" | "metric">): string | null {
  if (!input.metric) return null;
  return `${input.kind}:${input.agentId ?? `team:${input.teamId}`}:${input.metric}`;
}

// Returns the new alert's id, or null when the alert already existed (same dedupeKey) or one with the
// same open key is still open. Both are unique indexes: ON CONFLICT DO NOTHING holds across replicas.
export async function raiseAlert(input: AlertInput, tx?: Tx): Promise<string | null> {
  if (!tx) return transaction((opened) => raiseAlert(input, opened));
  const { openKey, ...fields } = input;
  const rows = await tx.alert.createManyAndReturn({
    data: [
      {
        ...fields,
        metric: input.metric ?? null,
        details: (input.details ?? undefined) as object | undefined,
        openKey: openKey === undefined ? defaultOpenKey(input) : openKey,
      },
    ],
    skipDuplicates: true,
    select: { id: true },
  });
  const created = rows[0];
  if (!created) return null;
  await emit(tx, alertRaised, { alertId: created.id, teamId: input.teamId, agentId: input.agentId, kind: input.kind, severity: input.severity });
  return created.id;
}

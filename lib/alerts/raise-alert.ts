import { db, type Tx } from "../db/client";

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
};

export async function raiseAlert(input: AlertInput, tx: Tx = db()): Promise<boolean> {
  const { count } = await tx.alert.createMany({
    data: [{ ...input, metric: input.metric ?? null, details: (input.details ?? undefined) as object | undefined }],
    skipDuplicates: true,
  });
  return count === 1;
}

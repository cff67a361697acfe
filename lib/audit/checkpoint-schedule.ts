import { db } from "../db/client";
import { processState } from "../cache/process-state";
import type { JobContext } from "../events/jobs";
import { loadAuditKey } from "./audit-key";
import { anchorFilePath, databaseLabel } from "./anchor-file";
import type { SignedCheckpoint } from "./checkpoint";
import { writeAuditCheckpoint, type CheckpointTarget } from "./write-checkpoint";

// While the server runs it anchors the audit chain's head every CONTROLROOM_AUDIT_CHECKPOINT_SECONDS
// (default 60) when the head moved, once at start and once more at shutdown (a job of
// lib/audit/subscriptions.ts). Entries newer than the last checkpoint are not anchored yet: the
// interval is how much of the newest history a database owner could remove without
// `npm run audit:verify` noticing.

const DEFAULT_SECONDS = 60;

type Schedule = { target: CheckpointTarget; last: SignedCheckpoint | null };
const state = processState<{ schedule?: Schedule }>("audit-checkpoints", () => ({}));

export function checkpointIntervalSeconds(log: (line: string) => void = () => {}): number {
  const raw = process.env.CONTROLROOM_AUDIT_CHECKPOINT_SECONDS?.trim();
  if (!raw) return DEFAULT_SECONDS;
  const seconds = Number(raw);
  if (Number.isInteger(seconds) && seconds >= 1 && seconds <= 86_400) return seconds;
  log(`CONTROLROOM_AUDIT_CHECKPOINT_SECONDS=${raw} is not a whole number of seconds from 1 to 86400: using ${DEFAULT_SECONDS}`);
  return DEFAULT_SECONDS;
}

function schedule(log: (line: string) => void): Schedule {
  if (state.schedule) return state.schedule;
  const key = loadAuditKey({ create: true })!;
  const target: CheckpointTarget = { key, database: databaseLabel(), anchorFile: anchorFilePath() };
  log(`audit checkpoints every ${checkpointIntervalSeconds(log)} s to ${target.anchorFile ?? "the database only (in-memory database)"}, signed with the key from ${key.source}`);
  return (state.schedule = { target, last: null });
}

// The job's run (never two at once: lib/events/jobs.ts). At shutdown, after in-flight requests have
// finished, it anchors everything they wrote and says up to where.
export async function anchorAuditHead({ when, log }: JobContext): Promise<SignedCheckpoint | null> {
  const current = schedule(log);
  current.last = (await writeAuditCheckpoint(db(), current.target, current.last)) ?? current.last;
  if (when === "stop" && current.last) log(`audit log anchored up to entry #${current.last.lastSeq} (${current.last.entries} entries)`);
  return current.last;
}

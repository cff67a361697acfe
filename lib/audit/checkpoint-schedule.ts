import { db } from "../db/client";
import { loadAuditKey } from "./audit-key";
import { anchorFilePath, databaseLabel } from "./anchor-file";
import type { SignedCheckpoint } from "./checkpoint";
import { writeAuditCheckpoint, type CheckpointTarget } from "./write-checkpoint";

// While the server runs it anchors the audit chain's head every CONTROLROOM_AUDIT_CHECKPOINT_SECONDS
// (default 60) when the head moved, once at start and once more at shutdown. Entries newer than the
// last checkpoint are not anchored yet: the interval is how much of the newest history a database
// owner could remove without `npm run audit:verify` noticing.

const DEFAULT_SECONDS = 60;

type Schedule = { target: CheckpointTarget; timer?: NodeJS.Timeout; last: SignedCheckpoint | null; running?: Promise<unknown>; log: (line: string) => void };

const globalForSchedule = globalThis as unknown as { controlRoomAuditCheckpoints?: Schedule };

export function checkpointIntervalSeconds(log: (line: string) => void = () => {}): number {
  const raw = process.env.CONTROLROOM_AUDIT_CHECKPOINT_SECONDS?.trim();
  if (!raw) return DEFAULT_SECONDS;
  const seconds = Number(raw);
  if (Number.isInteger(seconds) && seconds >= 1 && seconds <= 86_400) return seconds;
  log(`CONTROLROOM_AUDIT_CHECKPOINT_SECONDS=${raw} is not a whole number of seconds from 1 to 86400: using ${DEFAULT_SECONDS}`);
  return DEFAULT_SECONDS;
}

// One at a time: a slow write and the next tick (or the final checkpoint) never overlap.
function checkpointNow(schedule: Schedule): Promise<unknown> {
  const previous = schedule.running ?? Promise.resolve();
  const next = previous.then(async () => {
    try {
      schedule.last = (await writeAuditCheckpoint(db(), schedule.target, schedule.last)) ?? schedule.last;
    } catch (error) {
      schedule.log(`audit checkpoint failed: ${(error as Error).message}`);
    }
  });
  schedule.running = next;
  return next;
}

export async function startAuditCheckpoints(log: (line: string) => void): Promise<void> {
  if (globalForSchedule.controlRoomAuditCheckpoints) return;
  const key = loadAuditKey({ create: true })!;
  const target: CheckpointTarget = { key, database: databaseLabel(), anchorFile: anchorFilePath() };
  const schedule: Schedule = { target, last: null, log };
  globalForSchedule.controlRoomAuditCheckpoints = schedule;
  const seconds = checkpointIntervalSeconds(log);
  log(`audit checkpoints every ${seconds} s to ${target.anchorFile ?? "the database only (in-memory database)"}, signed with the key from ${key.source}`);
  await checkpointNow(schedule);
  schedule.timer = setInterval(() => void checkpointNow(schedule), seconds * 1000);
  schedule.timer.unref();
}

// At shutdown, after in-flight requests have finished: anchor everything they wrote.
export async function finalAuditCheckpoint(): Promise<SignedCheckpoint | null> {
  const schedule = globalForSchedule.controlRoomAuditCheckpoints;
  if (!schedule) return null;
  clearInterval(schedule.timer);
  await checkpointNow(schedule);
  return schedule.last;
}

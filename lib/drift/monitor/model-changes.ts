import type { TaskRecord } from "./records";

// A provider's silent model change: the model answering a version's calls moves from one dated snapshot
// to another (gen_ai.response.model "gpt-4o-2024-08-06" → "gpt-4o-2024-11-20") with no new version.
// Only dated snapshots of the same model count: a version that starts calling another model (an
// embedding model for a new tool) or a span that reports only the requested alias ("gpt-4o") is not a
// provider change.

export type ModelChangeRecord = { at: number; version: string | null; fromModel: string; toModel: string };
// Per version label ("" for tasks without one), the dated snapshots seen, by undated model name.
export type ModelsSeen = Record<string, Record<string, string>>;

const SNAPSHOT = /^(.*?)[-@_](\d{4}-\d{2}-\d{2}|\d{8})$/;

export function snapshotOf(model: string): { family: string; snapshot: string } | null {
  const match = SNAPSHOT.exec(model);
  return match ? { family: match[1], snapshot: match[2] } : null;
}

export function noteModels(seen: ModelsSeen, task: TaskRecord): ModelChangeRecord[] {
  const key = task.version ?? "";
  const snapshots = (seen[key] ??= {});
  const changes: ModelChangeRecord[] = [];
  for (const model of task.models) {
    const dated = snapshotOf(model);
    if (!dated) continue;
    const previous = snapshots[dated.family];
    // A newer snapshot replaces the one seen; an older one is a late task of before the change.
    if (previous === undefined) snapshots[dated.family] = model;
    else if (previous !== model && snapshotOf(previous)!.snapshot < dated.snapshot) {
      snapshots[dated.family] = model;
      changes.push({ at: task.startTime, version: task.version, fromModel: previous, toModel: model });
    }
  }
  return changes;
}

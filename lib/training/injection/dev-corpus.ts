// The development corpus (../shared/data/injection/dev.jsonl) and its deterministic
// train/validation split, shared by the training and evaluation scripts and the held-out tests.

import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";

export type CorpusRow = {
  id: string;
  text: string;
  label: "injection" | "benign";
  channel: "user" | "tool";
  origin: string;
};

export const DEFAULT_CORPUS_PATH = "../shared/data/injection/dev.jsonl";
export const SPLIT_SEED = "control-room-injection-v1";
const VALIDATION_SHARE = 0.2;

export function readCorpus(path: string): CorpusRow[] | null {
  if (!existsSync(path)) return null;
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as CorpusRow);
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The email an indirect row is built on, and the attack inserted into it (null for clean emails). */
export function toolRowParts(row: CorpusRow): { context: string; attack: string | null } {
  const [context, inserted] = row.origin.split("+");
  return { context, attack: inserted ? inserted.slice(inserted.indexOf("#") + 1) : null };
}

export type CorpusSplit = { train: CorpusRow[]; validation: CorpusRow[] };

/**
 * 80/20 split, seeded. User rows are stratified by label. Tool rows are split by group so that
 * validation measures unseen attacks and unseen emails: 20% of attacks (one per attack category
 * where possible) and 20% of email contexts go to validation; an attacked email is a validation row
 * when its attack is a validation attack, a training row when both its attack and its email are
 * training ones, and unused otherwise (its attack would be seen in training and its email not).
 */
export function splitCorpus(rows: CorpusRow[], seed = SPLIT_SEED): CorpusSplit {
  const order = (key: string) => sha256(`${seed}:${key}`);
  const pickShare = (keys: string[]) => {
    const sorted = [...new Set(keys)].sort((a, b) => order(a).localeCompare(order(b)));
    return new Set(sorted.slice(0, Math.round(sorted.length * VALIDATION_SHARE)));
  };

  const validationIds = new Set<string>();
  for (const label of ["injection", "benign"] as const) {
    const ids = rows.filter((row) => row.channel === "user" && row.label === label).map((row) => row.id);
    for (const id of pickShare(ids)) validationIds.add(id);
  }

  const toolRows = rows.filter((row) => row.channel === "tool");
  const validationContexts = pickShare(toolRows.map((row) => toolRowParts(row).context));
  const attacksByCategory = new Map<string, string[]>();
  for (const row of toolRows) {
    const { attack } = toolRowParts(row);
    if (!attack) continue;
    const category = attack.split("/")[0];
    attacksByCategory.set(category, [...(attacksByCategory.get(category) ?? []), attack]);
  }
  const validationAttacks = new Set<string>();
  for (const attacks of attacksByCategory.values()) for (const attack of pickShare(attacks)) validationAttacks.add(attack);

  const train: CorpusRow[] = [];
  const validation: CorpusRow[] = [];
  for (const row of rows) {
    if (row.channel === "user") {
      (validationIds.has(row.id) ? validation : train).push(row);
      continue;
    }
    const { context, attack } = toolRowParts(row);
    if (attack === null) (validationContexts.has(context) ? validation : train).push(row);
    else if (validationAttacks.has(attack)) validation.push(row);
    else if (!validationContexts.has(context)) train.push(row);
  }
  return { train, validation };
}

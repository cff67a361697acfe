// Builds the second injection training corpus (lib/training/injection/corpus/*.jsonl) from public,
// permissively licensed GitHub repositories and npm package READMEs. Deterministic: every choice is
// a sha256 of a fixed seed and a key. Needs the repositories fetched as bare git mirrors
// (INJECTION_MIRROR_DIR, default /work/.mirror/<owner>+<name>/repo); CI uses the committed jsonl.
// Usage: npm run corpus:injection   (prints the per-source counts table for corpus/README.md)

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

type Label = "injection" | "benign";
type Channel = "user" | "tool";
type Row = { id: string; text: string; label: Label; channel: Channel; origin: string; source: string };
type Draft = Omit<Row, "id" | "source"> & { truncated?: boolean };

const SEED = "injection-corpus-v2";
const MAX_CHARS = 4000;
const MIRROR_DIR = process.env.INJECTION_MIRROR_DIR ?? "/work/.mirror";
const OUT_DIR = "lib/training/injection/corpus";
const DEV_CORPUS = [process.env.INJECTION_DEV_CORPUS, "../shared/data/injection/dev.jsonl", "/work/shared/data/injection/dev.jsonl"]
  .filter((path): path is string => Boolean(path))
  .find((path) => existsSync(path));

// ---------- deterministic helpers ----------

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const rank = (key: string) => sha256(`${SEED}:${key}`);
/** A stable integer in [0, n) for key. */
const pick = (key: string, n: number) => parseInt(rank(key).slice(0, 12), 16) % n;
const seededOrder = <T>(items: T[], keyOf: (item: T) => string) =>
  [...items].sort((a, b) => rank(keyOf(a)).localeCompare(rank(keyOf(b))));
const normalise = (text: string) => text.replace(/\s+/g, " ").trim().toLowerCase();

// ---------- reading the mirrors ----------

const mirrorPath = (repo: string) => join(MIRROR_DIR, repo.replace("/", "+"), "repo");
const commits = new Map<string, string>();
function commitOf(repo: string): string {
  if (!commits.has(repo)) commits.set(repo, execFileSync("git", ["-C", mirrorPath(repo), "rev-parse", "HEAD"], { encoding: "utf8" }).trim());
  return commits.get(repo)!;
}
function show(repo: string, path: string): string {
  return execFileSync("git", ["-C", mirrorPath(repo), "show", `HEAD:${path}`], { encoding: "utf8", maxBuffer: 1 << 28 });
}
const jsonl = <T>(text: string) => text.split("\n").filter((line) => line.trim()).map((line) => JSON.parse(line) as T);
const ref = (repo: string, path: string) => `${repo}@${commitOf(repo)}:${path}`;

// ---------- capping at MAX_CHARS ----------

/** Head of text, cut at the last line or word break before the cap. */
function capHead(text: string): string {
  if (text.length <= MAX_CHARS) return text;
  const head = text.slice(0, MAX_CHARS);
  const cut = Math.max(head.lastIndexOf("\n"), head.lastIndexOf(" "));
  return (cut > MAX_CHARS / 2 ? head.slice(0, cut) : head).trimEnd();
}

/** Window of whole lines around the attack lines [first, last] that fits the cap (attack always whole). */
function capAround(lines: string[], first: number, last: number): string {
  let start = first;
  let end = last;
  let size = lines.slice(first, last + 1).join("\n").length;
  for (let grew = true; grew; ) {
    grew = false;
    for (const side of [-1, 1]) {
      const next = side < 0 ? start - 1 : end + 1;
      if (next < 0 || next >= lines.length || size + lines[next].length + 1 > MAX_CHARS) continue;
      size += lines[next].length + 1;
      if (side < 0) start = next;
      else end = next;
      grew = true;
    }
  }
  return lines.slice(start, end + 1).join("\n");
}

// ---------- inserting an attack into a document ----------

type Placement = "start" | "end" | "middle";
const placementCounts: Record<string, Record<Placement, number>> = {};

/**
 * The attack as its own line: at the start (20%), the end (20%) or a seeded line boundary inside
 * the document (rest), as in the development corpus. Long documents keep a window around the attack.
 */
function insertAttack(source: string, context: string, attack: string, key: string): string {
  const lines = context.replace(/\s+$/, "").split("\n");
  const roll = pick(`${key}:place`, 10);
  const placement: Placement = lines.length < 3 ? (roll < 5 ? "start" : "end") : roll < 2 ? "start" : roll < 4 ? "end" : "middle";
  const at = placement === "start" ? 0 : placement === "end" ? lines.length : 1 + pick(`${key}:line`, lines.length - 1);
  const attackLines = attack.trim().split("\n");
  const merged = [...lines.slice(0, at), ...attackLines, ...lines.slice(at)];
  (placementCounts[source] ??= { start: 0, end: 0, middle: 0 })[placement]++;
  return capAround(merged, at, at + attackLines.length - 1).trim();
}

// ---------- sources ----------

type SourceSpec = {
  name: string;
  title: string;
  build: () => Draft[];
};

const BIPIA = "microsoft/BIPIA";

/** BIPIA train attacks: { category: [attack, ...] } flattened to "category/n" keys. */
function bipiaAttacks(path: string): { key: string; text: string }[] {
  const byCategory = JSON.parse(show(BIPIA, path)) as Record<string, string[]>;
  return Object.entries(byCategory).flatMap(([category, attacks]) =>
    attacks.map((text, n) => ({ key: `${category}/${n}`, text })),
  );
}

/**
 * Clean contexts (benign) plus every train attack inserted into `perAttack` contexts (injection);
 * contexts for an attack are spread evenly over a seeded order of all contexts.
 */
function bipiaPart(contextPath: string, attackPath: string, contexts: { index: number; text: string }[], perAttack: number, cleanLimit: number, offset = 0): Draft[] {
  const drafts: Draft[] = [];
  const ordered = seededOrder(contexts, (context) => `${contextPath}#${context.index}`);
  for (const context of ordered.slice(0, cleanLimit)) {
    const text = context.text.trim();
    drafts.push({ text: capHead(text), truncated: text.length > MAX_CHARS, label: "benign", channel: "tool", origin: `${ref(BIPIA, contextPath)}#${context.index}` });
  }
  const attacks = bipiaAttacks(attackPath);
  attacks.forEach((attack, attackIndex) => {
    for (let copy = 0; copy < perAttack; copy++) {
      const context = ordered[(offset + attackIndex * perAttack + copy) % ordered.length];
      const key = `${contextPath}#${context.index}+${attack.key}`;
      drafts.push({
        text: insertAttack(contextPath, context.text, attack.text, key),
        truncated: context.text.length + attack.text.length + 1 > MAX_CHARS,
        label: "injection",
        channel: "tool",
        origin: `${ref(BIPIA, contextPath)}#${context.index}+${attackPath}#${attack.key}`,
      });
    }
  });
  return drafts;
}

const SOURCES: SourceSpec[] = [
  {
    name: "bipia-table-train",
    title: "BIPIA table train: WikiTableQuestions tables, clean and with a train text attack inserted",
    build: () => {
      const path = "benchmark/table/train.jsonl";
      const seen = new Set<string>();
      const contexts = jsonl<{ context: string }>(show(BIPIA, path))
        .map((row, index) => ({ index, text: row.context }))
        .filter((context) => !seen.has(context.text) && seen.add(context.text));
      return bipiaPart(path, "benchmark/text_attack_train.json", contexts, 5, 400);
    },
  },
  {
    name: "bipia-code-train",
    title: "BIPIA code train: Stack Overflow answers, clean and with a train code attack inserted",
    build: () => {
      const path = "benchmark/code/train.jsonl";
      const contexts = jsonl<{ context: string[] }>(show(BIPIA, path)).map((row, index) => ({ index, text: row.context.join("\n") }));
      return [
        ...bipiaPart(path, "benchmark/code_attack_train.json", contexts, 6, contexts.length),
        // Text attacks in code answers too: the held-out mixes attack kinds and document kinds.
        ...bipiaPart(path, "benchmark/text_attack_train.json", contexts, 1, 0, 17),
      ];
    },
  },
];

// ---------- assembling ----------

type Stats = { rows: Record<string, number>; truncated: Record<string, number>; duplicates: number; inDev: number };

function readDevTexts(): Set<string> {
  if (!DEV_CORPUS) throw new Error("dev.jsonl not found: set INJECTION_DEV_CORPUS");
  return new Set(jsonl<{ text: string }>(readFileSync(DEV_CORPUS, "utf8")).map((row) => normalise(row.text)));
}

function main() {
  const only = process.argv.slice(2);
  const devTexts = readDevTexts();
  const seen = new Set<string>();
  mkdirSync(OUT_DIR, { recursive: true });
  const table: string[] = ["| source | label | channel | rows | dropped dup. | dropped (in dev) | truncated |", "|---|---|---|---|---|---|---|"];
  for (const spec of SOURCES) {
    const drafts = spec.build();
    const stats: Stats = { rows: {}, truncated: {}, duplicates: 0, inDev: 0 };
    const rows: Row[] = [];
    for (const draft of drafts) {
      const text = draft.text.trim();
      const key = normalise(text);
      if (!key) continue;
      if (devTexts.has(key)) { stats.inDev++; continue; }
      if (seen.has(key)) { stats.duplicates++; continue; }
      seen.add(key);
      if (text.length > MAX_CHARS) throw new Error(`${draft.origin}: ${text.length} chars after capping`);
      const { label, channel, origin } = draft;
      rows.push({ id: `c2-${sha256(`${origin}\n${text}`).slice(0, 16)}`, text, label, channel, origin, source: spec.name });
      const group = `${label}/${channel}`;
      stats.rows[group] = (stats.rows[group] ?? 0) + 1;
      if (draft.truncated) stats.truncated[group] = (stats.truncated[group] ?? 0) + 1;
    }
    if (only.length === 0 || only.includes(spec.name)) {
      const ordered = seededOrder(rows, (row) => row.id);
      writeFileSync(join(OUT_DIR, `${spec.name}.jsonl`), ordered.map((row) => JSON.stringify(row)).join("\n") + "\n");
    }
    for (const [group, count] of Object.entries(stats.rows).sort()) {
      const [label, channel] = group.split("/");
      table.push(`| ${spec.name} | ${label} | ${channel} | ${count} | ${stats.duplicates} | ${stats.inDev} | ${stats.truncated[group] ?? 0} |`);
    }
  }
  console.log(table.join("\n"));
  console.log("\nattack placements:", JSON.stringify(placementCounts));
  console.log("commits:", JSON.stringify(Object.fromEntries(commits)));
}

main();

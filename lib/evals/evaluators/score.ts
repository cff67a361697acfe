import {
  compileJsonSchema,
  MAX_REGEX_INPUT_CHARS,
  type Evaluator,
  type EvaluatorType,
} from "./schemas";

// Scoring one dataset item's result with a suite's evaluators, and a run from its items' scores.
// Pure (the LLM judge is passed in). Scoring never throws: missing data, a judge that fails, or an
// evaluator that errors all become a failed score whose reason says what to fix.

export type ExpectedTool = string | { name: string; params?: Record<string, unknown> | null };

export interface EvalItem {
  input: unknown;
  expected?: { outcome?: string | null; output?: string | null; tools?: ExpectedTool[] | null } | null;
}

export interface ToolCall {
  name: string;
  params?: unknown;
}

export interface EvalResult {
  output?: string | null;
  outcome?: string | null;
  tools: ToolCall[];
  /** Counts of guard decisions on the run: denied and held actions. */
  guard: { denies: number; holds: number };
  costUsd?: number | null;
  latencyMs?: number | null;
  steps?: number | null;
}

export interface JudgeRequest {
  criteria: string;
  input: unknown;
  output: string;
  expected?: EvalItem["expected"];
}

export interface JudgeVerdict {
  /** 0–1 */
  score: number;
  reason: string;
}

/** Answers a judge request; throws (with a readable message) when it cannot. See ./llm-judge. */
export type Judge = (request: JudgeRequest) => Promise<JudgeVerdict>;

export interface EvaluatorScore {
  type: EvaluatorType;
  passed: boolean;
  /** 0–1; 1 or 0 for every evaluator but the LLM judge. */
  score: number;
  reason: string;
}

export interface ScoreOptions {
  judge?: Judge;
}

export const JUDGE_NOT_CONFIGURED =
  "LLM judge not configured: set CONTROLROOM_JUDGE_URL (an OpenAI-compatible base URL) and CONTROLROOM_JUDGE_MODEL";

export async function scoreItem(
  evaluators: readonly Evaluator[],
  item: EvalItem,
  result: EvalResult,
  options: ScoreOptions = {},
): Promise<EvaluatorScore[]> {
  return Promise.all(
    evaluators.map(async (evaluator) => {
      try {
        return await scoreOne(evaluator, item, result, options);
      } catch (error) {
        return fail(evaluator.type, `${evaluator.type} could not be evaluated: ${message(error)}`);
      }
    }),
  );
}

async function scoreOne(
  evaluator: Evaluator,
  item: EvalItem,
  result: EvalResult,
  options: ScoreOptions,
): Promise<EvaluatorScore> {
  const { type } = evaluator;
  const expected = item.expected ?? {};
  switch (evaluator.type) {
    case "outcome_match": {
      if (!present(expected.outcome)) return fail(type, "the item has no expected outcome: set expected.outcome");
      if (!present(result.outcome)) return fail(type, `expected outcome ${expected.outcome}, the run reported no outcome`);
      return result.outcome === expected.outcome
        ? pass(type, `outcome ${result.outcome} as expected`)
        : fail(type, `expected outcome ${expected.outcome}, got ${result.outcome}`);
    }

    case "output_contains": {
      const text = evaluator.text ?? expected.output;
      if (!present(text)) return fail(type, "no text to look for: set text on the evaluator or expected.output on the item");
      if (!present(result.output)) return fail(type, "the run reported no output");
      const haystack = evaluator.caseSensitive ? result.output : result.output.toLowerCase();
      const needle = evaluator.caseSensitive ? text : text.toLowerCase();
      const caseNote = evaluator.caseSensitive ? "" : " (ignoring case)";
      return haystack.includes(needle)
        ? pass(type, `output contains ${quote(text)}${caseNote}`)
        : fail(type, `output does not contain ${quote(text)}${caseNote}; output starts ${quote(result.output)}`);
    }

    case "output_exact": {
      const text = evaluator.text ?? expected.output;
      if (text === undefined || text === null) return fail(type, "nothing to compare with: set text on the evaluator or expected.output on the item");
      if (result.output === undefined || result.output === null) return fail(type, "the run reported no output");
      const a = evaluator.trim ? result.output.trim() : result.output;
      const b = evaluator.trim ? text.trim() : text;
      if (a === b) return pass(type, "output equals the expected text");
      const at = firstDifference(a, b);
      return fail(
        type,
        `output differs from the expected text at character ${at + 1}: expected ${quote(b.slice(at))}, got ${quote(a.slice(at))}`,
      );
    }

    case "output_regex": {
      if (!present(result.output)) return fail(type, "the run reported no output");
      // Regular expressions run on the server's event loop: a catastrophic pattern on a long output could
      // stall it. Outputs are bounded (100,000 characters) so that the cost of a bad pattern stays bounded too.
      if (result.output.length > MAX_REGEX_INPUT_CHARS)
        return fail(
          type,
          `output is ${result.output.length.toLocaleString("en-US")} characters; output_regex reads at most ${MAX_REGEX_INPUT_CHARS.toLocaleString("en-US")}`,
        );
      const regex = new RegExp(evaluator.pattern, evaluator.flags);
      const match = regex.exec(result.output);
      const shown = `/${evaluator.pattern}/${evaluator.flags ?? ""}`;
      return match
        ? pass(type, `output matches ${shown} (${quote(match[0])})`)
        : fail(type, `output does not match ${shown}; output starts ${quote(result.output)}`);
    }

    case "output_json_schema": {
      if (!present(result.output)) return fail(type, "the run reported no output");
      // A schema's `pattern`s are regular expressions too: the same bound on the output as output_regex.
      if (result.output.length > MAX_REGEX_INPUT_CHARS && usesPatterns(evaluator.schema))
        return fail(
          type,
          `output is ${result.output.length.toLocaleString("en-US")} characters; a schema with patterns reads at most ${MAX_REGEX_INPUT_CHARS.toLocaleString("en-US")}`,
        );
      let value: unknown;
      try {
        value = JSON.parse(result.output);
      } catch (error) {
        return fail(type, `output is not JSON (${message(error)}); output starts ${quote(result.output)}`);
      }
      const parsed = compileJsonSchema(evaluator.schema).safeParse(value);
      if (parsed.success) return pass(type, "output is JSON matching the schema");
      const issues = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.length ? issue.path.join(".") : "(root)"}: ${issue.message}`);
      const more = parsed.error.issues.length > 3 ? ` (and ${parsed.error.issues.length - 3} more)` : "";
      return fail(type, `output does not match the schema: ${issues.join("; ")}${more}`);
    }

    case "tool_called": {
      const wanted: { name: string; params?: Record<string, unknown> | null }[] = evaluator.name
        ? [{ name: evaluator.name, params: evaluator.params }]
        : (expected.tools ?? []).map((tool) => (typeof tool === "string" ? { name: tool } : tool));
      if (wanted.length === 0)
        return fail(type, "no tool to look for: set name on the evaluator or expected.tools on the item");
      const problems: string[] = [];
      for (const tool of wanted) {
        const calls = result.tools.filter((call) => call.name === tool.name);
        if (calls.length === 0) {
          const called = [...new Set(result.tools.map((call) => call.name))];
          problems.push(`tool ${tool.name} was not called (called: ${called.length ? called.join(", ") : "none"})`);
        } else if (tool.params && Object.keys(tool.params).length > 0 && !calls.some((call) => partialMatch(tool.params, call.params))) {
          problems.push(
            `tool ${tool.name} was called ${times(calls.length)}, never with ${short(tool.params)}; got ${short(calls[0].params ?? {})}`,
          );
        }
      }
      if (problems.length) return fail(type, problems.join("; "));
      const names = wanted.map((tool) => tool.name).join(", ");
      return pass(type, wanted.length === 1 ? `tool ${names} was called${wanted[0].params ? " with the expected parameters" : ""}` : `tools ${names} were called`);
    }

    case "tool_not_called": {
      const calls = result.tools.filter((call) => call.name === evaluator.name);
      return calls.length === 0
        ? pass(type, `tool ${evaluator.name} was not called`)
        : fail(type, `tool ${evaluator.name} was called ${times(calls.length)}`);
    }

    case "no_guard_deny": {
      const { denies, holds } = result.guard;
      const problems: string[] = [];
      if (denies > 0) problems.push(`the guard denied ${plural(denies, "action")}`);
      if (evaluator.includeHolds && holds > 0) problems.push(`the guard held ${plural(holds, "action")} for approval`);
      if (problems.length) return fail(type, problems.join(" and "));
      return pass(type, evaluator.includeHolds ? "no action was denied or held" : "no action was denied");
    }

    case "max_cost_usd": {
      if (!finite(result.costUsd)) return fail(type, "the run reported no cost");
      const cost = `$${formatUsd(result.costUsd)}`;
      return result.costUsd <= evaluator.max
        ? pass(type, `cost ${cost} ≤ $${formatUsd(evaluator.max)}`)
        : fail(type, `cost ${cost} exceeds the maximum $${formatUsd(evaluator.max)}`);
    }

    case "max_latency_ms": {
      if (!finite(result.latencyMs)) return fail(type, "the run reported no latency");
      return result.latencyMs <= evaluator.max
        ? pass(type, `latency ${Math.round(result.latencyMs)} ms ≤ ${evaluator.max} ms`)
        : fail(type, `latency ${Math.round(result.latencyMs)} ms exceeds the maximum ${evaluator.max} ms`);
    }

    case "max_steps": {
      if (!finite(result.steps)) return fail(type, "the run reported no step count");
      return result.steps <= evaluator.max
        ? pass(type, `${plural(result.steps, "step")} ≤ ${evaluator.max}`)
        : fail(type, `${plural(result.steps, "step")} exceeds the maximum ${evaluator.max}`);
    }

    case "llm_judge": {
      if (!options.judge) return fail(type, JUDGE_NOT_CONFIGURED);
      if (!present(result.output)) return fail(type, "the run reported no output to judge");
      let verdict: JudgeVerdict;
      try {
        verdict = await options.judge({ criteria: evaluator.criteria, input: item.input, output: result.output, expected: item.expected });
      } catch (error) {
        return fail(type, `LLM judge failed: ${message(error)}`);
      }
      if (typeof verdict?.score !== "number" || !Number.isFinite(verdict.score))
        return fail(type, `LLM judge failed: it gave no numeric score (${short(verdict?.score)})`);
      const score = Math.min(1, Math.max(0, verdict.score));
      const passed = score >= evaluator.passScore;
      const because = verdict.reason ? `: ${verdict.reason}` : "";
      return {
        type,
        passed,
        score,
        reason: `judge scored ${score.toFixed(2)} (${passed ? "≥" : "<"} ${evaluator.passScore})${because}`,
      };
    }
  }
}

export interface RunAggregate {
  /** Share of items whose evaluators all passed (items without a result count as failed). */
  passRate: number;
  /** Per evaluator type: share of items on which every evaluator of that type passed. */
  scores: Partial<Record<EvaluatorType, number>>;
  passed: boolean;
  items: number;
  passedItems: number;
}

/**
 * A run's result from its items' scores. `null`/`undefined` stands for an item without a result: it fails,
 * for the run and for every evaluator type. `types` lists the suite's evaluator types (defaults to the types
 * seen in the scores) so that a run where no item reported still shows a 0 per type.
 * A run with no items does not pass.
 */
export function aggregateRun(
  itemScores: readonly (readonly EvaluatorScore[] | null | undefined)[],
  threshold: number | { passRate: number },
  types?: readonly EvaluatorType[],
): RunAggregate {
  const minimum = typeof threshold === "number" ? threshold : threshold.passRate;
  const allTypes = [...new Set(types ?? itemScores.flatMap((scores) => (scores ?? []).map((score) => score.type)))];
  const items = itemScores.length;
  let passedItems = 0;
  const passedByType = new Map<EvaluatorType, number>(allTypes.map((type) => [type, 0]));
  for (const scores of itemScores) {
    if (!scores) continue;
    if (scores.every((score) => score.passed)) passedItems++;
    for (const type of allTypes) {
      const ofType = scores.filter((score) => score.type === type);
      if (ofType.length > 0 && ofType.every((score) => score.passed)) passedByType.set(type, (passedByType.get(type) ?? 0) + 1);
    }
  }
  const passRate = items === 0 ? 0 : passedItems / items;
  const scores: Partial<Record<EvaluatorType, number>> = {};
  for (const type of allTypes) scores[type] = items === 0 ? 0 : (passedByType.get(type) ?? 0) / items;
  return { passRate, scores, passed: items > 0 && passRate >= minimum, items, passedItems };
}

// --- helpers

/** Whether a JSON Schema document uses `pattern` or `patternProperties` anywhere. */
function usesPatterns(schema: unknown, depth = 0): boolean {
  if (depth > 64 || typeof schema !== "object" || schema === null) return false;
  if (Array.isArray(schema)) return schema.some((entry) => usesPatterns(entry, depth + 1));
  return Object.entries(schema).some(
    ([key, value]) => (key === "pattern" && typeof value === "string") || key === "patternProperties" || usesPatterns(value, depth + 1),
  );
}

function pass(type: EvaluatorType, reason: string): EvaluatorScore {
  return { type, passed: true, score: 1, reason };
}

function fail(type: EvaluatorType, reason: string): EvaluatorScore {
  return { type, passed: false, score: 0, reason };
}

function present(value: string | null | undefined): value is string {
  return typeof value === "string" && value.length > 0;
}

function finite(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A quoted excerpt short enough for a reason line. */
export function quote(text: string, limit = 80): string {
  const oneLine = text.replace(/\s+/g, " ");
  return JSON.stringify(oneLine.length > limit ? `${oneLine.slice(0, limit)}…` : oneLine);
}

function short(value: unknown, limit = 120): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

function times(n: number): string {
  return n === 1 ? "once" : `${n} times`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function formatUsd(value: number): string {
  return value >= 1 ? value.toFixed(2) : value.toPrecision(2).replace(/0+$/, "").replace(/\.$/, "");
}

function firstDifference(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

/**
 * Whether `actual` contains `expected`: every key of an expected object must be in the actual object with a
 * matching value (objects recursively, so nested keys may be left out); arrays and scalars must be equal.
 */
export function partialMatch(expected: unknown, actual: unknown): boolean {
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return false;
    return Object.entries(expected).every(([key, value]) => key in actual && partialMatch(value, actual[key]));
  }
  return deepEqual(expected, actual);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((value, i) => deepEqual(value, b[i]));
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && deepEqual(a[key], b[key]));
  }
  return false;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

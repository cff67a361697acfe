import { describe, expect, it } from "vitest";
import { evaluatorSchema, MAX_REGEX_INPUT_CHARS, type EvaluatorInput } from "./schemas";
import { aggregateRun, JUDGE_NOT_CONFIGURED, partialMatch, scoreItem, type EvalItem, type EvalResult, type EvaluatorScore, type Judge } from "./score";

const item: EvalItem = {
  input: "Claim 123: windshield, $400",
  expected: { outcome: "rejected", output: "Claim rejected: windshield damage is not covered", tools: ["policy.lookup"] },
};

function result(overrides: Partial<EvalResult> = {}): EvalResult {
  return {
    output: "Claim rejected: windshield damage is not covered.",
    outcome: "rejected",
    tools: [
      { name: "policy.lookup", params: { policy: "P-9", section: { id: "glass", page: 4 } } },
      { name: "claim.reject", params: { claim: 123, reason: "not covered" } },
    ],
    guard: { denies: 0, holds: 0 },
    costUsd: 0.012,
    latencyMs: 1840,
    steps: 4,
    ...overrides,
  };
}

async function score(settings: EvaluatorInput, res: EvalResult = result(), it: EvalItem = item, judge?: Judge): Promise<EvaluatorScore> {
  const [only] = await scoreItem([evaluatorSchema.parse(settings)], it, res, { judge });
  return only;
}

function passes(s: EvaluatorScore) {
  expect(s.passed, s.reason).toBe(true);
  expect(s.score).toBe(1);
}

function fails(s: EvaluatorScore, reason: string | RegExp) {
  expect(s.passed).toBe(false);
  expect(s.score).toBe(0);
  if (typeof reason === "string") expect(s.reason).toBe(reason);
  else expect(s.reason).toMatch(reason);
}

describe("outcome_match", () => {
  it("passes on the expected outcome, fails on another, says which", async () => {
    passes(await score({ type: "outcome_match" }));
    fails(await score({ type: "outcome_match" }, result({ outcome: "approved" })), "expected outcome rejected, got approved");
  });
  it("fails clearly on missing data", async () => {
    fails(await score({ type: "outcome_match" }, result({ outcome: null })), "expected outcome rejected, the run reported no outcome");
    fails(await score({ type: "outcome_match" }, result(), { input: "x" }), "the item has no expected outcome: set expected.outcome");
  });
});

describe("output_contains", () => {
  it("looks for the given text, case-sensitively by default", async () => {
    passes(await score({ type: "output_contains", text: "not covered" }));
    fails(await score({ type: "output_contains", text: "NOT COVERED" }), /^output does not contain "NOT COVERED"; output starts "Claim rejected/);
    passes(await score({ type: "output_contains", text: "NOT COVERED", caseSensitive: false }));
  });
  it("uses the item's expected output when text is omitted", async () => {
    passes(await score({ type: "output_contains" }));
    fails(await score({ type: "output_contains" }, result({ output: "Approved." })), /^output does not contain "Claim rejected: windshield/);
  });
  it("fails clearly on missing data", async () => {
    fails(await score({ type: "output_contains" }, result(), { input: "x" }), "no text to look for: set text on the evaluator or expected.output on the item");
    fails(await score({ type: "output_contains", text: "a" }, result({ output: null })), "the run reported no output");
  });
});

describe("output_exact", () => {
  it("compares with the expected output, ignoring surrounding whitespace by default", async () => {
    passes(await score({ type: "output_exact", text: "ok" }, result({ output: "  ok\n" })));
    fails(await score({ type: "output_exact", text: "ok", trim: false }, result({ output: "ok\n" })), /^output differs from the expected text at character 3/);
  });
  it("shows where the output differs", async () => {
    fails(
      await score({ type: "output_exact" }),
      'output differs from the expected text at character 49: expected "", got "."',
    );
    fails(await score({ type: "output_exact" }, result({ output: undefined })), "the run reported no output");
  });
});

describe("output_regex", () => {
  it("passes on a match and shows the matched text", async () => {
    passes(await score({ type: "output_regex", pattern: "claim (rejected|approved)", flags: "i" }));
    expect((await score({ type: "output_regex", pattern: "rejected" })).reason).toBe('output matches /rejected/ ("rejected")');
  });
  it("fails without a match or without an output", async () => {
    fails(await score({ type: "output_regex", pattern: "^Approved" }), /^output does not match \/\^Approved\/; output starts "Claim/);
    fails(await score({ type: "output_regex", pattern: "x" }, result({ output: null })), "the run reported no output");
  });
  it("does not read outputs longer than the bound", async () => {
    const long = "a".repeat(MAX_REGEX_INPUT_CHARS + 1);
    fails(await score({ type: "output_regex", pattern: "a" }, result({ output: long })), "output is 100,001 characters; output_regex reads at most 100,000");
    passes(await score({ type: "output_regex", pattern: "a$" }, result({ output: long.slice(1) })));
  });
});

describe("output_json_schema", () => {
  const schema = {
    type: "object",
    properties: { decision: { enum: ["approve", "reject"] }, amount: { type: "number", minimum: 0 } },
    required: ["decision", "amount"],
  };
  it("passes on JSON matching the schema", async () => {
    passes(await score({ type: "output_json_schema", schema }, result({ output: '{"decision":"reject","amount":0}' })));
  });
  it("names the fields that do not match", async () => {
    fails(
      await score({ type: "output_json_schema", schema }, result({ output: '{"decision":"maybe"}' })),
      /^output does not match the schema: decision: Invalid option.*; amount: Required$/,
    );
  });
  it("bounds the output only when the schema has patterns", async () => {
    const big = JSON.stringify({ decision: "reject", amount: 1, note: "x".repeat(MAX_REGEX_INPUT_CHARS) });
    passes(await score({ type: "output_json_schema", schema }, result({ output: big })));
    const withPattern = { ...schema, properties: { ...schema.properties, note: { type: "string", pattern: "^x+$" } } };
    fails(
      await score({ type: "output_json_schema", schema: withPattern }, result({ output: big })),
      /^output is 100,04\d characters; a schema with patterns reads at most 100,000$/,
    );
    passes(await score({ type: "output_json_schema", schema: withPattern }, result({ output: '{"decision":"reject","amount":1,"note":"xx"}' })));
    fails(
      await score({ type: "output_json_schema", schema: withPattern }, result({ output: '{"decision":"reject","amount":1,"note":"xy"}' })),
      /^output does not match the schema: note: /,
    );
  });
  it("fails on output that is not JSON, or no output", async () => {
    fails(await score({ type: "output_json_schema", schema }), /^output is not JSON \(.*\); output starts "Claim rejected/);
    fails(await score({ type: "output_json_schema", schema }, result({ output: "" })), "the run reported no output");
  });
});

describe("tool_called", () => {
  it("passes when the tool was called", async () => {
    passes(await score({ type: "tool_called", name: "claim.reject" }));
    expect((await score({ type: "tool_called", name: "claim.reject" })).reason).toBe("tool claim.reject was called");
  });
  it("fails when it was not, listing what was called", async () => {
    fails(await score({ type: "tool_called", name: "claim.approve" }), "tool claim.approve was not called (called: policy.lookup, claim.reject)");
    fails(await score({ type: "tool_called", name: "claim.approve" }, result({ tools: [] })), "tool claim.approve was not called (called: none)");
  });
  it("matches parameters partially, nested objects too", async () => {
    passes(await score({ type: "tool_called", name: "claim.reject", params: { claim: 123 } }));
    passes(await score({ type: "tool_called", name: "policy.lookup", params: { section: { id: "glass" } } }));
    fails(
      await score({ type: "tool_called", name: "claim.reject", params: { claim: 999 } }),
      'tool claim.reject was called once, never with {"claim":999}; got {"claim":123,"reason":"not covered"}',
    );
  });
  it("checks the item's expected tools when no name is given", async () => {
    passes(await score({ type: "tool_called" }));
    const wantsTwo: EvalItem = { input: "x", expected: { tools: ["policy.lookup", { name: "claim.approve", params: { claim: 123 } }] } };
    fails(await score({ type: "tool_called" }, result(), wantsTwo), "tool claim.approve was not called (called: policy.lookup, claim.reject)");
    fails(await score({ type: "tool_called" }, result(), { input: "x" }), "no tool to look for: set name on the evaluator or expected.tools on the item");
  });
});

describe("tool_not_called", () => {
  it("passes when absent, fails with the count when called", async () => {
    passes(await score({ type: "tool_not_called", name: "claim.approve" }));
    fails(await score({ type: "tool_not_called", name: "claim.reject" }), "tool claim.reject was called once");
    const twice = result({ tools: [{ name: "claim.approve" }, { name: "claim.approve" }] });
    fails(await score({ type: "tool_not_called", name: "claim.approve" }, twice), "tool claim.approve was called 2 times");
  });
});

describe("no_guard_deny", () => {
  it("fails on a deny; holds only when asked", async () => {
    passes(await score({ type: "no_guard_deny" }));
    fails(await score({ type: "no_guard_deny" }, result({ guard: { denies: 2, holds: 0 } })), "the guard denied 2 actions");
    passes(await score({ type: "no_guard_deny" }, result({ guard: { denies: 0, holds: 1 } })));
    fails(await score({ type: "no_guard_deny", includeHolds: true }, result({ guard: { denies: 1, holds: 1 } })), "the guard denied 1 action and the guard held 1 action for approval");
  });
});

describe("bounds", () => {
  it("max_cost_usd", async () => {
    passes(await score({ type: "max_cost_usd", max: 0.05 }));
    passes(await score({ type: "max_cost_usd", max: 0.012 }));
    fails(await score({ type: "max_cost_usd", max: 0.01 }), "cost $0.012 exceeds the maximum $0.01");
    fails(await score({ type: "max_cost_usd", max: 1 }, result({ costUsd: null })), "the run reported no cost");
  });
  it("max_latency_ms", async () => {
    passes(await score({ type: "max_latency_ms", max: 2000 }));
    fails(await score({ type: "max_latency_ms", max: 1000 }), "latency 1840 ms exceeds the maximum 1000 ms");
    fails(await score({ type: "max_latency_ms", max: 1000 }, result({ latencyMs: undefined })), "the run reported no latency");
  });
  it("max_steps", async () => {
    passes(await score({ type: "max_steps", max: 4 }));
    fails(await score({ type: "max_steps", max: 3 }), "4 steps exceeds the maximum 3");
    fails(await score({ type: "max_steps", max: 3 }, result({ steps: Number.NaN })), "the run reported no step count");
  });
});

describe("llm_judge", () => {
  const judgeSays = (score: number, reason = "fine"): Judge => async () => ({ score, reason });

  it("passes when the score reaches passScore (default 0.7)", async () => {
    const s = await score({ type: "llm_judge", criteria: "polite" }, result(), item, judgeSays(0.7, "polite and precise"));
    expect(s).toEqual({ type: "llm_judge", passed: true, score: 0.7, reason: "judge scored 0.70 (≥ 0.7): polite and precise" });
  });
  it("fails below passScore, keeping the judge's score", async () => {
    const s = await score({ type: "llm_judge", criteria: "polite", passScore: 0.9 }, result(), item, judgeSays(0.8, "curt"));
    expect(s).toEqual({ type: "llm_judge", passed: false, score: 0.8, reason: "judge scored 0.80 (< 0.9): curt" });
  });
  it("sends criteria, input, expected and output to the judge", async () => {
    let seen: unknown;
    await score({ type: "llm_judge", criteria: "polite" }, result(), item, async (request) => {
      seen = request;
      return { score: 1, reason: "" };
    });
    expect(seen).toEqual({ criteria: "polite", input: item.input, expected: item.expected, output: result().output });
  });
  it("fails with a clear reason when not configured, without output, or when the judge fails", async () => {
    fails(await score({ type: "llm_judge", criteria: "polite" }), JUDGE_NOT_CONFIGURED);
    expect(JUDGE_NOT_CONFIGURED).toMatch(/^LLM judge not configured: set CONTROLROOM_JUDGE_URL/);
    fails(await score({ type: "llm_judge", criteria: "polite" }, result({ output: null }), item, judgeSays(1)), "the run reported no output to judge");
    const broken: Judge = async () => {
      throw new Error("no answer within 30 s");
    };
    fails(await score({ type: "llm_judge", criteria: "polite" }, result(), item, broken), "LLM judge failed: no answer within 30 s");
    const nonsense = (async () => ({ score: Number.NaN, reason: "" })) as Judge;
    fails(await score({ type: "llm_judge", criteria: "polite" }, result(), item, nonsense), "LLM judge failed: it gave no numeric score (null)");
  });
});

describe("scoreItem", () => {
  it("scores every evaluator in order and never throws", async () => {
    const evaluators = [
      { type: "outcome_match" },
      { type: "tool_not_called", name: "claim.approve" },
      { type: "max_steps", max: 2 },
    ].map((e) => evaluatorSchema.parse(e));
    const scores = await scoreItem(evaluators, item, result());
    expect(scores.map((s) => [s.type, s.passed])).toEqual([
      ["outcome_match", true],
      ["tool_not_called", true],
      ["max_steps", false],
    ]);
    // A malformed result (tools missing) becomes a failed score, not an exception.
    const malformed = { ...result(), tools: undefined } as unknown as EvalResult;
    const [s] = await scoreItem([evaluatorSchema.parse({ type: "tool_called", name: "x" })], item, malformed);
    expect(s.passed).toBe(false);
    expect(s.reason).toMatch(/^tool_called could not be evaluated: /);
  });
});

describe("partialMatch", () => {
  it("requires every expected key with an equal value; arrays and scalars exactly", () => {
    expect(partialMatch({ a: 1 }, { a: 1, b: 2 })).toBe(true);
    expect(partialMatch({ a: { b: 1 } }, { a: { b: 1, c: 2 } })).toBe(true);
    expect(partialMatch({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
    expect(partialMatch({ a: [{ x: 1 }] }, { a: [{ x: 1 }] })).toBe(true);
    expect(partialMatch({ a: undefined }, {})).toBe(false);
    expect(partialMatch({ a: 1 }, null)).toBe(false);
    expect(partialMatch({ a: "1" }, { a: 1 })).toBe(false);
  });
});

describe("aggregateRun", () => {
  const ok = (type: EvaluatorScore["type"]): EvaluatorScore => ({ type, passed: true, score: 1, reason: "" });
  const no = (type: EvaluatorScore["type"]): EvaluatorScore => ({ type, passed: false, score: 0, reason: "" });

  it("passes an item only when all its evaluators pass; rates per type", () => {
    const run = aggregateRun(
      [
        [ok("outcome_match"), ok("max_steps")],
        [ok("outcome_match"), no("max_steps")],
        [no("outcome_match"), ok("max_steps")],
        [ok("outcome_match"), ok("max_steps")],
      ],
      { passRate: 0.5 },
    );
    expect(run).toEqual({ passRate: 0.5, scores: { outcome_match: 0.75, max_steps: 0.75 }, passed: true, items: 4, passedItems: 2 });
    expect(aggregateRun([[ok("outcome_match")], [no("outcome_match")]], 0.51).passed).toBe(false);
  });

  it("counts items without a result as failed, for the run and every type", () => {
    const run = aggregateRun([[ok("outcome_match")], null, undefined, [ok("outcome_match")]], 0.5);
    expect(run.passRate).toBe(0.5);
    expect(run.scores).toEqual({ outcome_match: 0.5 });
    const none = aggregateRun([null, null], 0, ["outcome_match", "llm_judge"]);
    expect(none).toMatchObject({ passRate: 0, scores: { outcome_match: 0, llm_judge: 0 }, passed: true });
  });

  it("an item fails a type when any evaluator of that type fails", () => {
    const run = aggregateRun([[ok("tool_called"), no("tool_called")]], 1);
    expect(run.scores).toEqual({ tool_called: 0 });
    expect(run.passed).toBe(false);
  });

  it("does not pass a run without items", () => {
    expect(aggregateRun([], 0)).toEqual({ passRate: 0, scores: {}, passed: false, items: 0, passedItems: 0 });
  });
});

import { cutText } from "../text/cut-text";
import type { Condition } from "./document-schema";

// Conditions are compiled once per policy into closures, so a decision does no parsing, no regex
// construction and no allocation beyond the values it reads.

export type ActionParams = Record<string, unknown>;
export type PolicyAction = { tool: string; params?: ActionParams; amount?: unknown; resource?: string };

type Scalar = string | number | boolean;

export type CompiledCondition = {
  condition: Condition;
  // The values the action carries for the condition's parameter ([] when it has none).
  read: (action: PolicyAction) => unknown[];
  // Whether one value satisfies the condition; undefined when it cannot be judged (wrong type).
  test: (value: unknown) => boolean | undefined;
  // "amount lte 500 (at most 500)", for reason messages.
  summary: string;
};

const opWords: Record<Condition["op"], string> = {
  lte: "at most",
  lt: "less than",
  gte: "at least",
  gt: "more than",
  eq: "equal to",
  neq: "other than",
  in: "one of",
  notIn: "none of",
  matches: "matching",
};

// Agents in any language send numbers as strings now and then ("250.00"); compare them as numbers.
const toNumber = (value: unknown): number | undefined => {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && value.trim() !== "") {
    const number = Number(value);
    return Number.isFinite(number) ? number : undefined;
  }
  return undefined;
};

const isScalar = (value: unknown): value is Scalar => typeof value === "string" || typeof value === "number" || typeof value === "boolean";

// Typed keys keep "1" and 1 and true apart in a Set while still letting "250" meet 250.
const scalarKeys = (value: Scalar): string[] => {
  if (typeof value !== "string") return [`${typeof value}:${value}`];
  const number = toNumber(value);
  return number === undefined ? [`string:${value}`] : [`string:${value}`, `number:${number}`];
};

const sameScalar = (expected: Scalar, actual: unknown) => {
  if (!isScalar(actual)) return undefined;
  if (typeof expected === "number") return toNumber(actual) === expected;
  return actual === expected;
};

export function formatValue(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : Array.isArray(value) ? `[${value.map(formatValue).join(", ")}]` : String(JSON.stringify(value) ?? value);
  // Parameters may hold personal data; a message needs only enough to recognise the value.
  return text.length > 60 ? `${cutText(text, 57)}…` : text;
}

function compileTest(condition: Condition): CompiledCondition["test"] {
  switch (condition.op) {
    case "lte":
    case "lt":
    case "gte":
    case "gt": {
      const limit = condition.value;
      const compare = { lte: (n: number) => n <= limit, lt: (n: number) => n < limit, gte: (n: number) => n >= limit, gt: (n: number) => n > limit }[condition.op];
      return (value) => {
        const number = toNumber(value);
        return number === undefined ? undefined : compare(number);
      };
    }
    case "eq":
      return (value) => sameScalar(condition.value, value);
    case "neq":
      return (value) => {
        const same = sameScalar(condition.value, value);
        return same === undefined ? undefined : !same;
      };
    case "in":
    case "notIn": {
      const members = new Set(condition.value.flatMap(scalarKeys));
      const wanted = condition.op === "in";
      return (value) => (isScalar(value) ? scalarKeys(value).some((key) => members.has(key)) === wanted : undefined);
    }
    case "matches": {
      const pattern = new RegExp(condition.value);
      return (value) => (isScalar(value) ? pattern.test(String(value)) : undefined);
    }
  }
}

const pushValue = (values: unknown[], value: unknown) => {
  if (value === undefined || value === null) return;
  // A list parameter (recipients, line items) satisfies a condition only if every element does.
  if (Array.isArray(value)) values.push(...value.filter((item) => item !== undefined && item !== null));
  else values.push(value);
};

function compileRead(param: string): CompiledCondition["read"] {
  const path = param.split(".");
  const readParams = (params: ActionParams | undefined) => {
    if (!params) return undefined;
    if (Object.hasOwn(params, param)) return params[param];
    let current: unknown = params;
    for (const key of path) {
      if (typeof current !== "object" || current === null || !Object.hasOwn(current, key)) return undefined;
      current = (current as Record<string, unknown>)[key];
    }
    return current;
  };
  if (param === "amount") {
    // The amount may come top-level or in params; when both come, both must pass (an agent must not
    // show the guard one amount and the tool another).
    return (action) => {
      const values: unknown[] = [];
      pushValue(values, action.amount);
      pushValue(values, readParams(action.params));
      return values;
    };
  }
  return (action) => {
    const values: unknown[] = [];
    pushValue(values, readParams(action.params));
    return values;
  };
}

export function compileCondition(condition: Condition): CompiledCondition {
  const value = formatValue(condition.value);
  return {
    condition,
    read: compileRead(condition.param),
    test: compileTest(condition),
    summary: `${condition.param} ${condition.op} ${value} (${opWords[condition.op]} ${value})`,
  };
}

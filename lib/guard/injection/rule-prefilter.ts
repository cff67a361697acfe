// A cheap necessary condition for a rule to match, so that matchRules runs only the regexes that
// can match. Each rule's regex source is reduced to the literal strings any match must contain (an
// AND/OR tree, as RE2's prefilter does), and a literal can only be in a text whose set of character
// trigrams holds all of the literal's trigrams. The condition never rejects a text the regex matches:
// a skipped rule is one that would not have matched. Syntax the reducer does not know makes the rule
// unconditional (always run).

/** true: no constraint; a string: that literal occurs; and/or: of sub-conditions. */
type Condition = true | string | { and: Condition[] } | { or: Condition[] };

/** A node's literal strings when they are few and exact (the node matches exactly one of them), else its condition. */
type Info = { exact: string[] } | { condition: Condition };

const MAX_EXACT = 64;

const orOf = (conditions: Condition[]): Condition => (conditions.some((c) => c === true) ? true : conditions.length === 1 ? conditions[0] : { or: conditions });
function andOf(conditions: Condition[]): Condition {
  const kept = conditions.filter((c) => c !== true);
  return kept.length === 0 ? true : kept.length === 1 ? kept[0] : { and: kept };
}
// A literal shorter than a trigram cannot be checked: it may always be present.
const conditionOf = (info: Info): Condition => ("exact" in info ? orOf(info.exact.map((text) => (text.length < 3 ? true : text))) : info.condition);

function concat(a: Info, b: Info): Info {
  if ("exact" in a && "exact" in b && a.exact.length * b.exact.length <= MAX_EXACT) {
    return { exact: [...new Set(a.exact.flatMap((x) => b.exact.map((y) => x + y)))] };
  }
  return { condition: andOf([conditionOf(a), conditionOf(b)]) };
}

function alternate(options: Info[]): Info {
  if (options.every((o) => "exact" in o)) {
    const union = [...new Set(options.flatMap((o) => (o as { exact: string[] }).exact))];
    if (union.length <= MAX_EXACT) return { exact: union };
  }
  return { condition: orOf(options.map(conditionOf)) };
}

class Unsupported extends Error {}

const ANY: Info = { condition: true };
const EMPTY: Info = { exact: [""] };

/** Reduces a (non-unicode, case-sensitive) regex source; throws Unsupported on syntax it does not know. */
function reduce(source: string): Info {
  let at = 0;
  const alternation = (): Info => {
    const options = [sequence()];
    while (source[at] === "|") {
      at++;
      options.push(sequence());
    }
    return alternate(options);
  };
  // Literal runs are concatenated exactly; a non-literal part ends the run, which becomes a condition.
  const sequence = (): Info => {
    const parts: Condition[] = [];
    let run: Info = EMPTY;
    while (at < source.length && source[at] !== "|" && source[at] !== ")") {
      const next = quantified(atom());
      const joined = concat(run, next);
      if ("exact" in joined) run = joined;
      else {
        parts.push(conditionOf(run));
        if ("exact" in next) run = next;
        else {
          parts.push(next.condition);
          run = EMPTY;
        }
      }
    }
    return parts.length === 0 ? run : { condition: andOf([...parts, conditionOf(run)]) };
  };
  const quantified = (inner: Info): Info => {
    let min = 1;
    let max = 1;
    const ch = source[at];
    const counted = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
    if (ch === "?" || ch === "*" || ch === "+") {
      at++;
      [min, max] = ch === "?" ? [0, 1] : ch === "*" ? [0, Infinity] : [1, Infinity];
    } else if (counted) {
      at += counted[0].length;
      min = Number(counted[1]);
      max = counted[2] === undefined ? min : counted[3] === "" ? Infinity : Number(counted[3]);
    } else return inner;
    if (source[at] === "?") at++; // lazy: the same strings can match
    if (min === 1 && max === 1) return inner;
    if (min === 0 && max === 1 && "exact" in inner) return { exact: [...new Set(["", ...inner.exact])] };
    return min === 0 ? ANY : { condition: conditionOf(inner) };
  };
  const atom = (): Info => {
    const ch = source[at++];
    if (ch === "(") {
      let lookaround = false;
      if (source[at] === "?") {
        const kind = /^\?(?::|=|!|<=|<!)/.exec(source.slice(at));
        if (!kind) throw new Unsupported(`group syntax at ${at}`);
        lookaround = kind[0] !== "?:";
        at += kind[0].length;
      }
      const inner = alternation();
      if (source[at++] !== ")") throw new Unsupported("unbalanced group");
      return lookaround ? EMPTY : inner;
    }
    if (ch === "[") {
      if (source[at] === "^") at++;
      if (source[at] === "]") at++;
      while (at < source.length && source[at] !== "]") at += source[at] === "\\" ? 2 : 1;
      if (source[at++] !== "]") throw new Unsupported("unterminated class");
      return ANY;
    }
    if (ch === "\\") {
      const escaped = source[at++];
      if (escaped === "b" || escaped === "B") return EMPTY;
      if ("dDwWsS".includes(escaped)) return ANY;
      if (escaped === "n") return { exact: ["\n"] };
      if (/[\\^$.*+?()[\]{}|/\-'"<>#:!=,]/.test(escaped)) return { exact: [escaped] };
      throw new Unsupported(`escape \\${escaped}`);
    }
    if (ch === "^" || ch === "$") return EMPTY;
    if (ch === ".") return ANY;
    if (ch === "*" || ch === "+" || ch === "?" || ch === ")" || ch === "{") throw new Unsupported(`'${ch}' at ${at - 1}`);
    return { exact: [ch] };
  };
  const info = alternation();
  if (at !== source.length) throw new Unsupported(`stray '${source[at]}' at ${at}`);
  return info;
}

// Trigrams are hashed into a table of TABLE_SIZE slots; a collision can only let a rule through.
const TABLE_BITS = 16;
const TABLE_MASK = (1 << TABLE_BITS) - 1;
const trigram = (a: number, b: number, c: number) => Math.imul((a << 16) ^ (b << 8) ^ c, 0x9e3779b1) >>> (32 - TABLE_BITS);

/**
 * A compiled condition: a literal is the trigram slots it needs; the literals of an "or" are grouped
 * by their first trigram, so that a missing trigram rules out the whole group at once.
 */
type Check = true | Int32Array | { and: Check[] } | { or: Check[]; groups: { first: number; literals: Int32Array[] }[] };

function slotsOf(literal: string): Int32Array {
  const slots = new Int32Array(literal.length - 2);
  for (let i = 0; i + 2 < literal.length; i++) slots[i] = trigram(literal.charCodeAt(i), literal.charCodeAt(i + 1), literal.charCodeAt(i + 2)) & TABLE_MASK;
  return slots;
}

function compile(condition: Condition): Check {
  if (condition === true) return true;
  if (typeof condition === "string") return slotsOf(condition);
  if ("and" in condition) return { and: condition.and.map(compile) };
  const groups = new Map<number, Int32Array[]>();
  const or: Check[] = [];
  for (const option of condition.or) {
    const check = compile(option);
    if (!(check instanceof Int32Array)) or.push(check);
    else groups.set(check[0], [...(groups.get(check[0]) ?? []), check]);
  }
  return { or, groups: [...groups].map(([first, literals]) => ({ first, literals })) };
}

/** The condition a rule's pattern puts on any text it matches (true when it cannot be reduced). */
export function patternCondition(pattern: RegExp): Check {
  if (pattern.flags.replace(/[gmsyd]/g, "") !== "") return true; // i, u, v: other matching semantics
  try {
    return compile(conditionOf(reduce(pattern.source)));
  } catch (error) {
    if (error instanceof Unsupported) return true;
    throw error;
  }
}

const seen = new Uint32Array(1 << TABLE_BITS);
let pass = 0;

/** The trigrams of a text, to test conditions against until the next call. */
export function indexTrigrams(text: string): void {
  pass = pass === 0xffffffff ? 1 : pass + 1;
  if (pass === 1) seen.fill(0);
  let a = text.charCodeAt(0);
  let b = text.charCodeAt(1);
  for (let i = 2; i < text.length; i++) {
    const c = text.charCodeAt(i);
    seen[trigram(a, b, c) & TABLE_MASK] = pass;
    a = b;
    b = c;
  }
}

function hasAll(slots: Int32Array): boolean {
  for (let i = 0; i < slots.length; i++) if (seen[slots[i]] !== pass) return false;
  return true;
}

/** Whether the text last given to indexTrigrams may satisfy `check`. */
export function mayMatch(check: Check): boolean {
  if (check === true) return true;
  if (check instanceof Int32Array) return hasAll(check);
  if ("and" in check) {
    for (const part of check.and) if (!mayMatch(part)) return false;
    return true;
  }
  for (const { first, literals } of check.groups) {
    if (seen[first] !== pass) continue;
    for (const literal of literals) if (hasAll(literal)) return true;
  }
  for (const part of check.or) if (mayMatch(part)) return true;
  return false;
}

export type { Check as RuleCondition };

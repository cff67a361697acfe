import { cutText } from "../../text/cut-text";
import { compileNameList } from "../../policies/tool-pattern";
import { type Finding } from "./finding";

// An agent's answer can carry an action to something downstream that executes it: an orchestrator
// parsing tool-call JSON, a human told to "run admin.reset_password", another agent. Names that look
// like tool identifiers (dotted, snake_case or in backticks) and are not in the agent's scope are
// reported; plain words are not, so "run the report" passes.

const TOOL_NAME = "[A-Za-z_][\\w-]+(?:[.:/][A-Za-z_][\\w-]+)+|[A-Za-z][A-Za-z0-9]*_[\\w-]+";
const IDENTIFIER = /^[A-Za-z_][\w.:/-]*$/;

// {"tool": "x"}, {"function": "x"}, {"recipient_name": "functions.x"}
const JSON_TOOL_KEY = /"(?:tool|tool_name|toolName|function|function_name|functionName|recipient_name)"\s*:\s*"([^"\\]{1,120})"/g;
// {"name": "x", "arguments": …} — "name" alone is too common, so an arguments key must be near.
const JSON_NAME_KEY = /"(?:name|action)"\s*:\s*"([^"\\]{1,120})"/g;
const ARGUMENTS_KEY = /"(?:arguments|args|parameters|params|input)"\s*:/;
// admin.delete_user(…), reset_password(…) — no space before "(", as prose would have.
const CALL_SYNTAX = new RegExp(`(?<![\\w.$/:-])(${TOOL_NAME})\\(`, "g");
// "call admin.delete_user", "execute the `wire_transfer` tool", "run reset_password"
const IMPERATIVE = new RegExp(
  `\\b(?:call|execute|run|invoke|trigger|perform)\\s+(?:the\\s+)?(?:(?:tool|function|command|action)\\s+)?(?:\`([A-Za-z_][\\w.:/-]*)\`|["']?(${TOOL_NAME})["']?(?![\\w@-]))`,
  "gi",
);
// <invoke name="x">, <function=x>
const MARKUP_NAME = /<invoke\s+name=["']([^"']{1,120})["']|<function=([\w.:/-]{1,120})>/gi;
// Tool-call markup whose content names nothing we can read still asks for an action.
const MARKUP_BLOCK = /<(?:tool_call|tool_use|function_call|function_calls|tool_calls)\b[^>]*>/gi;

type Candidate = { name: string; index: number; length: number };

function collect(text: string, pattern: RegExp, onMatch: (match: RegExpExecArray) => Candidate | undefined): Candidate[] {
  const candidates: Candidate[] = [];
  for (const match of text.matchAll(pattern)) {
    const candidate = onMatch(match as RegExpExecArray);
    if (candidate && IDENTIFIER.test(candidate.name)) candidates.push(candidate);
  }
  return candidates;
}

// Model-style namespaces ("functions.refunds_issue") name the tool after the prefix.
const stripNamespace = (name: string) => name.replace(/^(?:functions|tools)[.:]/, "");

export function detectToolCalls(text: string, allowedTools: readonly string[] = []): Finding[] {
  const isAllowed = compileNameList(allowedTools);
  const candidates = [
    ...collect(text, JSON_TOOL_KEY, (match) => ({ name: match[1], index: match.index, length: match[0].length })),
    ...collect(text, JSON_NAME_KEY, (match) => {
      const near = text.slice(Math.max(0, match.index - 300), match.index + match[0].length + 300);
      return ARGUMENTS_KEY.test(near) ? { name: match[1], index: match.index, length: match[0].length } : undefined;
    }),
    ...collect(text, CALL_SYNTAX, (match) => ({ name: match[1], index: match.index, length: match[0].length })),
    ...collect(text, IMPERATIVE, (match) => ({ name: match[1] ?? match[2], index: match.index, length: match[0].length })),
    ...collect(text, MARKUP_NAME, (match) => ({ name: match[1] ?? match[2], index: match.index, length: match[0].length })),
  ];

  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const candidate of candidates.sort((a, b) => a.index - b.index)) {
    const name = stripNamespace(candidate.name);
    if (isAllowed(name) || isAllowed(candidate.name) || reported.has(`${name}@${candidate.index}`)) continue;
    reported.add(`${name}@${candidate.index}`);
    findings.push({ kind: "tool_call", match: name, index: candidate.index, length: candidate.length });
  }
  for (const block of text.matchAll(MARKUP_BLOCK)) {
    const end = block.index + 2000;
    if (!candidates.some((candidate) => candidate.index >= block.index && candidate.index < end)) {
      findings.push({ kind: "tool_call", match: cutText(block[0], 40), index: block.index, length: block[0].length });
    }
  }
  return findings.sort((a, b) => a.index - b.index);
}

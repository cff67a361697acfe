import { AppError } from "../errors/app-error";
import { parsePolicyDocument } from "./document-schema";
import type { ScopeNames } from "./policy-scope";
import { jsonLines, syntaxErrorLine, type LineOf } from "./json-lines";

export type StoredDocument = Record<string, unknown> & { scope: { agent: string; workflow?: string; decisionType?: string } };

function invalid(problems: string[]): AppError {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return new AppError("validation_failed", `The policy document has ${count}: ${problems[0]}${problems.length > 1 ? " …" : ""}`, {
    // fieldErrors for forms (runAction passes them on), issues for API clients: one line per problem.
    details: { issues: problems, fieldErrors: { document: problems } },
  });
}

// Checks a document for the scope it is saved under and returns what is stored: the document as the
// author wrote it (their words, not zod's defaults), with its scope filled in from the scope saved.
// A scope written in the document must name this agent and this scope.
export function validateDocument(raw: unknown, agentSlug: string, scope: ScopeNames): StoredDocument {
  let input = raw;
  // A document sent as text (the editor sends what the author typed) gets line numbers in its problems.
  let lineOf: LineOf | undefined;
  if (typeof raw === "string") {
    try {
      input = JSON.parse(raw);
    } catch (error) {
      const line = syntaxErrorLine(raw);
      throw invalid([`Not valid JSON${line ? ` (line ${line})` : ""}: ${(error as Error).message}`]);
    }
    lineOf = jsonLines(raw);
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw invalid(["The document must be a JSON object such as { \"tools\": [] }"]);

  const written = (input as { scope?: unknown }).scope;
  const expected = { agent: agentSlug, ...(scope.workflow ? { workflow: scope.workflow } : {}), ...(scope.decisionType ? { decisionType: scope.decisionType } : {}) };
  if (written !== undefined) {
    const problems = scopeMismatches(written, agentSlug, scope);
    if (problems.length) throw invalid(problems);
  }
  const document = { ...(input as Record<string, unknown>), scope: expected };
  const parsed = parsePolicyDocument(document, lineOf);
  if (!parsed.success) throw invalid(parsed.errors);
  return document;
}

function scopeMismatches(written: unknown, agentSlug: string, scope: ScopeNames): string[] {
  if (typeof written !== "object" || written === null || Array.isArray(written)) return ["scope: Use an object such as { \"agent\": \"" + agentSlug + "\" }, or leave scope out"];
  const { agent, workflow, decisionType } = written as { agent?: unknown; workflow?: unknown; decisionType?: unknown };
  const problems: string[] = [];
  if (agent !== undefined && agent !== agentSlug) problems.push(`scope.agent: This is the policy of "${agentSlug}", not "${String(agent)}"`);
  if ((workflow ?? "") !== scope.workflow) {
    problems.push(`scope.workflow: This scope's workflow is ${scope.workflow ? `"${scope.workflow}"` : "none (agent-wide)"}, not ${workflow ? `"${String(workflow)}"` : "none"}`);
  }
  if ((decisionType ?? "") !== scope.decisionType) {
    problems.push(
      `scope.decisionType: This scope's decision type is ${scope.decisionType ? `"${scope.decisionType}"` : "none"}, not ${decisionType ? `"${String(decisionType)}"` : "none"}`,
    );
  }
  return problems;
}

// A stored document's scope is the one it was saved under (its row's columns are the scope of record,
// and the agent's slug may have changed since): re-validate it without that copy.
export function withoutScope(document: unknown): unknown {
  if (typeof document !== "object" || document === null || Array.isArray(document)) return document;
  const { scope: _scope, ...rest } = document as Record<string, unknown>;
  return rest;
}

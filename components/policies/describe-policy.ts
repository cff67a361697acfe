import type { Condition, Gate } from "@/lib/policies/document-schema";

// Plain-language pieces of a policy document, for the summary and the proposal list.

const opText: Record<Condition["op"], string> = { lte: "≤", lt: "<", gte: "≥", gt: ">", eq: "=", neq: "≠", in: "in", notIn: "not in", matches: "matches" };

const valueText = (value: unknown): string =>
  Array.isArray(value) ? `[${value.map(valueText).join(", ")}]` : typeof value === "string" ? JSON.stringify(value) : String(value);

export function conditionText(condition: Condition): string {
  const value = condition.op === "matches" ? `/${condition.value}/` : valueText(condition.value);
  return `${condition.param} ${opText[condition.op]} ${value}${condition.ifMissing === "ignore" ? " (when present)" : ""}`;
}

export function durationText(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} d`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

const listText = (value: string | string[] | undefined) => (value === undefined ? undefined : Array.isArray(value) ? value.join(", ") : value);

export function gateText(gate: Gate): string {
  const parts = [
    listText(gate.when.tool) && `tool ${listText(gate.when.tool)}`,
    listText(gate.when.decisionType) && `decision type ${listText(gate.when.decisionType)}`,
    ...(gate.when.conditions ?? []).map(conditionText),
  ].filter(Boolean);
  return `Holds ${parts.join(" and ")} for a reviewer; expires after ${durationText(gate.expiresInSeconds)}`;
}

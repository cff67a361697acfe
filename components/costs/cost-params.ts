import type { CostGroup } from "@/lib/costs/schemas";

// The cost views' URL state (period, grouping, chargeback month), so a view can be shared as a link.
export type CostViewParams = {
  period?: string;
  from?: string;
  to?: string;
  groupBy?: CostGroup;
  month?: string;
};

export type RawSearchParams = Record<string, string | string[] | undefined>;

// One value per key, as the zod query schemas expect (a repeated key keeps its first value).
export function firstValues(raw: RawSearchParams): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) values[key] = first;
  }
  return values;
}

const keys = ["period", "from", "to", "groupBy", "month"] as const;

// Defaults are left out so the plain /costs link and the default view share one URL.
export function costSearch(params: CostViewParams, only: readonly (keyof CostViewParams)[] = keys): string {
  const search = new URLSearchParams();
  for (const key of only) {
    const value = params[key];
    if (!value || (key === "groupBy" && value === "agent")) continue;
    search.set(key, value);
  }
  return search.toString();
}

export function costHref(basePath: string, params: CostViewParams): string {
  const search = costSearch(params);
  return search ? `${basePath}?${search}` : basePath;
}

// What the summary API needs (the chargeback month is a separate report).
export const summarySearch = (params: CostViewParams, agentSlug?: string) => {
  const search = new URLSearchParams(costSearch(params, ["period", "from", "to", "groupBy"]));
  if (agentSlug) search.set("agent", agentSlug);
  return search.toString();
};

const fieldNames: Record<string, string> = { period: "Period", from: "From", to: "To", groupBy: "Group by", month: "Month" };

// A query-string problem worded for the page ("To: The last day is before the first.").
export function describeIssue(issue: { path: PropertyKey[]; message: string } | undefined): string {
  if (!issue) return "Check the filters.";
  const field = fieldNames[String(issue.path[0] ?? "")];
  return `${field ? `${field}: ` : ""}${issue.message}.`;
}

import { createLoader, createSerializer, parseAsString } from "nuqs/server";
import { definedOnly } from "@/components/ui/url-state";
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

// The URL's parsers (nuqs) read raw text (a repeated key keeps its first value); the zod query schemas
// then check it, so a wrong value is reported rather than dropped.
const viewParsers = { period: parseAsString, from: parseAsString, to: parseAsString, groupBy: parseAsString, month: parseAsString };
const loadView = createLoader(viewParsers);
// Defaults are left out so the plain /costs link and the default view share one URL.
const serializeView = createSerializer({ ...viewParsers, groupBy: parseAsString.withDefault("agent") });

export function firstValues(raw: RawSearchParams): Partial<Record<keyof CostViewParams, string>> {
  return definedOnly(loadView(raw));
}

const keys = ["period", "from", "to", "groupBy", "month"] as const;

export function costSearch(params: CostViewParams, only: readonly (keyof CostViewParams)[] = keys): string {
  return serializeView(Object.fromEntries(only.map((key) => [key, params[key] || null]))).replace(/^\?/, "");
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

// Where a guard count leads: the decision log (/decisions) with the filters that reproduce it. Client-safe.
export type DecisionFilters = { agent?: string; verdict?: "allow" | "deny" | "hold" | "blocked"; reason?: string; since?: string; until?: string };

export function decisionsHref(filters: DecisionFilters): string {
  const params = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== ""));
  const query = params.toString();
  return query ? `/decisions?${query}` : "/decisions";
}

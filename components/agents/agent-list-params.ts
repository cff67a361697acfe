import type { AgentView } from "@/lib/agents/agent-view";
import { agentStatuses, type AgentStatus } from "@/lib/agents/schemas";

// The agent inventory's URL state (filters and sort), so a view can be shared as a link.
export const agentSortKeys = ["name", "team", "status", "lastSeen"] as const;
export type AgentSortKey = (typeof agentSortKeys)[number];
export type SortDir = "asc" | "desc";

export type AgentListParams = {
  q?: string;
  team?: string;
  status?: AgentStatus;
  sort: AgentSortKey;
  dir: SortDir;
};

type RawParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

export function parseAgentListParams(raw: RawParams): AgentListParams {
  const status = first(raw.status);
  const sort = first(raw.sort);
  const dir = first(raw.dir);
  const sortKey = agentSortKeys.includes(sort as AgentSortKey) ? (sort as AgentSortKey) : "team";
  return {
    q: first(raw.q)?.slice(0, 100),
    team: first(raw.team)?.slice(0, 100),
    status: agentStatuses.includes(status as AgentStatus) ? (status as AgentStatus) : undefined,
    sort: sortKey,
    dir: dir === "asc" || dir === "desc" ? dir : defaultDir(sortKey),
  };
}

// Most recently seen first is what anyone sorting by last contact wants to see.
const defaultDir = (key: AgentSortKey): SortDir => (key === "lastSeen" ? "desc" : "asc");

export const hasFilters = (params: AgentListParams) => Boolean(params.q || params.team || params.status);

export function agentListHref(params: Partial<AgentListParams>): string {
  const search = new URLSearchParams();
  for (const key of ["q", "team", "status", "sort", "dir"] as const) {
    const value = params[key];
    if (value) search.set(key, value);
  }
  const query = search.toString();
  return query ? `/agents?${query}` : "/agents";
}

// Clicking the current sort column flips it; another column starts in its natural direction.
export function sortHrefFor(params: AgentListParams, key: AgentSortKey): string {
  const dir = params.sort === key ? (params.dir === "asc" ? "desc" : "asc") : defaultDir(key);
  return agentListHref({ ...params, sort: key, dir });
}

const statusRank: Record<string, number> = Object.fromEntries(agentStatuses.map((status, index) => [status, index]));

function compare(a: AgentView, b: AgentView, key: AgentSortKey): number {
  switch (key) {
    case "name":
      return a.name.localeCompare(b.name);
    case "team":
      return a.team.localeCompare(b.team);
    case "status":
      return (statusRank[a.status] ?? 99) - (statusRank[b.status] ?? 99);
    case "lastSeen":
      // Never seen counts as oldest.
      return (a.lastSeenAt ? Date.parse(a.lastSeenAt) : -Infinity) - (b.lastSeenAt ? Date.parse(b.lastSeenAt) : -Infinity);
  }
}

export function sortAgents(agents: AgentView[], { sort, dir }: Pick<AgentListParams, "sort" | "dir">): AgentView[] {
  const sign = dir === "asc" ? 1 : -1;
  return [...agents].sort((a, b) => sign * compare(a, b, sort) || a.slug.localeCompare(b.slug));
}

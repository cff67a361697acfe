import type { AgentView } from "@/lib/agents/agent-view";
import { agentStatuses, type AgentStatus } from "@/lib/agents/schemas";
import { createLoader, createSerializer, parseAsInteger, parseAsStringLiteral } from "nuqs/server";
import { definedOnly, parseAsText } from "@/components/ui/url-state";

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
  /** 1-based; AGENT_PAGE_SIZE agents a page. */
  page: number;
};

// Agents a page: a fleet of hundreds made the page (and each of its auto-refreshes) a megabyte.
export const AGENT_PAGE_SIZE = 50;

// The URL's parsers (nuqs): a value that does not parse is dropped, as if absent.
const listParsers = {
  q: parseAsText(100),
  team: parseAsText(100),
  status: parseAsStringLiteral(agentStatuses),
  sort: parseAsStringLiteral(agentSortKeys),
  dir: parseAsStringLiteral(["asc", "desc"] as const),
  page: parseAsInteger,
};
const loadList = createLoader(listParsers);
const serializeList = createSerializer(listParsers);

export function parseAgentListParams(raw: Record<string, string | string[] | undefined>): AgentListParams {
  const { q, team, status, sort, dir, page } = definedOnly(loadList(raw));
  const sortKey = sort ?? "team";
  return { q, team, status, sort: sortKey, dir: dir ?? defaultDir(sortKey), page: Math.max(1, page ?? 1) };
}

// Most recently seen first is what anyone sorting by last contact wants to see.
const defaultDir = (key: AgentSortKey): SortDir => (key === "lastSeen" ? "desc" : "asc");

export const hasFilters = (params: AgentListParams) => Boolean(params.q || params.team || params.status);

export function agentListHref(params: Partial<AgentListParams>): string {
  return serializeList("/agents", { q: params.q || null, team: params.team || null, status: params.status ?? null, sort: params.sort ?? null, dir: params.dir ?? null, page: params.page && params.page > 1 ? params.page : null });
}

// Clicking the current sort column flips it; another column starts in its natural direction.
export function sortHrefFor(params: AgentListParams, key: AgentSortKey): string {
  const dir = params.sort === key ? (params.dir === "asc" ? "desc" : "asc") : defaultDir(key);
  return agentListHref({ ...params, sort: key, dir, page: undefined });
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

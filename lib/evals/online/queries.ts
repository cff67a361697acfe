import { getJson } from "@/lib/get-json";
import type { OnlineEvaluatorView } from "./schemas";

// TanStack Query keys and fetchers for the online-evaluators panel (client-safe). Over JSON, times are
// ISO strings.
export type OnlineEvaluatorRow = Omit<OnlineEvaluatorView, "createdAt" | "scores"> & {
  createdAt: string;
  scores: Omit<OnlineEvaluatorView["scores"], "lastScoredAt"> & { lastScoredAt: string | null };
};

export const ONLINE_EVALUATORS_REFRESH_MS = 10_000;

export const onlineEvaluatorQueryKeys = {
  all: ["online-evaluators"] as const,
  agent: (slug: string) => ["online-evaluators", slug] as const,
};

export async function fetchOnlineEvaluators(slug: string): Promise<OnlineEvaluatorRow[]> {
  const { evaluators } = await getJson<{ evaluators: OnlineEvaluatorRow[] }>(`/api/v1/agents/${encodeURIComponent(slug)}/online-evaluators`);
  return evaluators;
}

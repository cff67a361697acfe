import type { VersionStage } from "./schemas";

type RequestRow = {
  id: string;
  toStage: string;
  status: string;
  reason: string;
  ungated: boolean;
  requestedByLabel: string;
  requestedAt: Date;
  decidedByLabel: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
};

// fromStage: where the version is now (a request filed from canary may find it back in staging).
export function toPromotionView(request: RequestRow, context: { agent: { slug: string; name: string }; label: string; fromStage: string }) {
  return {
    id: request.id,
    agent: { slug: context.agent.slug, name: context.agent.name },
    label: context.label,
    fromStage: context.fromStage as VersionStage,
    toStage: request.toStage as VersionStage,
    status: request.status as "pending" | "approved" | "rejected",
    reason: request.reason,
    ungated: request.ungated,
    requestedBy: request.requestedByLabel,
    requestedAt: request.requestedAt,
    decidedBy: request.decidedByLabel,
    decidedAt: request.decidedAt,
    note: request.decisionNote,
  };
}

export type PromotionView = ReturnType<typeof toPromotionView>;

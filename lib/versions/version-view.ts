import type { VersionStage } from "./schemas";

type VersionRow = {
  id: string;
  label: string;
  number: number;
  stage: string;
  trafficPercent: number;
  ungated: boolean;
  model: string;
  createdAt: Date;
  createdByLabel: string;
  message: string;
  stageChangedAt: Date;
  prompt: string;
  params: unknown;
  knowledgeBase: unknown;
  tools: unknown;
  policyVersion: string | null;
};

// The list's shape: everything but the bundle's bulk (prompt, parameters, tools).
export function toVersionSummary(version: Omit<VersionRow, "prompt" | "params" | "knowledgeBase" | "tools" | "policyVersion">) {
  return {
    id: version.id,
    label: version.label,
    stage: version.stage as VersionStage,
    trafficPercent: version.trafficPercent,
    ungated: version.ungated,
    model: version.model,
    createdAt: version.createdAt,
    createdBy: version.createdByLabel,
    message: version.message,
    stageChangedAt: version.stageChangedAt,
  };
}

export function toVersionBundle(version: VersionRow) {
  return {
    ...toVersionSummary(version),
    prompt: version.prompt,
    params: (version.params ?? {}) as Record<string, unknown>,
    knowledgeBase: (version.knowledgeBase ?? null) as { id: string; version: string } | null,
    tools: (version.tools ?? []) as { name: string; config?: Record<string, unknown> }[],
    policyVersion: version.policyVersion,
  };
}

export type VersionSummary = ReturnType<typeof toVersionSummary>;
export type VersionBundle = ReturnType<typeof toVersionBundle>;

// Versions sort by their number (v10 after v9), never by label text.
export const versionOrder = { number: "desc" } as const;

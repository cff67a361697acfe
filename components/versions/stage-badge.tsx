import { Badge, type Tone } from "@/components/ui/badge";
import type { VersionStage } from "@/lib/versions/schemas";

// A stage as colour and text (never colour alone).
const stageDisplay: Record<VersionStage, { tone: Tone; label: string }> = {
  development: { tone: "muted", label: "Development" },
  staging: { tone: "info", label: "Staging" },
  canary: { tone: "warn", label: "Canary" },
  production: { tone: "ok", label: "Production" },
  retired: { tone: "muted", label: "Retired" },
};

export function StageBadge({ stage }: { stage: VersionStage | (string & {}) }) {
  const display = stageDisplay[stage as VersionStage] ?? { tone: "muted" as const, label: stage };
  return (
    <Badge tone={display.tone} dot data-stage={stage}>
      {display.label}
    </Badge>
  );
}

export function UngatedBadge() {
  return (
    <Badge tone="warn" title="Deployed without a passed evaluation of this version (an admin's decision, with a reason)">
      ungated
    </Badge>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft } from "lucide-react";
import { RollbackDialog } from "@/components/agents/rollback-dialog";
import { IncidentToDatasetDialog } from "@/components/datasets/incident-to-dataset-dialog";
import { IncidentDetail } from "@/components/incidents/incident-detail";
import { IncidentShiftChart } from "@/components/incidents/incident-shift-chart";
import { rollbackTargets } from "@/components/incidents/rollback-targets";
import { PageHeader } from "@/components/ui/page-header";
import { getAgent } from "@/lib/agents/get-agent";
import { roleCan } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors/app-error";
import { OUTCOME_PREFIX } from "@/lib/drift/metrics";
import { getIncident } from "@/lib/incidents/get-incident";

export const metadata: Metadata = { title: "Incident" };

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requirePrincipal();
  const { id } = await params;
  let detail: Awaited<ReturnType<typeof getIncident>>;
  try {
    detail = await getIncident(principal, id);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
  const agent = await getAgent(principal, detail.incident.agent.slug);
  const live = agent.status !== "terminated" ? agent.productionVersion : null;
  const targets = await rollbackTargets(principal, agent.slug, live);
  const rollback =
    live && targets.length > 0 ? <RollbackDialog slug={agent.slug} name={agent.name} production={live} canary={agent.canary} targets={targets} /> : null;

  const failing = failingCriterion(detail.incident.alert?.metric ?? null);
  const toDataset =
    failing && roleCan(principal.role, "datasets:manage") ? (
      <IncidentToDatasetDialog
        incidentId={detail.incident.id}
        slug={agent.slug}
        criterion={failing}
        period={`${detail.incident.resolvedAt ? "from" : "since"} the ${detail.incident.changePointAt ? "change point" : detail.incident.alert ? "alert" : "incident's opening"}${detail.incident.resolvedAt ? " to the resolution" : ""}`}
      />
    ) : null;

  return (
    <>
      <Link href="/incidents" className="mb-2 inline-flex items-center gap-1 text-xs font-medium text-accent underline-offset-2 hover:underline">
        <ArrowLeft aria-hidden="true" className="size-3.5" />
        All incidents
      </Link>
      <PageHeader
        title={detail.incident.title}
        description={`Incident about ${detail.incident.agent.name}${live ? `, which runs ${live} in production` : ""}. The timeline covers the 48 h before the shift up to the resolution.`}
      />
      <IncidentDetail
        chart={
          <IncidentShiftChart
            principal={principal}
            slug={agent.slug}
            metric={detail.incident.alert?.metric ?? null}
            around={detail.incident.changePointAt ?? detail.incident.alert?.openedAt ?? detail.incident.openedAt}
            until={detail.incident.resolvedAt}
          />
        }
        initialData={detail}
        canManage={roleCan(principal.role, "incidents:manage")}
        rollback={rollback}
        toDataset={toDataset}
      />
    </>
  );
}

// Which tasks an incident's alert says went wrong (lib/evals/datasets/add-items-from-incident.ts decides
// the same way); null when its metric does not single tasks out.
function failingCriterion(metric: string | null): string | null {
  if (metric?.startsWith(OUTCOME_PREFIX)) return `ended with outcome "${metric.slice(OUTCOME_PREFIX.length)}"`;
  return metric === "error_rate" ? "ended in an error" : null;
}

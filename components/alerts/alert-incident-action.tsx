"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Siren } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { openIncidentFromAlertAction } from "@/app/(dashboard)/incidents/actions";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toaster";
import { alertQueryKeys, type AlertRow } from "@/lib/alerts/queries";
import { incidentQueryKeys } from "@/lib/incidents/queries";

const severities = ["critical", "warning", "info"] as const;
type Severity = (typeof severities)[number];
const severityOf = (value: string): Severity => (severities.includes(value as Severity) ? (value as Severity) : "warning");

// "View incident" when the alert has one; otherwise, for those who may open one, "Open incident": one
// click opens it with the alert's title and severity and goes to its page (nothing is destroyed, so
// there is nothing to confirm). A team-wide alert (a department's budget) names no agent: no incident.
export function AlertIncidentAction({ alert, canOpen }: { alert: Pick<AlertRow, "id" | "agent" | "title" | "severity" | "incidentId">; canOpen: boolean }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  if (alert.incidentId) {
    return (
      <Button asChild size="sm" variant="secondary">
        <Link href={`/incidents/${alert.incidentId}`}>
          <Siren aria-hidden="true" />
          View incident
        </Link>
      </Button>
    );
  }
  if (!canOpen || !alert.agent) return null;
  const agent = alert.agent.slug;

  async function open() {
    setPending(true);
    const result = await openIncidentFromAlertAction({ id: alert.id, agent, title: alert.title, severity: severityOf(alert.severity) });
    setPending(false);
    void queryClient.invalidateQueries({ queryKey: alertQueryKeys.all });
    void queryClient.invalidateQueries({ queryKey: incidentQueryKeys.all });
    if (!result.ok) {
      toast.error(result.error.message);
      return;
    }
    if (result.data.existing) toast.info("This alert already had an incident: here it is.");
    router.push(`/incidents/${result.data.id}`);
  }

  return (
    <Button size="sm" variant="danger" loading={pending} onClick={() => void open()}>
      <Siren aria-hidden="true" />
      Open incident
    </Button>
  );
}

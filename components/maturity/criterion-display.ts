// How the maturity card names each criterion and where it sends people to put it in place (the API
// gives ids and words; these are the screen's short names and links).
export const criterionLabels: Record<string, string> = {
  registered: "Registered",
  traced: "Live traces",
  policy: "Policy",
  budget: "Budget",
  human_gates: "Human gates",
  staged_release: "Released through staging",
  gating_suite: "Gating evaluation suite",
  drift_monitoring: "Drift baseline and monitors",
  alert_routing: "Alerts routed to the team",
  guarded_canary: "Guarded canary",
  gated_deploys: "Every production deploy gated",
  online_evaluators: "Online evaluators",
  incident_reports: "Incidents closed with reports",
};

export type CriterionLink = { href: string; label: string };

export function criterionLink(id: string, slug: string): CriterionLink | null {
  const agent = `/agents/${encodeURIComponent(slug)}`;
  switch (id) {
    case "traced":
      return { href: `${agent}/traces`, label: "Traces" };
    case "policy":
    case "budget":
    case "human_gates":
      return { href: `${agent}/policies`, label: "Policies" };
    case "staged_release":
    case "guarded_canary":
    case "gated_deploys":
      return { href: `${agent}/versions`, label: "Versions" };
    case "drift_monitoring":
      return { href: `${agent}/drift`, label: "Drift" };
    case "alert_routing":
      return { href: "/admin/webhooks", label: "Webhooks" };
    case "incident_reports":
      return { href: `/incidents?agent=${encodeURIComponent(slug)}`, label: "Incidents" };
    default:
      return null;
  }
}

import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client";
import type { TeamAccess } from "../auth/team-access";
import { GATED_DEPLOY_DAYS, STALE_INCIDENT_DAYS, type MaturityFacts } from "./facts";

export type AgentFacts = { agent: { id: string; slug: string; name: string; team: string }; facts: MaturityFacts };

type FactsRow = {
  id: string;
  slug: string;
  name: string;
  team_name: string;
  last_live_trace_at: Date | null;
  policies: number;
  hold_rules: number;
  agent_budgets: number;
  team_budgets: number;
  staged_production_label: string | null;
  gating_suite_name: string | null;
  drift_status: string | null;
  alert_webhooks: number;
  canaries: number;
  production_deploys: number;
  ungated_labels: string[];
  online_evaluators: number;
  resolved_incidents: number;
  stale_open_incidents: number;
};

const DAY_MS = 86_400_000;
// Production reached by a promotion or an approved request; a rollback brings back what was already there.
const productionDeploy = (alias: string) => Prisma.sql`${Prisma.raw(alias)}.kind IN ('promoted', 'production_approved') AND ${Prisma.raw(alias)}.to_stage = 'production'`;
const arrayLength = (json: Prisma.Sql) => Prisma.sql`CASE WHEN jsonb_typeof(${json}) = 'array' THEN jsonb_array_length(${json}) ELSE 0 END`;

// Everything the maturity criteria read, for one agent (agentId) or every agent of the teams, in one
// query: each fact is an indexed lookup per agent, so the fleet costs one round trip however many agents.
// The fleet leaves terminated agents out; asked for by id, an agent is read whatever its status.
export async function loadMaturityFacts(filter: { teams: TeamAccess; agentId?: string; now: Date }): Promise<AgentFacts[]> {
  const { now } = filter;
  const deploysSince = new Date(now.getTime() - GATED_DEPLOY_DAYS * DAY_MS);
  const staleBefore = new Date(now.getTime() - STALE_INCIDENT_DAYS * DAY_MS);
  const which = filter.agentId ? Prisma.sql`a.id = ${filter.agentId}::uuid` : Prisma.sql`a.status <> 'terminated'`;
  const rows = await db().$queryRaw<FactsRow[]>`
    SELECT a.id, a.slug, a.name, t.name AS team_name,
      (SELECT tr.start_time FROM traces tr WHERE tr.agent_id = a.id AND tr.eval_run_id IS NULL
        ORDER BY tr.start_time DESC LIMIT 1) AS last_live_trace_at,
      p.policies, p.hold_rules, p.agent_budgets,
      ${arrayLength(Prisma.sql`t.budgets`)}::int AS team_budgets,
      (SELECT prod.label FROM deployment_events prod
        WHERE prod.agent_id = a.id AND ${productionDeploy("prod")}
          AND EXISTS (SELECT 1 FROM deployment_events staged WHERE staged.agent_id = a.id
            AND staged.version_id = prod.version_id AND staged.to_stage = 'staging' AND staged.id < prod.id)
        ORDER BY prod.id DESC LIMIT 1) AS staged_production_label,
      (SELECT s.name FROM eval_suites s WHERE s.agent_id = a.id AND s.gating LIMIT 1) AS gating_suite_name,
      ds.status AS drift_status,
      (SELECT count(*)::int FROM webhooks w WHERE w.team_id = a.team_id AND 'alert.raised' = ANY (w.events)) AS alert_webhooks,
      (SELECT count(*)::int FROM deployment_events c WHERE c.agent_id = a.id AND c.kind = 'canary_started') AS canaries,
      d.production_deploys, d.ungated_labels,
      (SELECT count(*)::int FROM online_evaluators o WHERE o.agent_id = a.id AND o.enabled) AS online_evaluators,
      i.resolved_incidents, i.stale_open_incidents
    FROM agents a
    JOIN teams t ON t.id = a.team_id
    LEFT JOIN drift_states ds ON ds.agent_id = a.id
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS policies,
        coalesce(sum(${arrayLength(Prisma.sql`document -> 'gates'`)}), 0)::int AS hold_rules,
        coalesce(sum(${arrayLength(Prisma.sql`document -> 'budgets'`)}), 0)::int AS agent_budgets
      FROM policies WHERE agent_id = a.id) p
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS production_deploys,
        coalesce(array_agg(label ORDER BY id) FILTER (WHERE ungated), '{}') AS ungated_labels
      FROM deployment_events deploy WHERE deploy.agent_id = a.id AND ${productionDeploy("deploy")} AND deploy.at >= ${deploysSince}) d
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE status = 'resolved')::int AS resolved_incidents,
        count(*) FILTER (WHERE status = 'open' AND opened_at < ${staleBefore})::int AS stale_open_incidents
      FROM incidents WHERE agent_id = a.id) i
    WHERE ${filter.teams.sql("a.team_id")} AND ${which}
    ORDER BY a.slug`;
  return rows.map((row) => ({
    agent: { id: row.id, slug: row.slug, name: row.name, team: row.team_name },
    facts: {
      lastLiveTraceAt: row.last_live_trace_at,
      policies: row.policies,
      holdRules: row.hold_rules,
      agentBudgets: row.agent_budgets,
      teamBudgets: row.team_budgets,
      stagedProductionLabel: row.staged_production_label,
      gatingSuiteName: row.gating_suite_name,
      driftStatus: row.drift_status,
      alertWebhooks: row.alert_webhooks,
      canaries: row.canaries,
      productionDeploys30d: row.production_deploys,
      ungatedDeployLabels30d: row.ungated_labels,
      onlineEvaluators: row.online_evaluators,
      resolvedIncidents: row.resolved_incidents,
      staleOpenIncidents: row.stale_open_incidents,
    },
  }));
}

import { requirePagePermission } from "@/components/auth/page-gate";
import { AgentForm } from "@/components/agents/agent-form";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getAgent } from "@/lib/agents/get-agent";
import { requirePrincipal } from "@/lib/auth/session";
import { listTeams } from "@/lib/teams/list-teams";

export const metadata = { title: "Edit agent" };

type EditAgentPageProps = { params: Promise<{ slug: string }> };

export default async function EditAgentPage({ params }: EditAgentPageProps) {
  const principal = await requirePrincipal();
  const { slug } = await params;
  // Only decides what to render: updateAgent enforces agents:update and the agent's team itself.
  requirePagePermission(principal, "agents:update");
  // The layout shows why an agent cannot be loaded (missing, or another team's).
  const agent = await getAgent(principal, slug).catch(() => null);
  if (!agent) return null;
  const teams = await listTeams(principal);
  return (
    <Card aria-labelledby="edit-agent-title" className="max-w-2xl">
      <CardHeader>
        <CardTitle id="edit-agent-title">Edit agent</CardTitle>
      </CardHeader>
      <CardContent className="py-4">
        <AgentForm
          mode="edit"
          teams={teams.map((team) => ({ id: team.id, name: team.name }))}
          agent={{
            slug: agent.slug,
            name: agent.name,
            teamId: agent.teamId,
            ownerEmail: agent.owner?.email ?? null,
            description: agent.description,
          }}
        />
      </CardContent>
    </Card>
  );
}

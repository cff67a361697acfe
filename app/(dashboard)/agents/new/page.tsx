import Link from "next/link";
import { requirePagePermission } from "@/components/auth/page-gate";
import { AgentForm } from "@/components/agents/agent-form";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePrincipal } from "@/lib/auth/session";
import { listTeams } from "@/lib/teams/list-teams";

export const metadata = { title: "Register agent" };

export default async function NewAgentPage() {
  const principal = await requirePrincipal();
  const header = (
    <PageHeader
      title="Register an agent"
      description="An agent is one program your team runs. Once registered, give it an API key so it can send traces and ask the guard before it acts."
    />
  );
  // Only decides what to render: createAgent enforces agents:create itself.
  requirePagePermission(principal, "agents:create");
  const teams = await listTeams(principal);
  return (
    <>
      {header}
      {teams.length === 0 ? (
        <EmptyState
          title="You are not in any team yet"
          description="Every agent belongs to a team. Ask an admin to add you to the team that will run this agent."
          action={
            <Button asChild>
              <Link href="/agents">Back to agents</Link>
            </Button>
          }
        />
      ) : (
        <AgentForm mode="create" teams={teams.map((team) => ({ id: team.id, name: team.name }))} />
      )}
    </>
  );
}

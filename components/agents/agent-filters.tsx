import { Search } from "lucide-react";
import Link from "next/link";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { agentStatuses } from "@/lib/agents/schemas";
import { agentListHref, hasFilters, type AgentListParams } from "./agent-list-params";

const statusLabels: Record<(typeof agentStatuses)[number], string> = {
  active: "Active",
  paused: "Paused",
  terminated: "Terminated",
};

// A plain GET form: works without JavaScript, and the URL it produces is the shareable view.
export function AgentFilters({ params, teams }: { params: AgentListParams; teams: string[] }) {
  return (
    <form method="get" action="/agents" role="search" aria-label="Filter agents" className="mb-3 flex flex-wrap items-end gap-3">
      <div className="flex w-full flex-col gap-1 sm:w-64">
        <Label htmlFor="agent-filter-q">Search</Label>
        <Input id="agent-filter-q" type="search" name="q" defaultValue={params.q ?? ""} placeholder="Name, slug or description" />
      </div>
      <div className="flex w-40 flex-col gap-1">
        <Label htmlFor="agent-filter-team">Team</Label>
        <Select id="agent-filter-team" name="team" defaultValue={params.team ?? ""}>
          <option value="">All teams</option>
          {teams.map((team) => (
            <option key={team} value={team}>
              {team}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex w-36 flex-col gap-1">
        <Label htmlFor="agent-filter-status">Status</Label>
        <Select id="agent-filter-status" name="status" defaultValue={params.status ?? ""}>
          <option value="">All statuses</option>
          {agentStatuses.map((status) => (
            <option key={status} value={status}>
              {statusLabels[status]}
            </option>
          ))}
        </Select>
      </div>
      <input type="hidden" name="sort" value={params.sort} />
      <input type="hidden" name="dir" value={params.dir} />
      <Button type="submit">
        <Search aria-hidden="true" />
        Apply filters
      </Button>
      {hasFilters(params) ? (
        <Link href={agentListHref({ sort: params.sort, dir: params.dir })} className={buttonVariants({ variant: "ghost" })}>
          Reset
        </Link>
      ) : null}
    </form>
  );
}

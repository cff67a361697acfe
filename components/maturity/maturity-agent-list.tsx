import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { FleetMaturity } from "@/lib/maturity/schemas";

const SHOWN = 8;

// Agents weakest first, each linking to its page (where the maturity card explains the level).
export function MaturityAgentList({ agents }: { agents: FleetMaturity["agents"] }) {
  const sorted = [...agents].sort((a, b) => a.level - b.level || a.slug.localeCompare(b.slug));
  const shown = sorted.slice(0, SHOWN);
  return (
    <div className="flex flex-col gap-2 rounded-lg border border-border bg-surface px-4 py-3">
      <span className="text-xs font-medium text-fg-muted">Agents, lowest level first</span>
      <ul className="flex flex-col gap-1.5">
        {shown.map((agent) => (
          <li key={agent.slug} className="flex flex-col" data-agent={agent.slug}>
            <span className="flex items-center justify-between gap-2">
              <Link href={`/agents/${encodeURIComponent(agent.slug)}`} className="truncate text-sm font-medium text-accent underline-offset-2 hover:underline">
                {agent.name}
              </Link>
              <Badge tone={agent.level >= 3 ? "ok" : agent.level >= 1 ? "info" : "muted"}>Level {agent.level}</Badge>
            </span>
            <span className="truncate text-xs text-fg-muted" title={agent.nextStep ?? undefined}>
              {agent.nextStep ? `Next: ${agent.nextStep}` : "Every criterion met"}
            </span>
          </li>
        ))}
      </ul>
      {sorted.length > SHOWN ? (
        <Link href="/agents" className="text-xs font-medium text-accent underline-offset-2 hover:underline">
          {sorted.length - SHOWN} more agents
        </Link>
      ) : null}
    </div>
  );
}

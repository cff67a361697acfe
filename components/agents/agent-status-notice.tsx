import { Ban, Pause } from "lucide-react";

// Says in words what a paused or terminated status means for the running agent.
export function AgentStatusNotice({ status }: { status: string }) {
  if (status === "paused") {
    return (
      <p className="flex items-center gap-2 rounded-md border border-warn/40 bg-warn-soft px-3 py-2 text-sm text-warn-fg">
        <Pause aria-hidden="true" className="size-4 shrink-0" />
        Paused: every guard check of this agent is denied (agent_paused) until it is resumed.
      </p>
    );
  }
  if (status === "terminated") {
    return (
      <p className="flex items-center gap-2 rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger-fg">
        <Ban aria-hidden="true" className="size-4 shrink-0" />
        Terminated: this agent&apos;s API keys no longer work and it cannot be resumed.
      </p>
    );
  }
  return null;
}

import { defineEvent } from "../events/define-event";
import type { AgentStatus } from "./schemas";

// An agent was paused, resumed or terminated (cause: the audited action, who, why).
export const agentStatusChanged = defineEvent<{
  agentId: string;
  slug: string;
  teamId: string;
  status: AgentStatus;
  cause: { action: string; by: string; reason?: string };
}>("agent.status_changed");

// Its name, description, owner or team changed.
export const agentUpdated = defineEvent<{ agentId: string }>("agent.updated");

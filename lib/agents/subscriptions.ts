import { on } from "../events/registry";
import { eventsMissed, type DomainEvent } from "../events/define-event";
import { apiKeyRevoked } from "../keys/events";
import { teamChanged } from "../teams/events";
import { agentStatusChanged, agentUpdated } from "./events";
import { forgetCachedAgents } from "./cached-agents";

// What is cached about agents (keys → principals, the guard's view of an agent) is forgotten on every
// replica by whatever can make it wrong.
const changes: DomainEvent<unknown>[] = [agentStatusChanged, agentUpdated, apiKeyRevoked, teamChanged, eventsMissed];
for (const event of changes) {
  on(event, "forget cached agents", forgetCachedAgents);
}

import { on } from "../events/registry";
import { eventsMissed } from "../events/define-event";
import { policyChanged } from "./events";
import { invalidateAllPolicies, invalidatePolicies } from "./load-policies";

on(policyChanged, "forget the agent's cached policies", ({ agentId }) => invalidatePolicies(agentId));
on(eventsMissed, "forget all cached policies", invalidateAllPolicies);

import { defineEvent } from "../events/define-event";
import type { DeploymentKind } from "./schemas";

// A version was created (development; nothing serves it yet).
export const versionCreated = defineEvent<{ agentId: string; teamId: string; versionId: string; label: string }>("version.created");

// What an agent serves changed, or a production request was filed or decided: one event per
// deployment-timeline entry. Alerts, drift annotations and caches subscribe to it.
export const deploymentChanged = defineEvent<{
  // The timeline entry (deployment_events.id).
  entryId: string;
  agentId: string;
  teamId: string;
  kind: DeploymentKind;
  label: string;
  fromLabel?: string | null;
  toStage?: string | null;
  by: string;
  reason?: string | null;
  // Control Room did it by itself (the guarded canary), not a person.
  automatic?: boolean;
}>("deployment.changed");

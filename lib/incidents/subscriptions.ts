import { every } from "../events/jobs";
import { on } from "../events/registry";
import { alertRaised } from "../alerts/events";
import { openIncidentForAlert, openMissingIncidents } from "./open-incident";

// A critical alert opens its incident by itself, after the alert committed. Every replica receives the
// event and may try: the unique alert_id lets exactly one insert (the others change nothing).
on(alertRaised, "open an incident for a critical alert", async (raised) => {
  if (raised.severity !== "critical" || !raised.agentId) return;
  await openIncidentForAlert(raised.alertId);
});

// An after-commit reaction is allowed to be missed: this pass catches up within a minute.
every({ name: "open missed incidents of critical alerts", intervalMs: 60_000, run: () => openMissingIncidents() });

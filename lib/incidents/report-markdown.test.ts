import { describe, expect, it } from "vitest";
import { buildIncidentReport, deriveFollowUps, reportFilename, type ReportFacts } from "./report-markdown";

const at = (iso: string) => new Date(iso);

// A seeded incident: v4's knowledge-base update at 07:00, the shift at 10:00, the alert at 11:00,
// rolled back at 11:30 and resolved at 11:45.
function seeded(overrides: Partial<ReportFacts> = {}): ReportFacts {
  return {
    incident: {
      id: "3f1c2a9e-0000-4000-8000-000000000001",
      title: "Claims approvals up after v4",
      severity: "critical",
      status: "resolved",
      agent: { slug: "claims-agent", name: "Claims agent" },
      alert: { id: "a1", kind: "drift", title: "Approval rate drifted", metric: "outcome_rate:approved", status: "resolved", openedAt: at("2026-12-01T11:00:00Z") },
      openedAt: at("2026-12-01T11:02:00Z"),
      openedBy: null,
      resolvedAt: at("2026-12-01T11:45:00Z"),
      resolvedBy: "operator@demo.local",
      summary: "Rolled back to v3.\nThe v4 guidelines approve water damage.",
      changePointAt: at("2026-12-01T10:00:00Z"),
      timeToResolutionMs: 45 * 60_000,
    },
    alert: { title: "Approval rate drifted", kind: "drift", severity: "critical", metric: "outcome_rate:approved", baselineValue: 0.85, currentValue: 0.91, openedAt: at("2026-12-01T11:00:00Z") },
    generatedAt: at("2026-12-01T12:00:00Z"),
    timeline: [
      { at: at("2026-12-01T07:00:00Z"), kind: "version", summary: "v4 to production: v3 → v4 by developer@demo.local", ref: null },
      { at: at("2026-12-01T07:00:00Z"), kind: "knowledge_base", summary: "Knowledge base updated (v4): claims 2025-11 → claims 2026-11", ref: null },
      { at: at("2026-12-01T10:00:00Z"), kind: "decision", summary: "Guard: 12 denied (in this hour)", ref: null },
      { at: at("2026-12-01T11:00:00Z"), kind: "alert", summary: "Alert (critical): Approval rate drifted", ref: null },
      { at: at("2026-12-01T11:02:00Z"), kind: "incident_opened", summary: "Control Room opened the incident by itself (a critical alert)", ref: null },
      { at: at("2026-12-01T11:30:00Z"), kind: "rollback", summary: "Rolled back to v3: v4 → v3 by operator@demo.local", ref: null },
      { at: at("2026-12-01T11:45:00Z"), kind: "resolved", summary: "operator@demo.local resolved the incident: Rolled back to v3.", ref: null },
    ],
    impact: {
      from: at("2026-12-01T10:00:00Z"),
      fromWhat: "change point",
      to: at("2026-12-01T11:30:00Z"),
      fix: { kind: "rollback", label: "v3" },
      tasks: [
        { outcome: "rejected", count: 14 },
        { outcome: "approved", count: 130 },
      ],
      decisions: [
        { verdict: "allow", count: 300 },
        { verdict: "deny", count: 12 },
      ],
    },
    likelyCause: { kind: "knowledge_base", label: "Knowledge base updated (v4)", detail: "claims 2025-11 → claims 2026-11", at: at("2026-12-01T07:00:00Z"), lead: "3 h before" },
    actions: [
      { at: at("2026-12-01T11:02:00Z"), by: "Control Room", what: "opened the incident (automatically, a critical alert)" },
      { at: at("2026-12-01T11:30:00Z"), by: "operator@demo.local", what: "rolled production back to v3: approvals drifted" },
      { at: at("2026-12-01T11:45:00Z"), by: "operator@demo.local", what: "resolved the incident: Rolled back to v3." },
    ],
    ...overrides,
  };
}

describe("the incident report", () => {
  it("renders every section of a seeded incident", () => {
    expect(buildIncidentReport(seeded())).toBe(`# Incident: Claims approvals up after v4

- **Agent:** Claims agent (\`claims-agent\`)
- **Severity:** critical
- **Status:** resolved
- **Opened:** 2026-12-01 11:02 UTC automatically by Control Room
- **Resolved:** 2026-12-01 11:45 UTC by operator@demo.local
- **Alert:** Approval rate drifted (drift, critical, outcome_rate:approved; baseline 85.0%, then 91.0%), opened 2026-12-01 11:00 UTC
- **Change point:** 2026-12-01 10:00 UTC
- **Report generated:** 2026-12-01 12:00 UTC

## Summary

Rolled back to v3. The v4 guidelines approve water damage.

## Impact

From the change point (2026-12-01 10:00 UTC) to the rollback to v3 (2026-12-01 11:30 UTC), 1 h 30 min:

- **Tasks:** 144 (approved 130, rejected 14)
- **Guard decisions:** 312 (allow 300, deny 12)

## Likely cause

Knowledge base updated (v4) 3 h before the shift (2026-12-01 07:00 UTC): claims 2025-11 → claims 2026-11.

## Timeline

- 2026-12-01 07:00 UTC — **Version** — v4 to production: v3 → v4 by developer@demo.local
- 2026-12-01 07:00 UTC — **Knowledge base** — Knowledge base updated (v4): claims 2025-11 → claims 2026-11
- 2026-12-01 10:00 UTC — **Guard decisions** — Guard: 12 denied (in this hour)
- 2026-12-01 11:00 UTC — **Alert** — Alert (critical): Approval rate drifted
- 2026-12-01 11:02 UTC — **Incident opened** — Control Room opened the incident by itself (a critical alert)
- 2026-12-01 11:30 UTC — **Rollback** — Rolled back to v3: v4 → v3 by operator@demo.local
- 2026-12-01 11:45 UTC — **Resolved** — operator@demo.local resolved the incident: Rolled back to v3.

## Actions taken

- 2026-12-01 11:02 UTC — Control Room — opened the incident (automatically, a critical alert)
- 2026-12-01 11:30 UTC — operator@demo.local — rolled production back to v3: approvals drifted
- 2026-12-01 11:45 UTC — operator@demo.local — resolved the incident: Rolled back to v3.

## Time from alert to resolution

45 min (from the alert at 2026-12-01 11:00 UTC to the resolution at 2026-12-01 11:45 UTC).

## Follow-ups

- Add an evaluation covering the knowledge-base change (claims 2025-11 → claims 2026-11) before v4 is promoted again.
- Production runs v3 after the rollback: fix and re-test the rolled-back version before promoting it again.
- Review the 12 guard denials during the incident for actions that need a policy change.
`);
  });

  it("an open incident without a rollback or a recorded change says so, and suggests re-baselining a drift it accepts", () => {
    const facts = seeded({
      incident: { ...seeded().incident, status: "open", resolvedAt: null, resolvedBy: null, summary: null, timeToResolutionMs: null },
      impact: { ...seeded().impact, fix: { kind: "ongoing" }, to: at("2026-12-01T12:00:00Z"), decisions: [] },
      likelyCause: null,
      actions: [],
    });
    const markdown = buildIncidentReport(facts);
    expect(markdown).toContain("## Summary\n\nNot resolved yet: no resolution summary.\n");
    expect(markdown).toContain("to the time of this report (2026-12-01 12:00 UTC, not fixed yet), 2 h:");
    expect(markdown).toContain("- **Guard decisions:** 0\n");
    expect(markdown).toContain("No change to the agent (version, knowledge base, policy, provider model) was recorded in the 48 h before the shift.");
    expect(markdown).toContain("## Actions taken\n\nNone recorded.\n");
    expect(markdown).toContain("Not resolved yet: open for 1 h at the time of this report.");
    expect(markdown).toContain("- **Resolved:** not yet");
    expect(deriveFollowUps(facts)).toEqual([
      "No change was recorded in the 48 h before the shift: look at the inputs (traffic mix, upstream data) for the cause.",
      "Re-baseline the drift monitor (outcome_rate:approved) if the new behaviour is accepted; otherwise roll back.",
      "Resolve the incident with a summary once the behaviour is back to normal.",
    ]);
  });

  it("an incident without an alert measures from its own opening; people's text cannot add Markdown structure", () => {
    const base = seeded();
    const markdown = buildIncidentReport(
      seeded({
        incident: { ...base.incident, alert: null, changePointAt: null, title: "Line one\n# not a heading", openedBy: "admin@demo.local" },
        alert: null,
        impact: { ...base.impact, fromWhat: "incident", from: at("2026-12-01T11:02:00Z") },
      }),
    );
    expect(markdown).toMatch(/^# Incident: Line one # not a heading\n/);
    expect(markdown).not.toMatch(/^# not a heading/m);
    expect(markdown).toContain("- **Opened:** 2026-12-01 11:02 UTC by admin@demo.local");
    expect(markdown).not.toContain("**Alert:**");
    expect(markdown).toContain("(from the incident at 2026-12-01 11:02 UTC to the resolution");
    expect(markdown).toContain("Knowledge base updated (v4) 3 h before the incident");
  });

  it("names the download after the incident's short id", () => {
    expect(reportFilename("3f1c2a9e-0000-4000-8000-000000000001")).toBe("incident-3f1c2a9e.md");
  });
});

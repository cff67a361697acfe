import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { inputChannels, outputChecks, parsePolicyDocument } from "@/lib/policies/document-schema";
import { conditionText, durationText, gateText } from "./describe-policy";

const outputCheckLabel: Record<(typeof outputChecks)[number], string> = {
  secrets: "secrets",
  cards: "card numbers",
  iban: "IBANs",
  emails: "emails",
  phones: "phone numbers",
  outOfScopeActions: "out-of-scope actions",
};

// A readable account of one document: what it allows, what it holds, what it screens. Only what the
// document writes; the rest comes from less specific scopes or the defaults.
export function PolicySummary({ document }: { document: unknown }) {
  const parsed = parsePolicyDocument(document);
  if (!parsed.success) {
    return (
      <div role="alert" className="rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger-fg">
        This document does not pass validation: {parsed.errors.join("; ")}
      </div>
    );
  }
  const policy = parsed.data;
  const input = policy.screening?.input;
  const output = policy.screening?.output;
  const loop = policy.loopBreaker;
  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]" data-testid="policy-summary">
      <Row label="Tools">
        {policy.tools === undefined ? (
          <Inherited />
        ) : policy.tools.length === 0 ? (
          "None: every action is out of scope"
        ) : (
          <ul className="flex flex-col gap-1">
            {policy.tools.map((rule) => (
              <li key={rule.tool}>
                <code className="font-mono text-xs">{rule.tool}</code>
                {rule.constraints.length ? <span className="text-fg-muted"> when {rule.constraints.map(conditionText).join(" and ")}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </Row>
      {policy.resources ? <Row label="Resources">{policy.resources.length ? policy.resources.join(", ") : "None"}</Row> : null}
      <Row label="Approval gates">
        {policy.gates === undefined ? (
          <Inherited />
        ) : policy.gates.length === 0 ? (
          "None: nothing waits for a reviewer"
        ) : (
          <ul className="flex flex-col gap-1">
            {policy.gates.map((gate) => (
              <li key={gate.id}>
                <span className="font-medium">{gate.id}</span>: <span className="text-fg-muted">{gateText(gate)}</span>
              </li>
            ))}
          </ul>
        )}
      </Row>
      <Row label="Screening">
        {input || output ? (
          <ul className="flex flex-col gap-1">
            {inputChannels
              .filter((channel) => input?.[channel])
              .map((channel) => {
                const setting = input![channel]!;
                return (
                  <li key={channel}>
                    Injection in {channel} input:{" "}
                    {setting.enabled === false ? "off" : `on${setting.sensitivity ? `, ${setting.sensitivity} sensitivity` : ""}`}
                  </li>
                );
              })}
            {output ? (
              <li>
                Output:{" "}
                {outputChecks
                  .filter((check) => output[check] !== undefined)
                  .map((check) => `${output[check] ? "block" : "allow"} ${outputCheckLabel[check]}`)
                  .join(", ")}
              </li>
            ) : null}
          </ul>
        ) : (
          <Inherited />
        )}
      </Row>
      <Row label="Budgets">
        {policy.budgets?.length ? (
          <ul className="flex flex-col gap-1">
            {policy.budgets.map((budget) => (
              <li key={budget.window}>
                Per {budget.window}: {[budget.usd !== undefined && `$${budget.usd}`, budget.tokens !== undefined && `${budget.tokens.toLocaleString("en")} tokens`].filter(Boolean).join(" and ")}
                <span className="text-fg-muted">
                  {" "}
                  — alert at {budget.alertAtPercent}%, then {budget.onExceed === "hold" ? "hold for a reviewer" : "deny"}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <Inherited />
        )}
      </Row>
      <Row label="Loop breaker">
        {loop && Object.keys(loop).length ? (
          [
            loop.sameCallMax !== undefined && `same call at most ${loop.sameCallMax}×${loop.windowSeconds !== undefined ? ` per ${durationText(loop.windowSeconds)}` : ""}`,
            loop.sameCallMax === undefined && loop.windowSeconds !== undefined && `window ${durationText(loop.windowSeconds)}`,
            loop.sessionActionMax !== undefined && `at most ${loop.sessionActionMax} actions per session`,
          ]
            .filter(Boolean)
            .join("; ")
        ) : (
          <Inherited />
        )}
      </Row>
      <Row label="Fail mode">
        {policy.failMode ? (
          <Badge tone={policy.failMode === "closed" ? "ok" : "warn"}>{policy.failMode === "closed" ? "Closed: deny when undecidable" : "Open: allow when undecidable"}</Badge>
        ) : (
          <Inherited />
        )}
      </Row>
    </dl>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-medium text-fg-muted">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}

function Inherited() {
  return <span className="text-fg-muted">Not set here (a less specific scope or the default applies)</span>;
}

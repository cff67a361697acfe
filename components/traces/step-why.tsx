import Link from "next/link";
import type { ReactNode } from "react";
import { policyScopeHref } from "@/components/policies/policy-scope-params";
import { RelativeTime } from "@/components/ui/relative-time";
import { versionHref } from "@/components/versions/version-link";
import type { StepDecision, StepLink } from "@/lib/guard/guard-decision-view";
import { describeRequest, Review } from "./guard-decision-item";
import { GuardOutcomeBadge } from "./guard-outcome";

const linkClasses = "font-medium text-accent underline-offset-2 hover:underline";
const checkLabels: Record<string, string> = { input: "Input check", action: "Action check", output: "Output check" };
const linkLabels: Record<StepLink, string> = {
  span: "asked for this step's span",
  time: "placed here by its time in the trace (the agent named no span)",
  trace: "asked for this turn (no span, no closer step)",
};

// `decisions` undefined: they could not be loaded (the page says so), which is not "not asked".
type StepWhyProps = { agentSlug: string; version: string | null; decisions: StepDecision[] | undefined };
type WhyItemProps = { decision: StepDecision; version: string | null };

// "Why did the agent do this, and was it allowed?" for one replay step: the agent version that ran the
// turn, and each guard decision placed on the step with the rule that decided and the policy versions.
export function StepWhy({ agentSlug, version, decisions }: StepWhyProps) {
  return (
    <section aria-labelledby="step-why-title" className="flex flex-col gap-2 rounded-md border border-border bg-surface-muted/40 px-3 py-2" data-testid="step-why">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id="step-why-title" className="text-xs font-semibold text-fg-muted">
          Guard at this step <span className="font-normal">· {decisions === undefined ? "unknown" : decisions.length === 0 ? "not asked" : decisions.length}</span>
        </h3>
        <p className="text-xs text-fg-muted" data-testid="step-version">
          Ran {agentSlug}{" "}
          {version ? (
            <Link href={versionHref(agentSlug, version)} className={`${linkClasses} font-mono`} title={`Version ${version} of ${agentSlug}`}>
              {version}
            </Link>
          ) : (
            <span title="The agent named no version and none was served to its session">an unknown version</span>
          )}
        </p>
      </div>
      {decisions === undefined ? (
        <p className="text-xs text-fg-muted">The guard decisions could not be loaded.</p>
      ) : decisions.length === 0 ? (
        <p className="text-xs text-fg-muted">The agent did not ask the guard before this step; no policy rule was applied to it.</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {decisions.map((decision) => (
            <WhyItem key={decision.decisionId} decision={decision} version={version} />
          ))}
        </ul>
      )}
    </section>
  );
}

// The decision's own version is shown only when it differs from the turn's (the header names that one).
function WhyItem({ decision, version }: WhyItemProps) {
  const request = describeRequest(decision);
  const slug = decision.agent.slug;
  return (
    <li className="flex flex-col gap-1.5 rounded-md border border-border bg-surface px-3 py-2 text-sm" data-testid="guard-decision" data-decision-id={decision.decisionId} data-link={decision.link}>
      <div className="flex flex-wrap items-center gap-2">
        <GuardOutcomeBadge outcome={decision.outcome} />
        <span className="font-medium text-fg">{checkLabels[decision.check] ?? decision.check}</span>
        {request ? <code className="font-mono text-xs break-words text-fg">{request}</code> : null}
        <span className="text-xs text-fg-muted">
          <RelativeTime value={decision.createdAt} />
        </span>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
        <Row label="Decided by">
          <span data-testid="decision-rule">
            {decision.rule.id ? <code className="font-mono text-fg">{decision.rule.id}</code> : null}
            {decision.rule.id ? " · " : null}
            {decision.rule.label}
          </span>
        </Row>
        {decision.reasons.length > 0 ? (
          <Row label="Because">
            <ul className="flex flex-col gap-0.5">
              {decision.reasons.map((reason, index) => (
                <li key={`${reason.code}-${index}`}>
                  <code className="font-mono text-fg-muted">{reason.code}</code> {reason.message}
                </li>
              ))}
            </ul>
          </Row>
        ) : null}
        <Row label="Policy">
          <span data-testid="decision-policy" className="flex flex-wrap gap-x-2">
            {decision.policyScopes.length === 0 ? (
              <span className="text-fg-muted">{decision.policyVersion ?? "none applied"}</span>
            ) : (
              decision.policyScopes.map((scope) => (
                <Link key={scope.scopeKey} href={policyScopeHref(slug, scope.scopeKey)} className={`${linkClasses} font-mono`} title={`The ${scope.scopeKey} policy's history (version ${scope.version})`}>
                  {scope.scopeKey}@v{scope.version}
                </Link>
              ))
            )}
          </span>
        </Row>
        {decision.version && decision.version !== version ? (
          <Row label="Asked as">
            <span data-testid="decision-version">
              version{" "}
              <Link href={versionHref(slug, decision.version)} className={`${linkClasses} font-mono`}>
                {decision.version}
              </Link>{" "}
              <span className="text-fg-muted">(not the version that ran the turn)</span>
            </span>
          </Row>
        ) : null}
        <Row label="Placed">
          <span className="text-fg-muted">{linkLabels[decision.link]}</span>
        </Row>
      </dl>
      <Review decision={decision} />
    </li>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-fg-muted">{label}</dt>
      <dd className="min-w-0 text-fg">{children}</dd>
    </>
  );
}

"use client";

import Link from "next/link";
import { useState } from "react";
import { GitPullRequestArrow } from "lucide-react";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import type { ProposalView } from "@/lib/policies/policy-view";
import { BacktestPanel } from "./backtest-panel";
import { PolicyDiff } from "./policy-diff";
import { PolicyEditor } from "./policy-editor";
import { PolicyJson, editableText } from "./policy-json";
import { PolicySummary } from "./policy-summary";
import { ProposalActions } from "./proposal-actions";
import { rolesWith, rolesWithCapital } from "@/components/auth/who-may";
import { policyScopeHref } from "./policy-scope-params";

const statusTone: Record<ProposalView["status"], Tone> = { pending: "warn", approved: "ok", rejected: "danger", withdrawn: "muted" };
const versionName = (version: number | null) => (version === null ? "no policy" : `version ${version}`);

// currentDocuments: each scope's document now (by scope key), what a pending proposal would replace.
// canBacktest: the role may run backtests (policies:propose); others see no backtest rather than a refusal.
type PolicyProposalsProps = {
  slug: string;
  proposals: ProposalView[];
  currentDocuments: Record<string, unknown>;
  canDecide: boolean;
  canBacktest: boolean;
  userId: string;
};

// Changes developers proposed: pending ones to decide (oldest first), then the recently decided.
export function PolicyProposals({ slug, proposals, currentDocuments, canDecide, canBacktest, userId }: PolicyProposalsProps) {
  const pending = proposals.filter((proposal) => proposal.status === "pending");
  const decided = proposals.filter((proposal) => proposal.status !== "pending");
  return (
    <Card aria-labelledby="policy-proposals-title">
      <CardHeader>
        <div>
          <CardTitle id="policy-proposals-title">Proposals</CardTitle>
          <CardDescription>
            {rolesWithCapital("policies:propose")} propose changes; {rolesWith("policies:manage")} approve them into a new version or reject them.
          </CardDescription>
        </div>
        <Badge tone={pending.length ? "warn" : "muted"}>{pending.length} pending</Badge>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {pending.length === 0 ? (
          <EmptyState
            icon={<GitPullRequestArrow />}
            title="No pending proposals"
            description="A developer's proposed change appears here for an admin to approve or reject."
          />
        ) : (
          <ul className="flex flex-col gap-3" aria-label="Pending proposals">
            {pending.map((proposal) => (
              <PendingProposal
                key={proposal.id}
                slug={slug}
                proposal={proposal}
                current={currentDocuments[proposal.scopeKey] ?? null}
                canDecide={canDecide}
                canBacktest={canBacktest}
                isProposer={proposal.proposedBy?.id === userId}
              />
            ))}
          </ul>
        )}
        {decided.length ? (
          <details>
            <summary className="cursor-pointer text-sm font-medium text-fg-muted">Recently decided ({decided.length})</summary>
            <ul className="mt-2 flex flex-col divide-y divide-border text-sm" aria-label="Decided proposals">
              {decided.map((proposal) => (
                <li key={proposal.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                  <Badge tone={statusTone[proposal.status]}>{proposal.status}</Badge>
                  <span className="font-medium">{proposal.scopeLabel}</span>
                  <span className="text-fg-muted">“{proposal.note}” by {proposal.proposedBy?.name ?? "a deleted user"}</span>
                  <span className="text-fg-muted">
                    {proposal.decidedBy ? `${proposal.decidedBy.name}, ` : ""}
                    <RelativeTime value={proposal.decidedAt} />
                  </span>
                  {proposal.decisionNote ? <span className="w-full text-xs text-fg-muted">{proposal.decisionNote}</span> : null}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </CardContent>
    </Card>
  );
}

type PendingProposalProps = { slug: string; proposal: ProposalView; current: unknown; canDecide: boolean; canBacktest: boolean; isProposer: boolean };

function PendingProposal({ slug, proposal, current, canDecide, canBacktest, isProposer }: PendingProposalProps) {
  const [view, setView] = useState(false);
  const [editing, setEditing] = useState(false);
  return (
    <li className="flex flex-col gap-2 rounded-md border border-border p-3" data-testid="policy-proposal">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <Badge tone={statusTone.pending}>pending</Badge>
        <Link href={policyScopeHref(slug, proposal.scopeKey)} className="font-medium text-accent hover:underline">
          {proposal.scopeLabel}
        </Link>
        <span className="text-fg-muted">
          by {proposal.proposedBy?.name ?? "a deleted user"}, <RelativeTime value={proposal.proposedAt} />
        </span>
        <span className="text-fg-muted">against {versionName(proposal.baseVersion)}</span>
        {proposal.stale ? <Badge tone="danger">Out of date: the scope is now at {versionName(proposal.currentVersion)}</Badge> : null}
      </div>
      <p className="text-sm">{proposal.note}</p>
      {/* Before the Approve button, run as soon as the proposal is shown. In the browser rather than in the
          page: replaying up to 50,000 decisions per pending proposal would hold up the page's first paint
          and rerun on every refresh; the query caches it per document. While editing, the editor's own
          backtest covers the edited draft. */}
      {canBacktest && !editing ? <BacktestPanel slug={slug} scopeKey={proposal.scopeKey} document={proposal.document} runOnShow /> : null}
      {editing ? (
        <PolicyEditor
          slug={slug}
          scope={{ key: proposal.scopeKey, label: proposal.scopeLabel, workflow: proposal.workflow, decisionType: proposal.decisionType }}
          mode="approve"
          proposalId={proposal.id}
          initialText={editableText(proposal.document)}
          baseVersion={proposal.currentVersion}
          onDone={() => setEditing(false)}
        />
      ) : (
        <div className="flex flex-wrap items-center gap-2">
          <Button size="sm" variant="ghost" aria-expanded={view} onClick={() => setView(!view)}>
            {view ? "Hide changes" : "View changes"}
          </Button>
          <ProposalActions slug={slug} proposal={proposal} canDecide={canDecide} isProposer={isProposer} onEdit={() => setEditing(true)} />
        </div>
      )}
      {view && !editing ? (
        <div className="flex flex-col gap-3">
          <PolicyDiff before={current} after={proposal.document} beforeLabel={versionName(proposal.currentVersion)} afterLabel="the proposal" />
          <PolicySummary document={proposal.document} />
          <PolicyJson document={proposal.document} label="Proposed JSON" />
        </div>
      ) : null}
    </li>
  );
}

"use client";

import { ArrowUpToLine, FlaskConical, GitCompare, Rocket, Send, Undo2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { promoteVersionAction } from "@/app/(dashboard)/agents/[slug]/versions/actions";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toaster";
import type { PromoteInput, VersionStage } from "@/lib/versions/schemas";
import { StageDialog } from "./stage-dialog";
import { compareHref } from "./version-link";

export type VersionActionsProps = {
  slug: string;
  label: string;
  stage: VersionStage;
  production: string | null;
  /** A canary of this agent, if one runs (possibly this version). */
  canary: { label: string; percent: number } | null;
  /** From the permission table, only to hide or disable controls; lib/versions enforces every move. */
  can: { promote: boolean; requestProduction: boolean; deploy: boolean };
  /** "developers and admins", worded from the permission table. */
  movers: string;
  approvers: string;
  /** A production request for this version already waits for a reviewer. */
  requested: boolean;
  /** What the agent's evaluation gate says of this version (lib/evals/runs/gate-status.ts). */
  gate: "none" | "passed" | "failed";
};

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

// One control per move the viewer's role allows, each saying what it does; a move the role cannot make
// yet is shown disabled with the reason, so a developer knows why a canary needs an admin.
export function VersionActions({ slug, label, stage, production, canary, can, movers, approvers, requested, gate }: VersionActionsProps) {
  const router = useRouter();
  const gated = gate === "passed";
  const ungatedNote = gated ? "A passed run of the gating suite vouches for it." : "Ungated: no evaluation vouches for it yet.";

  async function promote(input: PromoteInput) {
    const result = await promoteVersionAction(slug, label, input);
    if (!result.ok) throw new Error(result.error.message);
    toast.success(result.data.kind === "requested" ? `Production requested for ${label}: ${approvers} decide on the Approvals page` : `${label} is in ${result.data.stage}`);
    router.refresh();
  }

  const otherCanary = canary && canary.label !== label ? canary : null;
  const endsCanary = otherCanary ? ` The canary ${otherCanary.label} (${otherCanary.percent}%) ends and goes back to staging.` : "";
  const items: ReactNode[] = [];

  if (can.promote && (stage === "development" || stage === "retired")) {
    items.push(
      <Action key="staging" explain="A staging version is a candidate: nothing the agent runs changes.">
        <StageDialog
          trigger={<Button><ArrowUpToLine aria-hidden="true" />Move to staging</Button>}
          title={`Move ${label} to staging?`}
          consequence={`${label} becomes a candidate for a canary or production. No session is served it yet.`}
          confirmLabel="Move to staging"
          reason="none"
          onConfirm={() => promote({ stage: "staging" })}
        />
      </Action>,
    );
  }

  if (can.promote && stage !== "canary" && stage !== "production") {
    const refusal = !production
      ? "A canary splits traffic with production: nothing is in production yet."
      : otherCanary
        ? `${otherCanary.label} is in canary: end it first.`
        : !can.deploy && gate === "none"
          ? "This agent has no evaluation gate yet: only admins start a canary (with a reason; it is marked ungated)."
          : !can.deploy && gate === "failed"
            ? `The gating suite has not passed on ${label}: fix the version and run the suite again (see the gate above).`
            : !can.deploy && stage !== "staging"
              ? "Move the version to staging first."
              : null;
    items.push(
      <Action key="canary" explain={refusal ?? `A share of sessions gets ${label}; the rest stay on ${production}. ${gated ? "A passed run of the gating suite vouches for it." : "Marked ungated: no evaluation vouches for it yet."}`} refused={Boolean(refusal)}>
        {refusal ? (
          <Button disabled>
            <FlaskConical aria-hidden="true" />
            Start canary
          </Button>
        ) : (
          <StageDialog
            trigger={<Button><FlaskConical aria-hidden="true" />Start canary</Button>}
            title={`Start a canary of ${label}?`}
            consequence={`New sessions get ${label} at the share you set (sticky per session); the others keep ${production}. ${gated ? "A passed run of the gating suite vouches for it." : `Ungated: no evaluation vouches for ${label}, so a reason is required.`}`}
            confirmLabel="Start canary"
            reason={gated ? "optional" : "required"}
            askShare
            onConfirm={({ reason, canaryPercent }) => promote({ stage: "canary", canaryPercent, reason })}
          />
        )}
      </Action>,
    );
  }

  if (can.deploy && stage === "canary") {
    items.push(
      <Action key="share" explain="A session keeps the version it was first served; new sessions split at the new share.">
        <StageDialog
          trigger={<Button><FlaskConical aria-hidden="true" />Change share</Button>}
          title={`Change the canary share of ${label}?`}
          consequence={`${label} gets ${canary?.percent ?? "?"}% of sessions now; new sessions split at the share you set. ${gated ? "" : `Ungated: no evaluation vouches for ${label}, so a reason is required.`}`}
          confirmLabel="Change share"
          reason={gated ? "optional" : "required"}
          askShare
          initialShare={canary?.percent}
          onConfirm={({ reason, canaryPercent }) => promote({ stage: "canary", canaryPercent, reason })}
        />
      </Action>,
    );
  }

  if (can.promote && stage === "canary") {
    items.push(
      <Action key="end" explain={`${label} goes back to staging; its sessions get ${production ?? "production"} on their next config call.`}>
        <StageDialog
          trigger={<Button><Undo2 aria-hidden="true" />End canary</Button>}
          title={`End the canary of ${label}?`}
          consequence={`${label} goes back to staging. Every session it served gets ${production ?? "the production version"} on its next config call.`}
          confirmLabel="End canary"
          reason="optional"
          reasonLabel="Reason (optional, recorded in the timeline)"
          onConfirm={({ reason }) => promote({ stage: "staging", ...(reason ? { reason } : {}) })}
        />
      </Action>,
    );
  }

  if (can.requestProduction && !can.deploy && stage !== "production") {
    const eligible = stage === "canary" || (stage === "staging" && !production);
    const refusal = requested
      ? `Already asked: waiting for ${approvers}.`
      : eligible
        ? null
        : production
          ? `Production is asked for from canary: ${gate === "none" ? "an admin starts" : "start"} a canary of this version first.`
          : "Move the version to staging first.";
    items.push(
      <Action key="ask" explain={refusal ?? `${capital(approvers)} decide the request; until then nothing changes.`} refused={Boolean(refusal)}>
        {refusal ? (
          <Button disabled>
            <Send aria-hidden="true" />
            Ask for production
          </Button>
        ) : (
          <StageDialog
            trigger={<Button variant="primary"><Send aria-hidden="true" />Ask for production</Button>}
            title={`Ask for ${label} in production?`}
            consequence={`A request goes to ${approvers} (not you). If approved, ${label} replaces ${production ?? "nothing"} for every session's next config call. ${ungatedNote}`}
            confirmLabel="Ask for production"
            reason="optional"
            reasonLabel="Note for the reviewer (optional)"
            onConfirm={({ reason }) => promote({ stage: "production", ...(reason ? { reason } : {}) })}
          />
        )}
      </Action>,
    );
  }

  if (can.deploy && stage !== "production") {
    items.push(
      <Action key="deploy" explain={gated ? "Deploys without a reviewer, with a reason." : "Deploys without a reviewer or an evaluation: marked ungated, reason required."}>
        <StageDialog
          trigger={<Button variant="danger"><Rocket aria-hidden="true" />Deploy to production</Button>}
          title={`Deploy ${label} to production?`}
          consequence={`${production ? `Production goes from ${production} to ${label}` : `${label} becomes the first production version`}: the next config call of every session gets it.${endsCanary} ${gated ? "A passed run of the gating suite vouches for it." : `Ungated: no evaluation vouches for ${label}.`}`}
          confirmLabel="Deploy to production"
          variant="danger"
          reason="required"
          onConfirm={({ reason }) => promote({ stage: "production", reason })}
        />
      </Action>,
    );
  }

  return (
    <div className="flex flex-col gap-3" data-testid="version-actions">
      {stage === "production" ? <p className="text-sm text-fg-muted">{label} is in production. To replace it, promote another version; to go back, roll back from the agent's header.</p> : null}
      {items.length === 0 && stage !== "production" ? <p className="text-sm text-fg-muted">Only {movers} move versions between stages.</p> : null}
      {items.length > 0 ? <ul className="flex flex-col gap-3">{items}</ul> : null}
      {production && production !== label ? (
        <Button asChild className="self-start">
          <Link href={compareHref(slug, production, label)}>
            <GitCompare aria-hidden="true" />
            Compare with production ({production})
          </Link>
        </Button>
      ) : null}
    </div>
  );
}

function Action({ children, explain, refused = false }: { children: ReactNode; explain: string; refused?: boolean }) {
  return (
    <li className="flex flex-col gap-1">
      <div>{children}</div>
      <p className={refused ? "text-xs text-warn-fg" : "text-xs text-fg-muted"}>{explain}</p>
    </li>
  );
}

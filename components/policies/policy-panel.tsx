"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ShieldCheck } from "lucide-react";
import { deletePolicyAction } from "@/app/(dashboard)/agents/[slug]/policies/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { toast } from "@/components/ui/toaster";
import type { PolicyVersionView, PolicyView } from "@/lib/policies/policy-view";
import { PolicyEditor } from "./policy-editor";
import { PolicyHistory } from "./policy-history";
import { PolicyJson, editableText, newPolicyTemplate } from "./policy-json";
import { PolicySummary } from "./policy-summary";
import { rolesWith, rolesWithCapital } from "@/components/auth/who-may";

export type PolicyPanelProps = {
  slug: string;
  scope: { key: string; label: string; workflow: string; decisionType: string };
  policy: PolicyView | null;
  versions: PolicyVersionView[];
  can: { manage: boolean; propose: boolean };
  // A scope just opened with "New scope": straight to the editor.
  startEditing?: boolean;
};

// One scope: its readable summary, the editor (admins save, developers propose), delete, history.
export function PolicyPanel({ slug, scope, policy, versions, can, startEditing = false }: PolicyPanelProps) {
  const router = useRouter();
  const [editing, setEditing] = useState(startEditing && (can.manage || can.propose));
  const mode = can.manage ? "save" : "propose";
  const editLabel = can.manage ? (policy ? "Edit" : "Write policy") : "Propose change";

  const editor = (
    <PolicyEditor
      slug={slug}
      scope={scope}
      mode={mode}
      initialText={policy ? editableText(policy.document) : newPolicyTemplate}
      baseVersion={policy?.version ?? null}
      onDone={() => setEditing(false)}
    />
  );

  return (
    <div className="flex flex-col gap-4">
      <Card aria-labelledby="policy-scope-title">
        <CardHeader className="flex-wrap">
          <div className="flex flex-wrap items-center gap-2">
            <CardTitle id="policy-scope-title">{scope.label}</CardTitle>
            {policy ? <Badge tone="info">Version {policy.version}</Badge> : <Badge>No policy</Badge>}
            {policy ? (
              <span className="text-xs text-fg-muted">
                updated <RelativeTime value={policy.updatedAt} />
                {policy.updatedBy ? ` by ${policy.updatedBy.name}` : ""}
              </span>
            ) : null}
          </div>
          {!editing && (can.manage || can.propose) ? (
            <div className="flex flex-wrap gap-2">
              <Button size="sm" variant="primary" onClick={() => setEditing(true)}>
                {editLabel}
              </Button>
              {can.manage && policy ? (
                <ConfirmDialog
                  trigger={
                    <Button size="sm" variant="danger">
                      Delete
                    </Button>
                  }
                  title={`Delete the ${scope.label.toLowerCase()} policy?`}
                  consequence={
                    scope.key === "agent"
                      ? "The guard stops applying it at once. With no agent-wide policy the agent may use no tool (default deny) unless a more specific scope allows it. Its history goes too; the audit log keeps the last document."
                      : "The guard stops applying it at once: requests in this scope fall back to the less specific policies. Its history goes too; the audit log keeps the last document."
                  }
                  confirmLabel="Delete policy"
                  requireReason
                  onConfirm={async (reason) => {
                    const result = await deletePolicyAction(slug, scope.key, reason ?? "", policy.version);
                    if (!result.ok) throw new Error(result.error.message);
                    toast.success(`Deleted the ${scope.label.toLowerCase()} policy`);
                    router.push(`/agents/${slug}/policies`);
                  }}
                />
              ) : null}
            </div>
          ) : null}
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          {editing ? (
            editor
          ) : policy ? (
            <>
              <PolicySummary document={policy.document} />
              <PolicyJson document={policy.document} label="Show the JSON document" />
            </>
          ) : (
            <EmptyState
              icon={<ShieldCheck />}
              title="No policy for this scope yet"
              description={
                can.manage
                  ? "Write one: the guard applies it to requests in this scope, over the less specific scopes."
                  : can.propose
                    ? `Propose one: ${rolesWith("policies:manage")} review it before the guard applies it.`
                    : `${rolesWithCapital("policies:manage")} write policies; ${rolesWith("policies:propose")} may propose them.`
              }
            />
          )}
        </CardContent>
      </Card>
      {policy ? <PolicyHistory slug={slug} scope={scope} currentVersion={policy.version} versions={versions} canRestore={can.manage} /> : null}
    </div>
  );
}

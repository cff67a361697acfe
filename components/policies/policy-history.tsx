"use client";

import { Fragment, useState } from "react";
import { restorePolicyAction } from "@/app/(dashboard)/agents/[slug]/policies/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { toast } from "@/components/ui/toaster";
import type { PolicyVersionView } from "@/lib/policies/policy-view";
import { PolicyDiff } from "./policy-diff";
import { PolicyJson } from "./policy-json";
import { PolicySummary } from "./policy-summary";

type PolicyHistoryProps = {
  slug: string;
  scope: { key: string; label: string };
  currentVersion: number;
  versions: PolicyVersionView[];
  canRestore: boolean;
};

// Every version of one scope, newest first: who wrote it, when and why; any one can be read, and
// admins bring an old one back as the next version.
export function PolicyHistory({ slug, scope, currentVersion, versions, canRestore }: PolicyHistoryProps) {
  const [open, setOpen] = useState<number | null>(null);
  return (
    <section aria-labelledby="policy-history-title" className="flex flex-col gap-2">
      <h3 id="policy-history-title" className="text-sm font-semibold">
        Version history
      </h3>
      <Table label={`Versions of the ${scope.label.toLowerCase()} policy`} containerClassName="max-h-[32rem]">
        <THead>
          <TR>
            <TH>Version</TH>
            <TH>When</TH>
            <TH>By</TH>
            <TH>Note</TH>
            <TH>
              <span className="sr-only">Actions</span>
            </TH>
          </TR>
        </THead>
        <TBody>
          {versions.map((version, index) => (
            <Fragment key={version.version}>
              <TR data-testid={`policy-version-${version.version}`}>
                <TD>
                  <span className="flex items-center gap-2">
                    v{version.version}
                    {version.version === currentVersion ? <Badge tone="ok">Current</Badge> : null}
                  </span>
                </TD>
                <TD>
                  <RelativeTime value={version.createdAt} />
                </TD>
                <TD>{version.createdBy ? <span title={version.createdBy.email}>{version.createdBy.name}</span> : <span className="text-fg-muted">System</span>}</TD>
                <TD className="max-w-md">{version.note || <span className="text-fg-muted">—</span>}</TD>
                <TD>
                  <span className="flex justify-end gap-2">
                    <Button size="sm" variant="ghost" aria-expanded={open === version.version} onClick={() => setOpen(open === version.version ? null : version.version)}>
                      {open === version.version ? "Hide" : "View"}
                      <span className="sr-only"> version {version.version}</span>
                    </Button>
                    {canRestore && version.version !== currentVersion ? (
                      <ConfirmDialog
                        trigger={
                          <Button size="sm">
                            Restore<span className="sr-only"> version {version.version}</span>
                          </Button>
                        }
                        variant="primary"
                        title={`Restore version ${version.version}?`}
                        consequence={`Its document becomes version ${currentVersion + 1} of the ${scope.label.toLowerCase()} policy, and the guard applies it at once. The history keeps every version.`}
                        confirmLabel={`Restore as version ${currentVersion + 1}`}
                        onConfirm={async () => {
                          const result = await restorePolicyAction(slug, scope.key, version.version, currentVersion);
                          if (!result.ok) throw new Error(result.error.message);
                          toast.success(`Restored version ${version.version} as version ${result.data}`);
                        }}
                      />
                    ) : null}
                  </span>
                </TD>
              </TR>
              {open === version.version ? (
                <TR>
                  <TD colSpan={5} className="bg-surface-muted/40">
                    <div className="flex flex-col gap-3 py-2">
                      <VersionChanges version={version} previous={versions[index + 1]} />
                      <PolicySummary document={version.document} />
                      <PolicyJson document={version.document} label={`JSON of version ${version.version}`} />
                    </div>
                  </TD>
                </TR>
              ) : null}
            </Fragment>
          ))}
        </TBody>
      </Table>
    </section>
  );
}

// What one version changed from the one before it (the list is newest first; the oldest version shown
// may not be the first one ever written).
function VersionChanges({ version, previous }: { version: PolicyVersionView; previous: PolicyVersionView | undefined }) {
  if (!previous && version.version > 1) return null;
  return (
    <PolicyDiff
      before={previous?.document ?? null}
      after={version.document}
      beforeLabel={previous ? `version ${previous.version}` : "no policy"}
      afterLabel={`version ${version.version}`}
    />
  );
}

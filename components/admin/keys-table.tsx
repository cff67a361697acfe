"use client";

import Link from "next/link";
import { revokeKeyAction } from "@/app/(dashboard)/admin/keys/actions";
import type { KeyView } from "@/lib/keys/key-view";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { toast } from "@/components/ui/toaster";

export function KeysTable({ keys, canManage }: { keys: KeyView[]; canManage: boolean }) {
  return (
    <Table label="API keys">
      <THead>
        <tr>
          <TH>Name</TH>
          <TH>Kind</TH>
          <TH>Belongs to</TH>
          <TH>Key</TH>
          <TH>Created</TH>
          <TH>Last used</TH>
          <TH>Status</TH>
          {canManage ? (
            <TH>
              <span className="sr-only">Actions</span>
            </TH>
          ) : null}
        </tr>
      </THead>
      <TBody>
        {keys.map((apiKey) => (
          <TR key={apiKey.id} data-key={apiKey.name} className={apiKey.revokedAt ? "text-fg-muted" : undefined}>
            <TD className="font-medium">{apiKey.name}</TD>
            <TD>
              <Badge tone={apiKey.kind === "admin" ? "info" : "muted"}>{apiKey.kind === "admin" ? "Admin" : "Agent"}</Badge>
            </TD>
            <TD>
              {apiKey.agent ? (
                <Link href={`/agents/${apiKey.agent}`} className="font-mono text-xs text-accent underline-offset-2 hover:underline">
                  {apiKey.agent}
                </Link>
              ) : (
                apiKey.user ?? "—"
              )}
            </TD>
            <TD>
              <code className="font-mono text-xs" title="The first characters of the key; the rest is never stored">
                {apiKey.prefix}…
              </code>
            </TD>
            <TD>
              <RelativeTime value={apiKey.createdAt} />
            </TD>
            <TD>
              <RelativeTime value={apiKey.lastUsedAt} emptyLabel="Never" />
            </TD>
            <TD>
              {apiKey.revokedAt ? (
                <span className="inline-flex items-center gap-1.5">
                  <Badge tone="danger" dot>
                    Revoked
                  </Badge>
                  <RelativeTime value={apiKey.revokedAt} className="text-xs" />
                </span>
              ) : (
                <Badge tone="ok" dot>
                  Active
                </Badge>
              )}
            </TD>
            {canManage ? (
              <TD className="text-right">{apiKey.revokedAt ? null : <RevokeKeyButton apiKey={apiKey} />}</TD>
            ) : null}
          </TR>
        ))}
      </TBody>
    </Table>
  );
}

function RevokeKeyButton({ apiKey }: { apiKey: KeyView }) {
  async function revoke() {
    const result = await revokeKeyAction(apiKey.id);
    if (!result.ok) {
      toast.error(result.error.message);
      throw new Error(result.error.message);
    }
    toast.success(`Revoked key ${apiKey.name} (${apiKey.prefix}…)`);
  }

  const consequence =
    apiKey.kind === "agent"
      ? `Agents using this key get 401 from their next request. ${apiKey.agent} needs a new key to keep sending traces and guard checks.`
      : `Scripts using this key get 401 from their next request.`;
  return (
    <ConfirmDialog
      trigger={
        <Button size="sm" variant="ghost" className="text-danger-fg">
          Revoke<span className="sr-only"> key {apiKey.name} ({apiKey.prefix})</span>
        </Button>
      }
      title={`Revoke key ${apiKey.name} (${apiKey.prefix}…)?`}
      consequence={consequence}
      confirmLabel="Revoke"
      onConfirm={revoke}
    />
  );
}

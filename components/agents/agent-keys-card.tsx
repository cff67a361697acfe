import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { KeyView } from "@/lib/keys/key-view";
import { keysHref } from "@/components/admin/key-filter-params";

const linkClasses = "text-xs font-medium text-accent underline-offset-2 hover:underline";

export function AgentKeysCard({ slug, keys }: { slug: string; keys: KeyView[] }) {
  const keysLink = keysHref(slug);
  return (
    <Card aria-labelledby="agent-keys-title" data-testid="agent-keys">
      <CardHeader>
        <div className="flex flex-col gap-0.5">
          <CardTitle id="agent-keys-title">Active API keys</CardTitle>
          <CardDescription>The agent sends one of these as Authorization: Bearer &lt;key&gt;.</CardDescription>
        </div>
        {keys.length > 0 ? (
          <Link href={keysLink} className={linkClasses}>
            Manage keys
          </Link>
        ) : null}
      </CardHeader>
      {keys.length === 0 ? (
        <CardContent>
          <p className="text-sm text-fg-muted">
            No active keys: this agent cannot send traces or call the guard until it has one.{" "}
            <Link href={keysLink} className={linkClasses}>
              Create a key
            </Link>
          </p>
        </CardContent>
      ) : (
        <CardContent className="p-0">
          <Table label={`API keys of ${slug}`} containerClassName="rounded-none border-0">
            <THead>
              <tr>
                <TH>Name</TH>
                <TH>Prefix</TH>
                <TH>Created</TH>
                <TH>Last used</TH>
              </tr>
            </THead>
            <TBody>
              {keys.map((key) => (
                <TR key={key.id}>
                  <TD>{key.name}</TD>
                  <TD>
                    <code className="font-mono text-xs">{key.prefix}…</code>
                  </TD>
                  <TD>
                    <RelativeTime value={key.createdAt} />
                  </TD>
                  <TD>
                    <RelativeTime value={key.lastUsedAt} emptyLabel="never" />
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </CardContent>
      )}
    </Card>
  );
}

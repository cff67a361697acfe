import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { VersionSummary } from "@/lib/versions/version-view";
import { StageBadge, UngatedBadge } from "./stage-badge";
import { VersionLink } from "./version-link";

// Every version of an agent, newest first; each row links to its bundle.
export function VersionsTable({ slug, versions }: { slug: string; versions: VersionSummary[] }) {
  return (
    <Table label="Versions">
      <THead>
        <tr>
          <TH>Version</TH>
          <TH>Stage</TH>
          <TH numeric>Traffic</TH>
          <TH>Model</TH>
          <TH>Message</TH>
          <TH>Author</TH>
          <TH>Created</TH>
        </tr>
      </THead>
      <TBody>
        {versions.map((version) => (
          <TR key={version.id} data-testid="version-row" data-label={version.label}>
            <TD>
              <VersionLink slug={slug} label={version.label} />
            </TD>
            <TD>
              <span className="flex items-center gap-1.5">
                <StageBadge stage={version.stage} />
                {version.ungated && (version.stage === "production" || version.stage === "canary") ? <UngatedBadge /> : null}
              </span>
            </TD>
            <TD numeric>{version.trafficPercent > 0 ? `${version.trafficPercent}%` : <span className="text-fg-muted">0%</span>}</TD>
            <TD>
              <span className="font-mono text-xs">{version.model}</span>
            </TD>
            <TD>
              <span className="line-clamp-2 max-w-md" title={version.message}>
                {version.message}
              </span>
            </TD>
            <TD>
              <span className="text-xs">{version.createdBy}</span>
            </TD>
            <TD>
              <RelativeTime value={version.createdAt} />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}

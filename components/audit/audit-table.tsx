import type { listAudit } from "@/lib/audit/list-audit";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { cutWithEllipsis } from "@/lib/text/cut-text";

export type AuditRow = Awaited<ReturnType<typeof listAudit>>["entries"][number];

type Change = { key: string; before: unknown; after: unknown; kind: "changed" | "added" | "removed" };

const maxChangesShown = 4;
const maxValueLength = 48;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

// The keys whose values differ between before and after; a create lists what was set, a delete what was removed.
function changesOf(before: unknown, after: unknown): Change[] {
  const beforeRecord = isRecord(before) ? before : before == null ? {} : { value: before };
  const afterRecord = isRecord(after) ? after : after == null ? {} : { value: after };
  const keys = [...new Set([...Object.keys(beforeRecord), ...Object.keys(afterRecord)])];
  return keys.flatMap((key): Change[] => {
    const hadKey = key in beforeRecord;
    const hasKey = key in afterRecord;
    if (hadKey && hasKey && same(beforeRecord[key], afterRecord[key])) return [];
    const kind = hadKey && hasKey ? "changed" : hasKey ? "added" : "removed";
    return [{ key, before: beforeRecord[key], after: afterRecord[key], kind }];
  });
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  const text =
    typeof value === "string"
      ? value
      : Array.isArray(value) && value.every((item) => typeof item !== "object" || item === null)
        ? `[${value.join(", ")}]`
        : typeof value === "object"
          ? JSON.stringify(value)
          : String(value);
  return cutWithEllipsis(text, maxValueLength);
}

const shortId = (id: string) => (id.length > 12 ? `${id.slice(0, 8)}…` : id);

function ChangeSummary({ entry }: { entry: AuditRow }) {
  const changes = changesOf(entry.before, entry.after);
  if (changes.length === 0 && entry.before == null && entry.after == null) return <span className="text-fg-muted">—</span>;
  const hidden = changes.length - maxChangesShown;
  return (
    <div className="flex flex-col gap-1">
      {changes.length ? (
        <ul className="flex flex-col gap-0.5 text-xs">
          {changes.slice(0, maxChangesShown).map((change) => (
            <li key={change.key} className="break-words">
              <span className="font-mono font-medium">{change.key}</span>:{" "}
              {change.kind === "added" ? (
                formatValue(change.after)
              ) : (
                <>
                  <span className={change.kind === "removed" ? "line-through" : undefined}>{formatValue(change.before)}</span>{" "}
                  <span aria-hidden="true">→</span>
                  <span className="sr-only">became</span> {formatValue(change.after)}
                </>
              )}
            </li>
          ))}
          {hidden > 0 ? <li className="text-fg-muted">+{hidden} more</li> : null}
        </ul>
      ) : (
        <span className="text-xs text-fg-muted">No field changed</span>
      )}
      <details className="text-xs">
        <summary className="w-fit cursor-pointer rounded-sm text-accent">
          Full entry<span className="sr-only"> #{entry.seq}</span>
        </summary>
        <pre className="mt-1 max-h-64 max-w-xl overflow-auto rounded-md border border-border bg-surface-muted p-2 font-mono whitespace-pre-wrap break-all">
          {JSON.stringify(
            { targetId: entry.targetId, teamId: entry.teamId, before: entry.before, after: entry.after, hash: entry.hash, prevHash: entry.prevHash },
            null,
            2,
          )}
        </pre>
      </details>
    </div>
  );
}

export function AuditTable({ entries }: { entries: AuditRow[] }) {
  return (
    <Table label="Audit log entries">
      <THead>
        <tr>
          <TH numeric>#</TH>
          <TH>When</TH>
          <TH>Actor</TH>
          <TH>Action</TH>
          <TH>Target</TH>
          <TH>Change</TH>
        </tr>
      </THead>
      <TBody>
        {entries.map((entry) => (
          <TR key={entry.seq} className="align-top">
            <TD numeric className="align-top text-fg-muted">
              {entry.seq}
            </TD>
            <TD className="align-top">
              <RelativeTime value={entry.at} />
            </TD>
            <TD className="align-top">
              <div className="flex flex-col gap-0.5">
                <span className="break-all">{entry.actorLabel}</span>
                <span className="text-xs text-fg-muted">{entry.actorType}</span>
              </div>
            </TD>
            <TD className="align-top">
              <code className="font-mono text-xs whitespace-nowrap">{entry.action}</code>
            </TD>
            <TD className="align-top">
              <div className="flex flex-col items-start gap-0.5">
                <Badge>{entry.targetType}</Badge>
                {entry.targetLabel ? (
                  <span className="text-xs font-medium break-all text-fg" title={entry.targetId ?? undefined} data-testid="audit-target">
                    {entry.targetLabel}
                  </span>
                ) : entry.targetId ? (
                  <code className="font-mono text-xs text-fg-muted" title={entry.targetId} data-testid="audit-target">
                    {shortId(entry.targetId)}
                  </code>
                ) : null}
              </div>
            </TD>
            <TD className="align-top">
              <ChangeSummary entry={entry} />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}

import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import type { ValueChange, VersionChanges } from "@/lib/versions/compare-versions";

const show = (value: unknown) => (value === null || value === undefined ? "none" : typeof value === "string" ? value : JSON.stringify(value));
const kb = (value: { id: string; version: string } | null) => (value ? `${value.id} @ ${value.version}` : "none");

const changeTone = { added: "ok", removed: "danger", changed: "info" } as const;

// Everything but the prompt that differs between base and head, one line each.
export function ChangeList({ changes }: { changes: VersionChanges }) {
  const items: ReactNode[] = [];
  if (changes.model) items.push(<FromTo key="model" what="Model" from={changes.model.from} to={changes.model.to} />);
  for (const change of changes.params) items.push(<Keyed key={`param-${change.key}`} what="Parameter" change={change} />);
  if (changes.knowledgeBase) items.push(<FromTo key="kb" what="Knowledge base" from={kb(changes.knowledgeBase.from)} to={kb(changes.knowledgeBase.to)} />);
  for (const change of changes.tools) items.push(<Keyed key={`tool-${change.key}`} what="Tool" change={change} configOnly />);
  if (changes.policyVersion) items.push(<FromTo key="policy" what="Policy version" from={show(changes.policyVersion.from)} to={show(changes.policyVersion.to)} />);
  if (items.length === 0) return <p className="text-sm text-fg-muted">Model, parameters, knowledge base, tools and policy version are the same.</p>;
  return (
    <ul className="flex flex-col gap-2 text-sm" data-testid="change-list">
      {items}
    </ul>
  );
}

function FromTo({ what, from, to }: { what: string; from: string; to: string }) {
  return (
    <li className="flex flex-wrap items-baseline gap-2">
      <Badge tone="info">changed</Badge>
      <span className="font-medium">{what}</span>
      <code className="font-mono text-xs text-danger-fg line-through decoration-1">{from}</code>
      <span aria-hidden="true">→</span>
      <span className="sr-only">to</span>
      <code className="font-mono text-xs text-ok-fg">{to}</code>
    </li>
  );
}

function Keyed({ what, change, configOnly = false }: { what: string; change: ValueChange; configOnly?: boolean }) {
  return (
    <li className="flex flex-wrap items-baseline gap-2">
      <Badge tone={changeTone[change.change]}>{change.change}</Badge>
      <span className="font-medium">
        {what} <code className="font-mono text-xs">{change.key}</code>
        {configOnly && change.change === "changed" ? " (configuration)" : ""}
      </span>
      {change.change === "changed" ? (
        <>
          <code className="max-w-md truncate font-mono text-xs text-danger-fg line-through decoration-1" title={show(change.from)}>
            {show(change.from)}
          </code>
          <span aria-hidden="true">→</span>
          <span className="sr-only">to</span>
          <code className="max-w-md truncate font-mono text-xs text-ok-fg" title={show(change.to)}>
            {show(change.to)}
          </code>
        </>
      ) : change.change === "added" && !configOnly ? (
        <code className="font-mono text-xs text-ok-fg">{show(change.to)}</code>
      ) : change.change === "removed" && !configOnly ? (
        <code className="font-mono text-xs text-danger-fg line-through decoration-1">{show(change.from)}</code>
      ) : null}
    </li>
  );
}

import { actionParams } from "@/lib/approvals/action-display";
import { cn } from "@/components/ui/cn";

type Action = Parameters<typeof actionParams>[0];

// Every parameter of the action, wrapped rather than cut off: a reviewer deciding a purchase needs the
// quantity, unit price and cost centre, not the first three fields and an ellipsis.
export function ActionParams({ action, className }: { action: Action; className?: string }) {
  const params = actionParams(action);
  if (params.length === 0) return null;
  return (
    <dl className={cn("grid max-w-96 min-w-56 grid-cols-[auto_minmax(8rem,1fr)] gap-x-2 text-xs", className)} data-testid="action-params">
      {params.map(({ name, value }) => (
        <div key={name} className="contents">
          <dt className="text-fg-muted">{name}</dt>
          <dd className="font-mono break-words text-fg">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

import { Inbox } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "./cn";

export type EmptyStateProps = {
  /** An icon element, e.g. <Bot />; defaults to an inbox. */
  icon?: ReactNode;
  title: string;
  /** Say what to do next. */
  description?: ReactNode;
  /** A button or link that does the next thing. */
  action?: ReactNode;
  className?: string;
};

export function EmptyState({ icon, title, description, action, className }: EmptyStateProps) {
  return (
    <div
      className={cn(
        "flex flex-col items-center justify-center gap-2 rounded-lg border border-dashed border-border-strong bg-surface px-6 py-10 text-center",
        className,
      )}
    >
      <span aria-hidden="true" className="text-fg-muted [&_svg]:size-6">
        {icon ?? <Inbox />}
      </span>
      <p className="text-sm font-semibold text-fg">{title}</p>
      {description ? <div className="max-w-md text-sm text-fg-muted">{description}</div> : null}
      {action ? <div className="mt-2">{action}</div> : null}
    </div>
  );
}

import Link from "next/link";
import type { ReactNode } from "react";
import type { Tone } from "./badge";
import { cn } from "./cn";

const toneClasses: Record<Tone, { stripe: string; value: string }> = {
  ok: { stripe: "border-l-ok", value: "text-ok-fg" },
  warn: { stripe: "border-l-warn", value: "text-warn-fg" },
  danger: { stripe: "border-l-danger", value: "text-danger-fg" },
  info: { stripe: "border-l-info", value: "text-info-fg" },
  muted: { stripe: "border-l-border-strong", value: "text-fg" },
};

export type StatTileProps = {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  tone?: Tone;
  /** Makes the whole tile a link to the list behind the figure. */
  href?: string;
  className?: string;
};

export function StatTile({ label, value, hint, tone, href, className }: StatTileProps) {
  const toneClass = tone ? toneClasses[tone] : undefined;
  const classes = cn(
    "flex flex-col gap-0.5 rounded-lg border border-border bg-surface px-4 py-3",
    toneClass && ["border-l-4", toneClass.stripe],
    href && "transition-colors hover:border-border-strong hover:bg-surface-muted",
    className,
  );
  const body = (
    <>
      <span className="text-xs font-medium text-fg-muted">{label}</span>
      <span className={cn("text-2xl font-semibold tabular-nums", toneClass?.value ?? "text-fg")}>{value}</span>
      {hint ? <span className="text-xs text-fg-muted">{hint}</span> : null}
    </>
  );
  return href ? (
    <Link href={href} className={classes}>
      {body}
    </Link>
  ) : (
    <div className={classes}>{body}</div>
  );
}

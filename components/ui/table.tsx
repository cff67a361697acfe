import { ArrowDown, ArrowUp, ChevronsUpDown } from "lucide-react";
import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

export type TableProps = ComponentProps<"table"> & {
  /** Accessible name: rendered as a visually hidden caption and names the scroll region. */
  label?: string;
  /** Classes for the scroll container; override the max height here. */
  containerClassName?: string;
};

// The table grows with the page (an inner 70vh scroll box hid the last rows and, at 1440 px, the
// Prices table's Delete buttons behind a scrollbar nobody saw); the container only scrolls sideways
// when the table is wider than the page. It is focusable so keyboard users can scroll it (axe:
// scrollable-region-focusable). A containerClassName with a max height brings the inner scroll back.
export function Table({ label, containerClassName, className, children, ...props }: TableProps) {
  return (
    <div
      role={label ? "region" : undefined}
      aria-label={label}
      tabIndex={0}
      className={cn(
        "overflow-x-auto rounded-lg border border-border bg-surface focus-visible:outline-offset-0",
        containerClassName,
      )}
    >
      <table className={cn("w-full border-separate border-spacing-0 text-left text-sm", className)} {...props}>
        {label ? <caption className="sr-only">{label}</caption> : null}
        {children}
      </table>
    </div>
  );
}

export function THead({ className, ...props }: ComponentProps<"thead">) {
  return <thead className={cn("sticky top-0 z-10 bg-surface-muted", className)} {...props} />;
}

export function TBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody className={cn("[&>tr:last-child>td]:border-b-0", className)} {...props} />;
}

export function TR({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={cn("hover:bg-surface-muted/60 aria-selected:bg-accent-soft", className)} {...props} />;
}

export type SortDirection = "asc" | "desc" | "none";

export type THProps = Omit<ComponentProps<"th">, "onClick"> & {
  /** Set on sortable columns: "none" means sortable but not the current sort. */
  sort?: SortDirection;
  /** Link-based sorting (keeps the sort in the URL). */
  sortHref?: string;
  /** Client-side sorting; only usable from client components. */
  onSort?: () => void;
  numeric?: boolean;
};

const ariaSort = { asc: "ascending", desc: "descending", none: "none" } as const;

function SortIcon({ sort }: { sort: SortDirection }) {
  const Icon = sort === "asc" ? ArrowUp : sort === "desc" ? ArrowDown : ChevronsUpDown;
  return <Icon aria-hidden="true" className={cn("size-3.5", sort === "none" && "text-fg-muted")} />;
}

export function TH({ sort, sortHref, onSort, numeric, className, children, scope = "col", ...props }: THProps) {
  const sortable = sort !== undefined && (sortHref !== undefined || onSort !== undefined);
  const triggerClasses = cn(
    "-mx-1 inline-flex items-center gap-1 rounded-sm px-1 hover:text-fg focus-visible:outline-2 focus-visible:outline-accent",
    numeric && "flex-row-reverse",
  );
  let content: ReactNode = children;
  if (sortable && sortHref !== undefined) {
    content = (
      <Link href={sortHref} className={triggerClasses} scroll={false}>
        {children}
        <SortIcon sort={sort} />
      </Link>
    );
  } else if (sortable) {
    content = (
      <button type="button" onClick={onSort} className={triggerClasses}>
        {children}
        <SortIcon sort={sort} />
      </button>
    );
  }
  return (
    <th
      scope={scope}
      aria-sort={sortable ? ariaSort[sort] : undefined}
      className={cn(
        "border-b border-border px-3 py-2 text-xs font-semibold whitespace-nowrap text-fg-muted",
        numeric && "text-right",
        className,
      )}
      {...props}
    >
      {content}
    </th>
  );
}

export type TDProps = ComponentProps<"td"> & { numeric?: boolean };

export function TD({ numeric, className, ...props }: TDProps) {
  return (
    <td
      className={cn(
        "border-b border-border px-3 py-1.5 align-middle",
        numeric && "text-right tabular-nums",
        className,
      )}
      {...props}
    />
  );
}

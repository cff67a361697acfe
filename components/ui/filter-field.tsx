import type { ReactNode } from "react";

// A labelled field of a URL-kept filter form (audit log, decision log).
export function FilterField({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-fg">
        {label}
      </label>
      {children}
    </div>
  );
}

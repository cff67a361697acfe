import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { cn } from "@/components/ui/cn";
import type { PolicyView } from "@/lib/policies/policy-view";
import { policyScopeHref } from "./policy-scope-params";

type PolicyScopeListProps = {
  slug: string;
  policies: PolicyView[];
  selectedKey: string;
  // A scope being written that has no policy yet (shown so the selection is visible).
  draft?: { key: string; label: string };
};

// The agent's scopes, most general first (the order the guard ranks them in).
export function PolicyScopeList({ slug, policies, selectedKey, draft }: PolicyScopeListProps) {
  const items = [
    ...policies.map((policy) => ({ key: policy.scopeKey, label: policy.scopeLabel, policy })),
    ...(draft && !policies.some((policy) => policy.scopeKey === draft.key) ? [{ key: draft.key, label: draft.label, policy: null }] : []),
  ];
  return (
    <nav aria-label="Policy scopes">
      <ul className="flex flex-col gap-1" data-testid="policy-scopes">
        {items.map(({ key, label, policy }) => {
          const selected = key === selectedKey;
          return (
            <li key={key}>
              <Link
                href={policyScopeHref(slug, key)}
                aria-current={selected ? "page" : undefined}
                className={cn(
                  "flex flex-col gap-0.5 rounded-md border px-3 py-2 text-sm hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-accent",
                  selected ? "border-accent bg-surface-muted" : "border-border bg-surface",
                )}
              >
                <span className="font-medium">{label}</span>
                <span className="text-xs text-fg-muted">
                  {policy ? (
                    <>
                      v{policy.version} · <RelativeTime value={policy.updatedAt} />
                      {policy.updatedBy ? ` · ${policy.updatedBy.name}` : ""}
                    </>
                  ) : (
                    "new, not saved yet"
                  )}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

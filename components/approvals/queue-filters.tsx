"use client";

import Link from "next/link";
import { parseAsString, useQueryState } from "nuqs";
import { Select } from "@/components/ui/select";
import type { HeldDecision } from "@/lib/approvals/list-held";

// The queue's filters live in the URL (?agent=&reason=) so a filtered queue can be shared.
export function useQueueFilters() {
  const [agent, setAgent] = useQueryState("agent", parseAsString.withDefault(""));
  const [reason, setReason] = useQueryState("reason", parseAsString.withDefault(""));
  const matches = (heldDecision: HeldDecision) =>
    (!agent || heldDecision.agent.slug === agent) && (!reason || heldDecision.reasons.some((held) => held.code === reason));
  return { agent, reason, setAgent, setReason, matches };
}

type QueueFiltersProps = ReturnType<typeof useQueueFilters> & { held: HeldDecision[] };

export function QueueFilters({ agent, reason, setAgent, setReason, held }: QueueFiltersProps) {
  // Options are what is waiting now, plus the filter in the URL (it may match nothing any more).
  const agents = [...new Set([...held.map((row) => row.agent.slug), ...(agent ? [agent] : [])])].sort();
  const reasons = [...new Set([...held.flatMap((row) => row.reasons.map((held) => held.code)), ...(reason ? [reason] : [])])].sort();
  return (
    <div role="group" aria-label="Filter the held actions" className="flex flex-wrap items-end gap-3">
      <div className="flex flex-col gap-1">
        <label htmlFor="queue-agent" className="text-xs font-medium text-fg">
          Agent
        </label>
        <Select id="queue-agent" value={agent} onChange={(event) => void setAgent(event.target.value || null)} wrapperClassName="w-48">
          <option value="">Every agent</option>
          {agents.map((slug) => (
            <option key={slug} value={slug}>
              {slug}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="queue-reason" className="text-xs font-medium text-fg">
          Reason
        </label>
        <Select id="queue-reason" value={reason} onChange={(event) => void setReason(event.target.value || null)} wrapperClassName="w-48">
          <option value="">Any reason</option>
          {reasons.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </Select>
      </div>
      {agent || reason ? (
        <button
          type="button"
          onClick={() => {
            void setAgent(null);
            void setReason(null);
          }}
          className="inline-flex h-8 items-center text-sm text-accent underline-offset-2 hover:underline"
        >
          Clear filters
        </button>
      ) : null}
      <Link href="#recent-decisions-heading" className="ml-auto inline-flex h-8 items-center text-sm text-accent underline-offset-2 hover:underline">
        Decided in the last 24 hours
      </Link>
    </div>
  );
}

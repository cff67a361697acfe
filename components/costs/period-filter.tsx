"use client";

import { CalendarRange } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { periodLabels, periodPresets } from "@/lib/costs/period";
import type { CostViewParams } from "./cost-params";

export type PeriodFilterProps = {
  /** Where the form submits (/costs or an agent's cost tab). */
  action: string;
  params: CostViewParams;
  /** The days the current view covers, to start a custom range from. */
  fromDay: string;
  toDay: string;
};

// A GET form: the URL it produces is the shareable view. The day inputs exist only for a custom range,
// so a preset never carries stale dates.
export function PeriodFilter({ action, params, fromDay, toDay }: PeriodFilterProps) {
  const initial = params.from || params.to ? "custom" : (params.period ?? "30d");
  const [period, setPeriod] = useState(initial);
  return (
    <form method="get" action={action} role="search" aria-label="Filter costs" className="mb-4 flex flex-wrap items-end gap-3">
      <div className="flex w-44 flex-col gap-1">
        <Label htmlFor="cost-period">Period</Label>
        <Select id="cost-period" name="period" value={period} onChange={(event) => setPeriod(event.target.value)}>
          {[...periodPresets, "custom" as const].map((preset) => (
            <option key={preset} value={preset}>
              {periodLabels[preset]}
            </option>
          ))}
        </Select>
      </div>
      {period === "custom" ? (
        <>
          <div className="flex w-40 flex-col gap-1">
            <Label htmlFor="cost-from">From (UTC)</Label>
            <Input id="cost-from" type="date" name="from" defaultValue={params.from ?? fromDay} required />
          </div>
          <div className="flex w-40 flex-col gap-1">
            <Label htmlFor="cost-to">To (UTC, inclusive)</Label>
            <Input id="cost-to" type="date" name="to" defaultValue={params.to ?? toDay} required />
          </div>
        </>
      ) : null}
      {params.groupBy && params.groupBy !== "agent" ? <input type="hidden" name="groupBy" value={params.groupBy} /> : null}
      {params.month ? <input type="hidden" name="month" value={params.month} /> : null}
      <Button type="submit">
        <CalendarRange aria-hidden="true" />
        Apply
      </Button>
    </form>
  );
}

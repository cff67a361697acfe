import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { Chargeback } from "@/lib/costs/chargeback";
import { monthLabel, recentMonths } from "@/lib/costs/period";
import { chargebackCsvUrl } from "@/lib/costs/queries";
import { ChargebackTable } from "./chargeback-table";
import { costSearch, type CostViewParams } from "./cost-params";

export type ChargebackSectionProps = { chargeback: Chargeback; params: CostViewParams; now?: Date };

// The monthly bill per department, for any month, with the same figures as a CSV download.
export function ChargebackSection({ chargeback, params, now = new Date() }: ChargebackSectionProps) {
  const months = recentMonths(now, 12);
  if (!months.includes(chargeback.month)) months.unshift(chargeback.month);
  return (
    <Card aria-label="Monthly chargeback" className="mt-4">
      <CardHeader className="flex-wrap">
        <div className="flex flex-col gap-0.5">
          <CardTitle>Monthly chargeback</CardTitle>
          <CardDescription>
            What each department (team) owes for {monthLabel(chargeback.month)}: traces started in the month (UTC), by the team they were
            recorded under. Unpriced spans are not in the cost.
          </CardDescription>
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <form method="get" action="/costs" className="flex items-end gap-2">
            {[...new URLSearchParams(costSearch(params, ["period", "from", "to", "groupBy"]))].map(([key, value]) => (
              <input key={key} type="hidden" name={key} value={value} />
            ))}
            <div className="flex flex-col gap-1">
              <Label htmlFor="chargeback-month">Chargeback month</Label>
              <Select id="chargeback-month" name="month" defaultValue={chargeback.month} wrapperClassName="w-44">
                {months.map((month) => (
                  <option key={month} value={month}>
                    {monthLabel(month)}
                  </option>
                ))}
              </Select>
            </div>
            <Button type="submit">Show month</Button>
          </form>
          <Button asChild variant="primary">
            <a href={chargebackCsvUrl(chargeback.month)} download>
              <Download aria-hidden="true" />
              Download CSV
            </a>
          </Button>
        </div>
      </CardHeader>
      {chargeback.rows.length === 0 ? (
        <p className="px-4 py-6 text-center text-sm text-fg-muted">No traces were recorded in {monthLabel(chargeback.month)}: nothing to charge back.</p>
      ) : (
        <ChargebackTable chargeback={chargeback} />
      )}
    </Card>
  );
}

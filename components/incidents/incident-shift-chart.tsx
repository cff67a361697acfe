import Link from "next/link";
import { DriftChart } from "@/components/drift/drift-chart";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Principal } from "@/lib/auth/principal";
import { getDriftSeries, toSeriesResponse } from "@/lib/drift/series/get-drift-series";

const HOUR = 3_600_000;

// The chart of the drifting metric around the incident: from before the shift (or the alert) to the
// resolution, or now. Nothing when the incident's alert has no metric (a budget alert).
export async function IncidentShiftChart({
  principal,
  slug,
  metric,
  around,
  until,
}: {
  principal: Principal;
  slug: string;
  metric: string | null;
  around: Date | string;
  until: Date | string | null;
}) {
  if (!metric) return null;
  const shift = new Date(around).getTime();
  const to = until ? new Date(Math.min(Date.now(), new Date(until).getTime() + 6 * HOUR)) : new Date();
  // Before the shift: twice as long as after it (6 h to 2 days), so both sides are readable.
  const from = new Date(shift - Math.min(48 * HOUR, Math.max(6 * HOUR, 2 * (to.getTime() - shift))));
  const series = await getDriftSeries(principal, slug, metric, { from, to }).catch((error: unknown) => {
    console.error("[control-room] incident chart failed", error);
    return null;
  });
  if (!series) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{series.label} around the shift</CardTitle>
        <CardDescription>
          Against the agent&apos;s baseline, with every change around it.{" "}
          <Link className="text-accent underline-offset-2 hover:underline" href={`/agents/${slug}/drift?metric=${encodeURIComponent(metric)}`}>
            Open the drift chart
          </Link>
        </CardDescription>
      </CardHeader>
      <CardContent>
        <DriftChart slug={slug} series={toSeriesResponse(series)} />
      </CardContent>
    </Card>
  );
}

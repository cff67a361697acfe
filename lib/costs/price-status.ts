// Pure: which rows of the price table are in force. Per model, the newest row that has started is
// "current", later rows are "scheduled", earlier ones "superseded" (kept: stored spans were priced by them).
export type PriceStatus = "current" | "scheduled" | "superseded";

type Dated = { model: string; effectiveFrom: Date };

export function priceStatuses<T extends Dated>(rows: readonly T[], now: Date = new Date()): (T & { status: PriceStatus })[] {
  const currentStart = new Map<string, number>();
  for (const row of rows) {
    const start = row.effectiveFrom.getTime();
    if (start > now.getTime()) continue;
    const model = row.model.toLowerCase();
    if (start > (currentStart.get(model) ?? -Infinity)) currentStart.set(model, start);
  }
  return rows.map((row) => {
    const start = row.effectiveFrom.getTime();
    const current = currentStart.get(row.model.toLowerCase());
    const status: PriceStatus = start > now.getTime() ? "scheduled" : start === current ? "current" : "superseded";
    return { ...row, status };
  });
}

// Pure period math for the cost views. Days and months are UTC, so a report reads the same for
// everyone, whatever their time zone, and a month's chargeback never shifts between viewers.
export const periodPresets = ["7d", "30d", "90d", "this-month", "last-month"] as const;
export type PeriodPreset = (typeof periodPresets)[number];

export const periodLabels: Record<PeriodPreset | "custom", string> = {
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  "90d": "Last 90 days",
  "this-month": "This month",
  "last-month": "Last month",
  custom: "Custom range",
};

export const DAY_MS = 86_400_000;

export type PeriodInput = { period?: PeriodPreset | "custom"; from?: string; to?: string };

export type ResolvedPeriod = {
  preset: PeriodPreset | "custom";
  label: string;
  /** Inclusive start (UTC midnight). */
  from: Date;
  /** Exclusive end (UTC midnight after the last day). */
  to: Date;
  /** The first and last day shown, YYYY-MM-DD (both inclusive). */
  fromDay: string;
  toDay: string;
  days: number;
  /** The period of equal length just before, for trends. */
  previous: { from: Date; to: Date };
};

export const dayOf = (date: Date) => date.toISOString().slice(0, 10);
export const monthOf = (date: Date) => date.toISOString().slice(0, 7);

export const startOfUtcDay = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
const startOfUtcMonth = (date: Date, offsetMonths = 0) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offsetMonths, 1));
export const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);
export const parseDay = (day: string) => new Date(`${day}T00:00:00.000Z`);

// Custom ranges name both days inclusively (from=2026-01-01&to=2026-01-31 is all of January).
export function resolvePeriod(input: PeriodInput, now: Date = new Date()): ResolvedPeriod {
  const today = startOfUtcDay(now);
  const tomorrow = addDays(today, 1);
  let preset: PeriodPreset | "custom";
  let from: Date;
  let to: Date;
  if (input.from && input.to) {
    preset = "custom";
    from = parseDay(input.from);
    to = addDays(parseDay(input.to), 1);
  } else {
    preset = input.period && input.period !== "custom" ? input.period : "30d";
    switch (preset) {
      case "7d":
      case "30d":
      case "90d":
        to = tomorrow;
        from = addDays(tomorrow, -Number.parseInt(preset, 10));
        break;
      case "this-month":
        from = startOfUtcMonth(now);
        to = tomorrow;
        break;
      case "last-month":
        from = startOfUtcMonth(now, -1);
        to = startOfUtcMonth(now);
        break;
    }
  }
  const length = to.getTime() - from.getTime();
  const days = Math.round(length / DAY_MS);
  const fromDay = dayOf(from);
  const toDay = dayOf(addDays(to, -1));
  const label = preset === "custom" ? `${fromDay} – ${toDay}` : `${periodLabels[preset]} (${fromDay} – ${toDay})`;
  return { preset, label, from, to, fromDay, toDay, days, previous: { from: new Date(from.getTime() - length), to: from } };
}

// Every day of the period, so the chart shows days without spend as zero instead of skipping them.
export function daysOf(period: Pick<ResolvedPeriod, "from" | "to">): string[] {
  const days: string[] = [];
  for (let day = period.from; day < period.to; day = addDays(day, 1)) days.push(dayOf(day));
  return days;
}

// A calendar month "YYYY-MM" as [from, to).
export function monthRange(month: string): { from: Date; to: Date } {
  const [year, monthNumber] = month.split("-").map(Number);
  return { from: new Date(Date.UTC(year, monthNumber - 1, 1)), to: new Date(Date.UTC(year, monthNumber, 1)) };
}

// The current month and the ones before it, newest first, for the chargeback month picker.
export function recentMonths(now: Date = new Date(), count = 12): string[] {
  return Array.from({ length: count }, (_, index) => monthOf(startOfUtcMonth(now, -index)));
}

export function monthLabel(month: string): string {
  const { from } = monthRange(month);
  return from.toLocaleString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
}

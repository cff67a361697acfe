import { budgetWindows } from "../policies/document-schema";

// Budget windows are calendar periods in UTC: the day, the ISO week (from Monday) and the month.
export type BudgetWindow = (typeof budgetWindows)[number];
export { budgetWindows };

export function windowStart(window: BudgetWindow, at: Date): Date {
  const [year, month, day] = [at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()];
  if (window === "month") return new Date(Date.UTC(year, month, 1));
  if (window === "week") return new Date(Date.UTC(year, month, day - ((at.getUTCDay() + 6) % 7)));
  return new Date(Date.UTC(year, month, day));
}

export function windowEnd(window: BudgetWindow, start: Date): Date {
  const [year, month, day] = [start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()];
  if (window === "month") return new Date(Date.UTC(year, month + 1, 1));
  return new Date(Date.UTC(year, month, day + (window === "week" ? 7 : 1)));
}

export const windowStarts = (at: Date): Record<BudgetWindow, Date> => ({
  day: windowStart("day", at),
  week: windowStart("week", at),
  month: windowStart("month", at),
});

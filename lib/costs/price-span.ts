// Pure pricing: which price applies to a model at a time, and what a span's tokens cost.
export type PriceRow = {
  model: string;
  inputPerMTok: number;
  outputPerMTok: number;
  cachedInputPerMTok: number | null;
  effectiveFrom: Date;
};

export type PriceBook = Map<string, PriceRow[]>; // model → rows, newest effectiveFrom first

export function buildPriceBook(rows: PriceRow[]): PriceBook {
  const book: PriceBook = new Map();
  for (const row of rows) {
    const key = row.model.toLowerCase();
    const list = book.get(key) ?? [];
    list.push(row);
    book.set(key, list);
  }
  for (const list of book.values()) list.sort((a, b) => b.effectiveFrom.getTime() - a.effectiveFrom.getTime());
  return book;
}

// Exact name first, then the longest known name the model starts with ("gpt-4o-2024-08-06" → "gpt-4o"),
// ignoring a provider prefix such as "openai/" or "models/".
export function findPrice(book: PriceBook, model: string | null | undefined, at: Date): PriceRow | null {
  if (!model) return null;
  const name = model.toLowerCase().replace(/^.*\//, "");
  let rows = book.get(name);
  if (!rows) {
    let best = "";
    for (const key of book.keys()) {
      if (name.startsWith(key) && key.length > best.length && /[-.:@_]|$/.test(name.charAt(key.length) || "")) best = key;
    }
    rows = best ? book.get(best) : undefined;
  }
  if (!rows) return null;
  return rows.find((row) => row.effectiveFrom.getTime() <= at.getTime()) ?? null;
}

export type SpanUsage = {
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cachedInputTokens: number | null;
  startTime: Date;
};

// USD cost, or null when the span used tokens of a model with no price ("unpriced", never $0).
// Cached input tokens are part of the input tokens and billed at the cached rate when there is one.
export function priceSpan(book: PriceBook, usage: SpanUsage): number | null {
  const input = usage.inputTokens ?? 0;
  const output = usage.outputTokens ?? 0;
  if (!usage.model || (input === 0 && output === 0)) return null;
  const price = findPrice(book, usage.model, usage.startTime);
  if (!price) return null;
  const cached = Math.min(usage.cachedInputTokens ?? 0, input);
  const cachedRate = price.cachedInputPerMTok ?? price.inputPerMTok;
  const cost = ((input - cached) * price.inputPerMTok + cached * cachedRate + output * price.outputPerMTok) / 1_000_000;
  return Math.round(cost * 1e8) / 1e8;
}

// Whether a span should have had a price: it reports tokens of a model.
export const needsPrice = (usage: SpanUsage) => Boolean(usage.model) && ((usage.inputTokens ?? 0) > 0 || (usage.outputTokens ?? 0) > 0);

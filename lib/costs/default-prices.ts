// List prices (USD per million tokens) of common models, seeded into the price table when it is empty.
// Admins edit the table; a new row with a later effectiveFrom replaces a price from that date on.
export type PriceSeed = { model: string; provider: string; input: number; output: number; cachedInput?: number };

export const PRICES_EFFECTIVE_FROM = new Date("2025-01-01T00:00:00Z");

export const defaultPrices: PriceSeed[] = [
  { model: "gpt-5", provider: "openai", input: 1.25, output: 10, cachedInput: 0.125 },
  { model: "gpt-5-mini", provider: "openai", input: 0.25, output: 2, cachedInput: 0.025 },
  { model: "gpt-5-nano", provider: "openai", input: 0.05, output: 0.4, cachedInput: 0.005 },
  { model: "gpt-4.1", provider: "openai", input: 2, output: 8, cachedInput: 0.5 },
  { model: "gpt-4.1-mini", provider: "openai", input: 0.4, output: 1.6, cachedInput: 0.1 },
  { model: "gpt-4.1-nano", provider: "openai", input: 0.1, output: 0.4, cachedInput: 0.025 },
  { model: "gpt-4o", provider: "openai", input: 2.5, output: 10, cachedInput: 1.25 },
  { model: "gpt-4o-mini", provider: "openai", input: 0.15, output: 0.6, cachedInput: 0.075 },
  { model: "o3", provider: "openai", input: 2, output: 8, cachedInput: 0.5 },
  { model: "o4-mini", provider: "openai", input: 1.1, output: 4.4, cachedInput: 0.275 },
  { model: "claude-opus-4-1", provider: "anthropic", input: 15, output: 75, cachedInput: 1.5 },
  { model: "claude-opus-4", provider: "anthropic", input: 15, output: 75, cachedInput: 1.5 },
  { model: "claude-sonnet-4-5", provider: "anthropic", input: 3, output: 15, cachedInput: 0.3 },
  { model: "claude-sonnet-4", provider: "anthropic", input: 3, output: 15, cachedInput: 0.3 },
  { model: "claude-haiku-4-5", provider: "anthropic", input: 1, output: 5, cachedInput: 0.1 },
  { model: "claude-3-5-haiku", provider: "anthropic", input: 0.8, output: 4, cachedInput: 0.08 },
  { model: "gemini-2.5-pro", provider: "google", input: 1.25, output: 10, cachedInput: 0.31 },
  { model: "gemini-2.5-flash", provider: "google", input: 0.3, output: 2.5, cachedInput: 0.075 },
  { model: "gemini-2.0-flash", provider: "google", input: 0.1, output: 0.4, cachedInput: 0.025 },
  { model: "mistral-large", provider: "mistral", input: 2, output: 6 },
  { model: "mistral-small", provider: "mistral", input: 0.1, output: 0.3 },
  { model: "text-embedding-3-small", provider: "openai", input: 0.02, output: 0 },
  { model: "text-embedding-3-large", provider: "openai", input: 0.13, output: 0 },
];

// The seed as model_prices rows.
export const defaultPriceRows = () =>
  defaultPrices.map((price) => ({
    model: price.model,
    provider: price.provider,
    inputPerMTok: price.input,
    outputPerMTok: price.output,
    cachedInputPerMTok: price.cachedInput ?? null,
    effectiveFrom: PRICES_EFFECTIVE_FROM,
  }));

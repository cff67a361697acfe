import { defaultPrices } from "../costs/default-prices";

// Models the fleet calls: the seeded list prices' names, so costs come out priced, plus one
// self-hosted model that has no list price (it must show as "unpriced", not $0).
export const UNPRICED_MODEL = "llama-3.3-70b-instruct";

// gen_ai.provider.name values of the GenAI conventions for the price table's provider names.
const semconvProvider: Record<string, string> = { openai: "openai", anthropic: "anthropic", google: "gcp.gemini", mistral: "mistral_ai" };

export function providerOf(model: string): string {
  const price = defaultPrices.find((row) => row.model === model);
  return price ? (semconvProvider[price.provider] ?? price.provider) : "vllm";
}

export const supportsPromptCache = (model: string) => defaultPrices.some((row) => row.model === model && row.cachedInput !== undefined);

export const isReasoningModel = (model: string) => /^(gpt-5|o3|o4)/.test(model);

// Decode speed: small models stream faster than large ones.
export function msPerOutputToken(model: string): number {
  if (/opus/.test(model)) return 32;
  if (/(nano|mini|haiku|flash|small)/.test(model)) return 7;
  if (model === UNPRICED_MODEL) return 12;
  return 18;
}

// Roughly four characters per token for English prose and JSON.
export const estimateTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

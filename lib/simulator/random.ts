// Small helpers for plausible variety. Math.random is enough: the fleet is a demo, not a test fixture.
export const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

export const chance = (probability: number) => Math.random() < probability;

export function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)];
}

// A duration around `ms`, ±spread, never below 1 ms (latencies are never exactly the same twice).
export const around = (ms: number, spread = 0.35) => Math.max(1, Math.round(ms * (1 - spread + Math.random() * 2 * spread)));

export function pickWeighted<T extends { weight: number }>(items: readonly T[]): T | undefined {
  const total = items.reduce((sum, item) => sum + Math.max(0, item.weight), 0);
  if (total <= 0) return undefined;
  let roll = Math.random() * total;
  for (const item of items) {
    roll -= Math.max(0, item.weight);
    if (roll < 0) return item;
  }
  return items[items.length - 1];
}

// Business identifiers (claim numbers, order ids) that look like a real system's.
export const reference = (prefix: string, digits = 6) => `${prefix}-${String(randomInt(0, 10 ** digits - 1)).padStart(digits, "0")}`;

export const money = (min: number, max: number) => Math.round((min + Math.random() * (max - min)) * 100) / 100;

// A roll in [0, 1) fixed by a text: the same input always rolls the same (FNV-1a, 32 bits). An agent's
// decision that follows from its input is what an evaluation can replay.
export function rollOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 2 ** 32;
}

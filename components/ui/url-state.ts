import { createParser } from "nuqs/server";

// Shared pieces of the views' URL state (nuqs parsers; client-safe).

/** Free text from the URL: trimmed (and capped, when the view has a cap); an empty value counts as absent. */
export const parseAsText = (max = Number.POSITIVE_INFINITY) =>
  createParser({ parse: (value) => value.trim().slice(0, max) || null, serialize: (value: string) => value });

/**
 * nuqs loaders answer null for an absent or unparsable value; the views' parameter types use optional
 * fields instead.
 */
export function definedOnly<T extends Record<string, unknown>>(values: T): { [K in keyof T]?: NonNullable<T[K]> } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null && value !== undefined)) as { [K in keyof T]?: NonNullable<T[K]> };
}

// Tool names and resources in a policy may carry `*` wildcards ("tickets.*", "crm://customers/*").
// Exact names go into Maps; only the patterned ones pay for a regular expression.

export const hasWildcard = (pattern: string) => pattern.includes("*");

const escapeRegExp = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");

// `*` matches any run of characters, dots and slashes included: "tickets.*" covers "tickets.sub.create".
export function compileWildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.split("*").map(escapeRegExp).join("[\\s\\S]*")}$`);
}

export type NameMatcher = (name: string) => boolean;

// One matcher for a list of names and patterns (e.g. the allowed tools of an agent).
export function compileNameList(patterns: readonly string[]): NameMatcher {
  const exact = new Set(patterns.filter((pattern) => !hasWildcard(pattern)));
  const wildcards = patterns.filter(hasWildcard).map(compileWildcard);
  return (name) => exact.has(name) || wildcards.some((wildcard) => wildcard.test(name));
}

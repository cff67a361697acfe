import { createLoader, createSerializer, parseAsStringLiteral } from "nuqs/server";
import { parseAsText } from "@/components/ui/url-state";

// The policies tab's URL state (nuqs): ?scope=<scope key> selects a scope; &new=1 opens the editor on a
// scope that has no policy yet.
const scopeParsers = { scope: parseAsText(), new: parseAsStringLiteral(["1"] as const) };

export const loadPolicyScopeParams = createLoader(scopeParsers);
const serializeScope = createSerializer(scopeParsers);

export const policyScopeHref = (slug: string, scopeKey: string, isNew = false) =>
  serializeScope(`/agents/${slug}/policies`, { scope: scopeKey, new: isNew ? "1" : null });

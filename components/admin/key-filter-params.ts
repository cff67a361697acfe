import { createLoader, createSerializer, parseAsInteger, parseAsStringLiteral } from "nuqs/server";
import { parseAsText } from "@/components/ui/url-state";

// The API keys page's URL state (nuqs): ?agent=<slug> shows that agent's keys; &revoked=1 includes
// revoked ones; &page=N (1-based) is the page of KEY_PAGE_SIZE keys.
const keyFilterParsers = { agent: parseAsText(), revoked: parseAsStringLiteral(["1"] as const), page: parseAsInteger };

export const KEY_PAGE_SIZE = 50;

export const loadKeyFilters = createLoader(keyFilterParsers);
const serializeKeyFilters = createSerializer(keyFilterParsers);

export const keysHref = (agent?: string, options: { revoked?: boolean; page?: number } = {}) =>
  serializeKeyFilters("/admin/keys", {
    agent: agent ?? null,
    revoked: options.revoked ? "1" : null,
    page: options.page && options.page > 1 ? options.page : null,
  });

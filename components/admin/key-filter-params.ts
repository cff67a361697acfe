import { createLoader, createSerializer, parseAsStringLiteral } from "nuqs/server";
import { parseAsText } from "@/components/ui/url-state";

// The API keys page's filter (nuqs): ?agent=<slug> shows that agent's keys; &revoked=1 includes revoked ones.
const keyFilterParsers = { agent: parseAsText(), revoked: parseAsStringLiteral(["1"] as const) };

export const loadKeyFilters = createLoader(keyFilterParsers);
const serializeKeyFilters = createSerializer(keyFilterParsers);

export const keysHref = (agent?: string) => serializeKeyFilters("/admin/keys", { agent: agent ?? null });

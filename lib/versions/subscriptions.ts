import { every } from "../events/jobs";
import { guardCanaries, GUARD_CANARIES_EVERY_MS } from "./guard-canaries";
import { purgeVersionSessions, PURGE_SESSIONS_EVERY_MS } from "./purge-version-sessions";

// The guarded canary: every running canary is judged against production continuously.
every({ name: "guarded canary", intervalMs: GUARD_CANARIES_EVERY_MS, run: () => guardCanaries() });

every({ name: "version session purge", intervalMs: PURGE_SESSIONS_EVERY_MS, run: () => purgeVersionSessions() });

import { beforeEach, describe, expect, it } from "vitest";
import type { AgentPrincipal, UserPrincipal } from "../auth/principal";
import { AGENT_KEY_TTL_MS, authenticateKeyCached } from "./agent-key-cache";
import { forgetCachedAgents } from "../agents/cached-agents";
import { AppError } from "../errors/app-error";

const agentPrincipal: AgentPrincipal = { kind: "agent", agentId: "a1", agentSlug: "refund-agent", teamId: "t1", keyId: "k1" };
const adminPrincipal: UserPrincipal = { kind: "user", userId: "u1", email: "a@x", name: "A", role: "admin", teamIds: [], via: "api-key" };
const KEY = "cr_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

// A lookup that counts its calls and answers what the test says the database holds.
function fakeLookup(answer: () => AgentPrincipal | UserPrincipal | Error) {
  const lookup = async (_key: string) => {
    lookup.calls += 1;
    const value = answer();
    if (value instanceof Error) throw value;
    return { ...value };
  };
  lookup.calls = 0;
  return lookup;
}

describe("authenticateKeyCached", () => {
  let clock = 1_000_000;
  const now = () => clock;
  beforeEach(() => {
    forgetCachedAgents();
    clock = 1_000_000;
  });

  it("answers an agent key from the cache until the TTL runs out, reloading it ahead in the background", async () => {
    const lookup = fakeLookup(() => agentPrincipal);
    expect(await authenticateKeyCached(KEY, lookup, now)).toEqual(agentPrincipal);
    clock += AGENT_KEY_TTL_MS * 0.6 - 1;
    expect(await authenticateKeyCached(` ${KEY}\n`, lookup, now)).toEqual(agentPrincipal);
    expect(lookup.calls).toBe(1);
    // Late in the TTL (by 90% of it): answered from the cache, and looked up again behind the answer.
    clock += AGENT_KEY_TTL_MS * 0.3 + 1;
    expect(await authenticateKeyCached(KEY, lookup, now)).toEqual(agentPrincipal);
    expect(lookup.calls).toBe(2);
    // A key nobody used for a whole TTL is looked up again before it is answered.
    clock += AGENT_KEY_TTL_MS;
    await authenticateKeyCached(KEY, lookup, now);
    expect(lookup.calls).toBe(3);
  });

  it("goes to the database again after forgetCachedAgents (revoke, status or team change)", async () => {
    let revoked = false;
    const lookup = fakeLookup(() => (revoked ? new AppError("unauthenticated", "Invalid or revoked API key") : agentPrincipal));
    await authenticateKeyCached(KEY, lookup, now);
    revoked = true;
    forgetCachedAgents();
    await expect(authenticateKeyCached(KEY, lookup, now)).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(authenticateKeyCached(KEY, lookup, now)).rejects.toMatchObject({ code: "unauthenticated" });
    expect(lookup.calls).toBe(3);
  });

  it("does not keep what a lookup read before a concurrent forget", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const slowLookup = async () => {
      calls += 1;
      if (calls === 1) await gate;
      return { ...agentPrincipal };
    };
    const pending = authenticateKeyCached(KEY, slowLookup, now);
    forgetCachedAgents();
    release();
    await pending;
    await authenticateKeyCached(KEY, slowLookup, now);
    expect(calls).toBe(2);
  });

  it("never caches admin keys, failures or a missing key", async () => {
    const admin = fakeLookup(() => adminPrincipal);
    await authenticateKeyCached(KEY, admin, now);
    await authenticateKeyCached(KEY, admin, now);
    expect(admin.calls).toBe(2);

    const failing = fakeLookup(() => new AppError("forbidden", "terminated"));
    await expect(authenticateKeyCached(KEY, failing, now)).rejects.toBeInstanceOf(AppError);
    await expect(authenticateKeyCached(KEY, failing, now)).rejects.toBeInstanceOf(AppError);
    expect(failing.calls).toBe(2);

    const missing = fakeLookup(() => new AppError("unauthenticated", "Missing API key"));
    await expect(authenticateKeyCached(null, missing, now)).rejects.toMatchObject({ code: "unauthenticated" });
    expect(missing.calls).toBe(1);
  });
});

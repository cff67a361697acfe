import { describe, expect, it } from "vitest";
import { inCanary, sessionBucket } from "./canary-split";

describe("the canary split", () => {
  const agentId = "6f1c1f7e-3a4b-4c5d-9e8f-0123456789ab";
  const sessions = Array.from({ length: 10_000 }, (_, index) => `session-${index}`);

  it.each([1, 10, 25, 50])("serves the canary to %i%% of 10,000 sessions, within ±3 points", (percent) => {
    const share = (sessions.filter((session) => inCanary(agentId, session, percent)).length / sessions.length) * 100;
    expect(Math.abs(share - percent)).toBeLessThanOrEqual(3);
  });

  it("is the same for a session every time, and raising the share keeps the canary's sessions in it", () => {
    for (const session of sessions.slice(0, 500)) {
      expect(sessionBucket(agentId, session)).toBe(sessionBucket(agentId, session));
      if (inCanary(agentId, session, 10)) expect(inCanary(agentId, session, 20)).toBe(true);
    }
  });

  it("splits each agent's sessions independently", () => {
    const other = "0a1b2c3d-0000-4000-8000-000000000000";
    const both = sessions.filter((session) => inCanary(agentId, session, 10) && inCanary(other, session, 10)).length;
    expect(both).toBeLessThan(200); // about 1% if independent, 10% if the same
  });
});

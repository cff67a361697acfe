import { describe, expect, it } from "vitest";
import { groupBySpan, mostSevere, outcomeOf } from "./guard-decision-view";

const decision = (decisionId: string, traceId: string | null, spanId: string | null) => ({ decisionId, traceId, spanId });

describe("outcomeOf", () => {
  const now = Date.parse("2030-01-01T12:00:00Z");
  const row = (verdict: "allow" | "deny" | "hold", status: string, finalVerdict: "allow" | "deny" | null = null, expiresAt: Date | null = null) => ({
    verdict,
    status,
    finalVerdict,
    expiresAt,
  });

  it("keeps allow and deny as answered", () => {
    expect(outcomeOf(row("allow", "decided"), now)).toEqual({ outcome: "allow", finalVerdict: null });
    expect(outcomeOf(row("deny", "decided"), now)).toEqual({ outcome: "deny", finalVerdict: null });
  });

  it("follows a hold to its review or expiry", () => {
    expect(outcomeOf(row("hold", "pending", null, new Date(now + 1000)), now)).toEqual({ outcome: "pending", finalVerdict: null });
    expect(outcomeOf(row("hold", "pending", null, new Date(now - 1)), now)).toEqual({ outcome: "expired", finalVerdict: "deny" });
    expect(outcomeOf(row("hold", "expired", "deny"), now)).toEqual({ outcome: "expired", finalVerdict: "deny" });
    expect(outcomeOf(row("hold", "decided", "allow"), now)).toEqual({ outcome: "approved", finalVerdict: "allow" });
    expect(outcomeOf(row("hold", "decided", "deny"), now)).toEqual({ outcome: "rejected", finalVerdict: "deny" });
  });
});

describe("mostSevere", () => {
  it("ranks blocked and waiting outcomes above allowed ones", () => {
    expect(mostSevere([])).toBeNull();
    expect(mostSevere([{ outcome: "allow" }, { outcome: "approved" }])).toBe("approved");
    expect(mostSevere([{ outcome: "allow" }, { outcome: "pending" }, { outcome: "approved" }])).toBe("pending");
    expect(mostSevere([{ outcome: "pending" }, { outcome: "deny" }, { outcome: "expired" }])).toBe("deny");
  });
});

describe("groupBySpan", () => {
  it("puts decisions on known spans (any case) and the rest at trace level", () => {
    const decisions = [decision("a", "t", "aa11"), decision("b", "t", "AA11"), decision("c", "t", null), decision("d", "t", "ff00")];
    const { bySpan, traceLevel } = groupBySpan(decisions, ["aa11", "bb22"]);
    expect(bySpan.get("aa11")?.map((entry) => entry.decisionId)).toEqual(["a", "b"]);
    expect(bySpan.has("bb22")).toBe(false);
    expect(traceLevel.map((entry) => entry.decisionId)).toEqual(["c", "d"]);
  });
});

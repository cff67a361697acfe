import { describe, expect, it } from "vitest";
import { decideStageChange, type Gate, type StageRequest } from "./stage-rules";
import { AppError } from "../errors/app-error";
import type { PromotableStage, VersionStage } from "./schemas";

const none: Gate = { kind: "none" };
const passed: Gate = { kind: "passed" };
const failed: Gate = { kind: "failed", message: "No passed run of the gating suite for v4" };

const base: StageRequest = { role: "developer", from: "staging", to: "canary", gate: none, hasProduction: true, otherCanary: null };
const decide = (change: Partial<StageRequest>) => {
  try {
    return decideStageChange({ ...base, ...change });
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
};

describe("the role × transition matrix", () => {
  const roles = ["viewer", "operator", "reviewer", "developer", "admin"] as const;
  const targets: PromotableStage[] = ["staging", "canary", "production"];

  // From staging, with production running, no gate (today's world: no agent has a gating suite yet).
  const expected: Record<(typeof roles)[number], Record<PromotableStage, string>> = {
    viewer: { staging: "forbidden", canary: "forbidden", production: "forbidden" },
    operator: { staging: "forbidden", canary: "forbidden", production: "forbidden" },
    reviewer: { staging: "forbidden", canary: "forbidden", production: "forbidden" },
    developer: { staging: "none", canary: "forbidden", production: "conflict" },
    admin: { staging: "none", canary: "move", production: "move" },
  };
  for (const role of roles) {
    for (const to of targets) {
      it(`${role} → ${to}: ${expected[role][to]}`, () => {
        const result = decide({ role, to, reason: "because" });
        expect(typeof result === "string" ? result : result.action).toBe(expected[role][to]);
      });
    }
  }

  it("a developer moves development → staging and ends a canary (canary → staging)", () => {
    expect(decide({ from: "development", to: "staging" })).toEqual({ action: "move", ungated: false });
    expect(decide({ from: "canary", to: "staging" })).toEqual({ action: "move", ungated: false });
  });

  it("a developer asks for production from canary, or from staging for the first deploy, ungated while no gate passed", () => {
    expect(decide({ from: "canary", to: "production" })).toEqual({ action: "request", ungated: true });
    expect(decide({ from: "staging", to: "production", hasProduction: false })).toEqual({ action: "request", ungated: true });
    expect(decide({ from: "canary", to: "production", gate: passed })).toEqual({ action: "request", ungated: false });
    expect(decide({ from: "development", to: "production", hasProduction: false })).toBe("conflict");
    expect(decide({ from: "retired", to: "production" })).toBe("conflict");
  });

  it("a passed gate lets a developer start a canary from staging, not from development", () => {
    expect(decide({ gate: passed })).toEqual({ action: "move", ungated: false });
    expect(decide({ gate: passed, from: "development" })).toBe("conflict");
  });

  it("a failed gate answers evaluation_required to developers; an admin overrides it with a reason, ungated", () => {
    expect(decide({ gate: failed })).toBe("evaluation_required");
    expect(decide({ gate: failed, from: "canary", to: "production" })).toBe("evaluation_required");
    expect(decide({ gate: failed, role: "admin", reason: "hotfix" })).toEqual({ action: "move", ungated: true });
    expect(decide({ gate: failed, role: "admin" })).toBe("validation_failed");
  });

  it("an admin needs a reason for an ungated canary, any direct production deploy, and skipping staging", () => {
    expect(decide({ role: "admin" })).toBe("validation_failed");
    expect(decide({ role: "admin", to: "production", gate: passed })).toBe("validation_failed");
    expect(decide({ role: "admin", to: "canary", gate: passed, from: "development" })).toBe("validation_failed");
    expect(decide({ role: "admin", to: "canary", gate: passed })).toEqual({ action: "move", ungated: false });
    expect(decide({ role: "admin", to: "production", from: "development", reason: "first deploy" })).toEqual({ action: "move", ungated: true });
  });

  it("a canary needs production to split with and no other canary", () => {
    expect(decide({ role: "admin", reason: "r", hasProduction: false })).toBe("conflict");
    expect(decide({ role: "admin", reason: "r", otherCanary: "v3" })).toBe("conflict");
  });

  it("production never moves by promotion; a repeated move is a no-op", () => {
    for (const to of targets) {
      const result = decide({ role: "admin", from: "production", to, reason: "r" });
      expect(typeof result === "string" ? result : result.action).toBe(to === "production" ? "none" : "conflict");
    }
    const same: VersionStage[] = ["staging"];
    for (const from of same) expect(decide({ from, to: "staging" })).toEqual({ action: "none" });
  });
});

import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { compareScopes, parseScopeKey, scopeKeyOf, scopeLabel } from "./policy-scope";

describe("scope keys", () => {
  const cases = [
    [{ workflow: "", decisionType: "" }, "agent"],
    [{ workflow: "claims-intake", decisionType: "" }, "workflow:claims-intake"],
    [{ workflow: "", decisionType: "claim.approve" }, "decisionType:claim.approve"],
    [{ workflow: "a:b/c", decisionType: "claim.approve" }, "workflow:a:b/c+decisionType:claim.approve"],
  ] as const;

  it.each(cases)("%o ⇄ %s", (scope, key) => {
    expect(scopeKeyOf(scope)).toBe(key);
    expect(parseScopeKey(key)).toEqual(scope);
  });

  it("refuses what is not a scope with a 400 that says what is", () => {
    for (const key of ["workflow:", "tool:x", "workflow:a+workflow:b", "workflow:has space", "decisionType:x+"]) {
      const error = (() => {
        try {
          parseScopeKey(key);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error, key).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("bad_request");
    }
  });

  it("labels and orders scopes as the guard ranks them", () => {
    const scopes = [
      { workflow: "w", decisionType: "d" },
      { workflow: "", decisionType: "d" },
      { workflow: "w", decisionType: "" },
      { workflow: "", decisionType: "" },
    ];
    expect([...scopes].sort(compareScopes).map(scopeLabel)).toEqual(["Agent-wide", "Workflow w", "Decision type d", "Workflow w · decision type d"]);
  });
});

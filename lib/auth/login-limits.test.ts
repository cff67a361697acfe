import { describe, expect, it } from "vitest";
import { ACCOUNT_FAILURE_LIMIT, CLIENT_FAILURE_LIMIT } from "./login-limits";

describe("the login limits", () => {
  // A client's windows are fixed, so within any window-long span it can fail at most twice its limit.
  it("let no single client reach the account lock", () => {
    expect(ACCOUNT_FAILURE_LIMIT).toBeGreaterThan(2 * CLIENT_FAILURE_LIMIT);
  });
});

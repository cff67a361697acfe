import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { checkScrapeToken } from "./scrape-token";

const refusal = (run: () => void) => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe("metrics scrape token", () => {
  it("lets every scrape in when no token is set", () => {
    expect(() => checkScrapeToken(null, undefined)).not.toThrow();
    expect(() => checkScrapeToken("Bearer anything", "")).not.toThrow();
  });

  it("takes the token as a bearer token, whatever the scheme's case", () => {
    expect(() => checkScrapeToken("Bearer s3cret-token", "s3cret-token")).not.toThrow();
    expect(() => checkScrapeToken("bearer s3cret-token", "s3cret-token")).not.toThrow();
  });

  it.each([
    ["no header", null],
    ["a wrong token", "Bearer s3cret-tokeN"],
    ["a prefix of the token", "Bearer s3cret"],
    ["the token without the scheme", "s3cret-token"],
    ["another scheme", "Basic s3cret-token"],
  ])("refuses %s as unauthenticated (401)", (_name, header) => {
    const error = refusal(() => checkScrapeToken(header, "s3cret-token"));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("unauthenticated");
    expect((error as AppError).status).toBe(401);
  });
});
